package dev.tollgate.console.service;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff between two texts (longest common subsequence), printed in unified diff format with
 * three lines of context. Used for the YAML preview before an edit is applied and for showing what
 * changed on the server after a 412.
 */
public final class LineDiff {

    /** Above this many cells the LCS table is skipped and the middle is shown as replaced whole. */
    static final long MAX_TABLE_CELLS = 4_000_000;
    static final int CONTEXT_LINES = 3;

    public enum Kind { SAME, ADDED, REMOVED }

    public record Line(Kind kind, String text) {}

    private LineDiff() {}

    public static List<Line> lines(String before, String after) {
        List<String> a = split(before);
        List<String> b = split(after);

        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }

        List<Line> result = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            result.add(new Line(Kind.SAME, a.get(i)));
        }
        result.addAll(middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix)));
        for (int i = a.size() - suffix; i < a.size(); i++) {
            result.add(new Line(Kind.SAME, a.get(i)));
        }
        return result;
    }

    public static boolean identical(String before, String after) {
        return lines(before, after).stream().allMatch(line -> line.kind() == Kind.SAME);
    }

    /** Prints the diff in unified format; returns an empty string when the texts have the same lines. */
    public static String unified(String before, String after, String beforeName, String afterName) {
        List<Line> lines = lines(before, after);
        if (lines.stream().allMatch(line -> line.kind() == Kind.SAME)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeName).append('\n');
        out.append("+++ ").append(afterName).append('\n');

        int index = 0;
        int oldLine = 1;
        int newLine = 1;
        while (index < lines.size()) {
            int change = nextChange(lines, index);
            if (change < 0) {
                break;
            }
            int hunkStart = Math.max(index, change - CONTEXT_LINES);
            for (int i = index; i < hunkStart; i++) {
                oldLine++;
                newLine++;
            }
            int hunkEnd = hunkEnd(lines, change);
            appendHunk(out, lines.subList(hunkStart, hunkEnd), oldLine, newLine);
            for (Line line : lines.subList(hunkStart, hunkEnd)) {
                if (line.kind() != Kind.ADDED) {
                    oldLine++;
                }
                if (line.kind() != Kind.REMOVED) {
                    newLine++;
                }
            }
            index = hunkEnd;
        }
        return out.toString();
    }

    private static int nextChange(List<Line> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).kind() != Kind.SAME) {
                return i;
            }
        }
        return -1;
    }

    /** Extends a hunk until more than twice the context of unchanged lines separates it from the next change. */
    private static int hunkEnd(List<Line> lines, int change) {
        int end = change;
        int unchangedRun = 0;
        for (int i = change; i < lines.size(); i++) {
            if (lines.get(i).kind() == Kind.SAME) {
                unchangedRun++;
                if (unchangedRun > 2 * CONTEXT_LINES) {
                    break;
                }
            } else {
                unchangedRun = 0;
                end = i;
            }
        }
        return Math.min(lines.size(), end + 1 + CONTEXT_LINES);
    }

    private static void appendHunk(StringBuilder out, List<Line> hunk, int oldStart, int newStart) {
        long oldCount = hunk.stream().filter(line -> line.kind() != Kind.ADDED).count();
        long newCount = hunk.stream().filter(line -> line.kind() != Kind.REMOVED).count();
        out.append("@@ -").append(oldStart).append(',').append(oldCount)
                .append(" +").append(newStart).append(',').append(newCount).append(" @@\n");
        for (Line line : hunk) {
            char marker = switch (line.kind()) {
                case SAME -> ' ';
                case ADDED -> '+';
                case REMOVED -> '-';
            };
            out.append(marker).append(line.text()).append('\n');
        }
    }

    private static List<Line> middle(List<String> a, List<String> b) {
        List<Line> result = new ArrayList<>();
        if ((long) a.size() * b.size() > MAX_TABLE_CELLS) {
            a.forEach(text -> result.add(new Line(Kind.REMOVED, text)));
            b.forEach(text -> result.add(new Line(Kind.ADDED, text)));
            return result;
        }
        // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..]
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                result.add(new Line(Kind.SAME, a.get(i)));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                result.add(new Line(Kind.REMOVED, a.get(i++)));
            } else {
                result.add(new Line(Kind.ADDED, b.get(j++)));
            }
        }
        while (i < a.size()) {
            result.add(new Line(Kind.REMOVED, a.get(i++)));
        }
        while (j < b.size()) {
            result.add(new Line(Kind.ADDED, b.get(j++)));
        }
        return result;
    }

    private static List<String> split(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }
}
