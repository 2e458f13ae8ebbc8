package dev.tollgate.model.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff by Myers' O((N+M)D) algorithm (E. W. Myers, "An O(ND) Difference Algorithm and Its
 * Variations", Algorithmica 1, 1986), printed in the unified format of GNU diff with three lines of
 * context.
 *
 * <p>The search keeps one copy of its frontier per edit step, so memory grows with (lines of both
 * texts) x (number of changed lines). Once that would pass {@link #MAX_TRACE_INTS}, the diff falls
 * back to keeping the common first and last lines and replacing everything between them. That
 * diff is correct but not minimal, and it keeps a viewer's request for two large, unrelated
 * revisions from exhausting the heap the data plane shares.
 *
 * <p>The runtime's {@code config/diff} endpoint and the console's previews use this one class, so an
 * operator sees the same diff on both sides.
 */
public final class LineDiff {

    static final int CONTEXT_LINES = 3;

    /** Upper bound of the search trace: 4 Mi ints, 16 MiB per request. */
    static final long MAX_TRACE_INTS = 4L * 1024 * 1024;

    private LineDiff() {}

    /** One line of the edit script. */
    record Edit(char kind, String line, int oldIndex, int newIndex) {

        static final char EQUAL = ' ';
        static final char DELETE = '-';
        static final char INSERT = '+';
    }

    /** Prints the diff in unified format, or returns an empty string when both texts have the same lines. */
    public static String unified(String oldText, String newText, String oldLabel, String newLabel) {
        List<Edit> edits = diff(lines(oldText), lines(newText));
        if (edits.stream().allMatch(edit -> edit.kind() == Edit.EQUAL)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldLabel).append('\n');
        out.append("+++ ").append(newLabel).append('\n');
        for (int[] hunk : hunks(edits)) {
            appendHunk(out, edits, hunk[0], hunk[1]);
        }
        return out.toString();
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    static List<Edit> diff(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] frontier = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            if ((long) (d + 1) * frontier.length > MAX_TRACE_INTS) {
                return replaceMiddle(a, b);
            }
            trace.add(frontier.clone());
            for (int k = -d; k <= d; k += 2) {
                boolean down = k == -d || (k != d && frontier[k - 1 + offset] < frontier[k + 1 + offset]);
                int x = down ? frontier[k + 1 + offset] : frontier[k - 1 + offset] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                frontier[k + offset] = x;
                if (x >= n && y >= m) {
                    return backtrack(a, b, trace, offset);
                }
            }
        }
        throw new IllegalStateException("the diff search ended without reaching both ends");
    }

    /** Keeps the lines both texts start and end with, and deletes and inserts the rest. */
    private static List<Edit> replaceMiddle(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }

        List<Edit> edits = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < prefix; i++) {
            edits.add(new Edit(Edit.EQUAL, a.get(i), i, i));
        }
        for (int i = prefix; i < a.size() - suffix; i++) {
            edits.add(new Edit(Edit.DELETE, a.get(i), i, prefix));
        }
        for (int j = prefix; j < b.size() - suffix; j++) {
            edits.add(new Edit(Edit.INSERT, b.get(j), a.size() - suffix, j));
        }
        for (int i = a.size() - suffix, j = b.size() - suffix; i < a.size(); i++, j++) {
            edits.add(new Edit(Edit.EQUAL, a.get(i), i, j));
        }
        return edits;
    }

    private static List<Edit> backtrack(List<String> a, List<String> b, List<int[]> trace, int offset) {
        List<Edit> reversed = new ArrayList<>();
        int x = a.size();
        int y = b.size();
        for (int d = trace.size() - 1; d >= 0; d--) {
            int[] frontier = trace.get(d);
            int k = x - y;
            boolean down = k == -d || (k != d && frontier[k - 1 + offset] < frontier[k + 1 + offset]);
            int previousK = down ? k + 1 : k - 1;
            int previousX = frontier[previousK + offset];
            int previousY = previousX - previousK;
            while (x > previousX && y > previousY) {
                reversed.add(new Edit(Edit.EQUAL, a.get(x - 1), x - 1, y - 1));
                x--;
                y--;
            }
            if (d > 0) {
                if (down) {
                    reversed.add(new Edit(Edit.INSERT, b.get(y - 1), x, y - 1));
                } else {
                    reversed.add(new Edit(Edit.DELETE, a.get(x - 1), x - 1, y));
                }
            }
            x = previousX;
            y = previousY;
        }
        return reversed.reversed();
    }

    /** Ranges [first, last] of edit indexes to print, each a change padded with context, merged when close. */
    private static List<int[]> hunks(List<Edit> edits) {
        List<int[]> hunks = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            if (edits.get(i).kind() == Edit.EQUAL) {
                continue;
            }
            int first = Math.max(0, i - CONTEXT_LINES);
            int last = Math.min(edits.size() - 1, i + CONTEXT_LINES);
            if (!hunks.isEmpty() && first <= hunks.getLast()[1] + 1) {
                hunks.getLast()[1] = last;
            } else {
                hunks.add(new int[] {first, last});
            }
        }
        return hunks;
    }

    private static void appendHunk(StringBuilder out, List<Edit> edits, int first, int last) {
        int oldCount = 0;
        int newCount = 0;
        for (int i = first; i <= last; i++) {
            char kind = edits.get(i).kind();
            oldCount += kind != Edit.INSERT ? 1 : 0;
            newCount += kind != Edit.DELETE ? 1 : 0;
        }
        Edit start = edits.get(first);
        // GNU diff numbers an empty range by the line before it.
        int oldStart = oldCount == 0 ? start.oldIndex() : start.oldIndex() + 1;
        int newStart = newCount == 0 ? start.newIndex() : start.newIndex() + 1;
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount))
                .append(" @@\n");
        for (int i = first; i <= last; i++) {
            out.append(edits.get(i).kind()).append(edits.get(i).line()).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }
}
