package dev.tollgate.model.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void identicalTextsHaveEmptyDiff() {
        assertThat(LineDiff.unified("a\nb\n", "a\nb\n", "old", "new")).isEmpty();
    }

    @Test
    void changedLineProducesOneHunkWithContext() {
        String oldText = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String newText = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

        assertThat(LineDiff.unified(oldText, newText, "a", "b")).isEqualTo("""
                --- a
                +++ b
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void distantChangesProduceSeparateHunks() {
        StringBuilder oldText = new StringBuilder();
        StringBuilder newText = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            oldText.append(i).append('\n');
            newText.append(i == 2 ? "two" : Integer.toString(i)).append('\n');
            if (i == 19) {
                newText.append("extra\n");
            }
        }

        String diff = LineDiff.unified(oldText.toString(), newText.toString(), "a", "b");

        assertThat(diff).isEqualTo("--- a\n+++ b\n"
                + "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
                + "@@ -17,4 +17,5 @@\n 17\n 18\n 19\n+extra\n 20\n");
    }

    @Test
    void insertionIntoEmptyTextNumbersFromZero() {
        assertThat(LineDiff.unified("", "a\nb\n", "a", "b")).isEqualTo("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    }

    @Test
    void editScriptReproducesBothTexts() {
        List<String> a = List.of("x", "a", "b", "c", "a", "b", "b", "a");
        List<String> b = List.of("c", "b", "a", "b", "a", "c", "x");

        List<LineDiff.Edit> edits = LineDiff.diff(a, b);

        assertThat(edits.stream().filter(e -> e.kind() != '+').map(LineDiff.Edit::line).toList()).isEqualTo(a);
        assertThat(edits.stream().filter(e -> e.kind() != '-').map(LineDiff.Edit::line).toList()).isEqualTo(b);
        assertThat(edits.stream().filter(e -> e.kind() != ' ').count()).isEqualTo(7);
    }

    @Test
    void unrelatedLargeTextsStayInMemoryBudget() {
        // Myers' trace for 20,000 lines against 20,000 other lines would take about 12 GB.
        List<String> a = IntStream.range(0, 20_000).mapToObj(i -> "old " + i).toList();
        List<String> b = new ArrayList<>(IntStream.range(0, 20_000).mapToObj(i -> "new " + i).toList());
        b.set(0, "old 0");
        b.set(b.size() - 1, "old 19999");

        List<LineDiff.Edit> edits = LineDiff.diff(a, b);

        assertThat(edits.stream().filter(e -> e.kind() != '+').map(LineDiff.Edit::line).toList()).isEqualTo(a);
        assertThat(edits.stream().filter(e -> e.kind() != '-').map(LineDiff.Edit::line).toList()).isEqualTo(b);
        assertThat(edits.getFirst()).isEqualTo(new LineDiff.Edit(' ', "old 0", 0, 0));
        assertThat(edits.getLast()).isEqualTo(new LineDiff.Edit(' ', "old 19999", 19_999, 19_999));
        assertThat(LineDiff.unified(String.join("\n", a) + "\n", String.join("\n", b) + "\n", "a", "b"))
                .startsWith("--- a\n+++ b\n@@ -1,20000 +1,20000 @@\n old 0\n-old 1\n");
    }
}
