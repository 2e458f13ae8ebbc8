package dev.tollgate.runtime.telemetry;

import java.util.HashSet;
import java.util.Set;

/**
 * Writes the Prometheus text exposition format, version 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): one {@code # HELP} and one
 * {@code # TYPE} line per metric family, then its samples, with label values escaped.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(16 * 1024);
    private final Set<String> families = new HashSet<>();

    /** Starts a family. Throws when the name was already used, because the format allows each family once. */
    PrometheusText family(String name, String type, String help) {
        if (!families.add(name)) {
            throw new IllegalStateException("metric family " + name + " was already written");
        }
        out.append("# HELP ").append(name).append(' ');
        escapeHelp(help);
        out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** Writes one sample whose {@code labels} alternate names and values. */
    PrometheusText sample(String name, double value, String... labels) {
        sampleName(name, labels);
        out.append(formatValue(value)).append('\n');
        return this;
    }

    PrometheusText sample(String name, long value, String... labels) {
        sampleName(name, labels);
        out.append(value).append('\n');
        return this;
    }

    private void sampleName(String name, String[] labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels of " + name + " must be name/value pairs, got " + labels.length
                    + " strings");
        }
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"");
                escapeLabelValue(labels[i + 1]);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ');
    }

    /** Label values escape backslash, double quote and line feed. */
    private void escapeLabelValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** Help text escapes backslash and line feed only. */
    private void escapeHelp(String help) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
