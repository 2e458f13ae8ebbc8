package dev.tollgate.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void identicalTextsGiveEmptyDiff() {
        assertThat(LineDiff.unified("a\nb\n", "a\nb\n", "old", "new")).isEmpty();
    }

    @Test
    void changedLineShowsAsRemovedAndAdded() {
        String before = "routes:\n- id: orders\n  upstream: orders-v1\n";
        String after = "routes:\n- id: orders\n  upstream: orders-v2\n";

        String diff = LineDiff.unified(before, after, "revision 1", "your edit");

        assertThat(diff).startsWith("--- revision 1\n+++ your edit\n");
        assertThat(diff).contains("@@ -1,3 +1,3 @@");
        assertThat(diff).contains("-  upstream: orders-v1\n");
        assertThat(diff).contains("+  upstream: orders-v2\n");
        assertThat(diff).contains(" - id: orders\n");
    }

    @Test
    void distantChangesGetSeparateHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            before.append("line ").append(i).append('\n');
        }
        String after = before.toString().replace("line 2\n", "line two\n").replace("line 28\n", "line twenty-eight\n");

        String diff = LineDiff.unified(before.toString(), after, "a", "b");

        assertThat(diff.lines().filter(line -> line.startsWith("@@"))).containsExactly("@@ -1,5 +1,5 @@", "@@ -25,6 +25,6 @@");
    }

    @Test
    void insertedLinesKeepTheirNeighbours() {
        var lines = LineDiff.lines("a\nc\n", "a\nb\nc\n");

        assertThat(lines).extracting(LineDiff.Line::kind)
                .containsExactly(LineDiff.Kind.SAME, LineDiff.Kind.ADDED, LineDiff.Kind.SAME);
    }
}
