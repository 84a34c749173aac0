package dev.irm.render;

import dev.irm.engine.CheckResult;
import dev.irm.engine.DiagnoseResult;
import dev.irm.engine.Status;
import dev.irm.engine.TargetResult;

/**
 * {@code irm diagnose -o junit}: JUnit XML for CI. One testsuite per target, one testcase per
 * check; WARNING and CRITICAL are failures (type = the status), UNKNOWN an error, SKIPPED skipped.
 */
public final class DiagnoseJunit implements Renderer<DiagnoseResult> {

    @Override
    public String render(DiagnoseResult result, RenderContext context) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        java.util.List<CheckResult> all = result.targets().stream().flatMap(t -> t.checks().stream()).toList();
        out.append("<testsuites name=\"irm diagnose\"").append(counts(all)).append(time(result.durationMs())).append(">\n");
        for (TargetResult target : result.targets()) {
            out.append("  <testsuite name=\"").append(xml(target.target())).append('"').append(counts(target.checks()))
                    .append(time(target.durationMs())).append(" timestamp=\"").append(java.time.LocalDateTime.ofInstant(result.startedAt(), java.time.ZoneOffset.UTC).withNano(0)).append("\">\n");
            out.append("    <properties>\n");
            property(out, "endpoint", target.endpoint());
            property(out, "context", context.context());
            property(out, "status", target.status().name());
            out.append("    </properties>\n");
            for (CheckResult check : target.checks()) {
                testcase(out, check);
            }
            out.append("  </testsuite>\n");
        }
        return out.append("</testsuites>\n").toString();
    }

    private static void testcase(StringBuilder out, CheckResult check) {
        out.append("    <testcase classname=\"irm.").append(xml(check.target())).append("\" name=\"").append(xml(check.id()))
                .append('"').append(time(check.durationMs()));
        String element = switch (check.status()) {
            case WARNING, CRITICAL -> "failure";
            case UNKNOWN -> "error";
            case SKIPPED -> "skipped";
            case OK -> null;
        };
        if (element == null) {
            out.append("/>\n");
            return;
        }
        out.append(">\n      <").append(element).append(" message=\"").append(xml(check.summary())).append('"');
        if (check.status() == Status.SKIPPED) {
            out.append("/>\n");
        } else {
            out.append(" type=\"").append(check.status().name()).append("\">")
                    .append(xml(check.title() + ": " + check.summary()
                            + (check.runbook() == null ? "" : "\nrunbook: irm run " + check.runbook())))
                    .append("</").append(element).append(">\n");
        }
        out.append("    </testcase>\n");
    }

    private static void property(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append("      <property name=\"").append(name).append("\" value=\"").append(xml(value)).append("\"/>\n");
        }
    }

    private static String counts(java.util.List<CheckResult> checks) {
        return " tests=\"" + checks.size() + "\" failures=\"" + count(checks, Status.WARNING, Status.CRITICAL)
                + "\" errors=\"" + count(checks, Status.UNKNOWN) + "\" skipped=\"" + count(checks, Status.SKIPPED) + '"';
    }

    private static long count(java.util.List<CheckResult> checks, Status... statuses) {
        java.util.Set<Status> wanted = java.util.Set.of(statuses);
        return checks.stream().filter(c -> wanted.contains(c.status())).count();
    }

    private static String time(long millis) {
        return " time=\"" + String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0) + '"';
    }

    /** Escapes markup and drops characters XML 1.0 cannot hold (control characters other than tab/newline/CR). */
    static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
                    if (allowed) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
