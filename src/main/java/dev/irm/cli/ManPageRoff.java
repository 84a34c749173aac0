package dev.irm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Run by the build (prepare-package): turns the AsciiDoc man pages that {@link DocsGenerator} writes to
 * {@code docs/man/} into roff pages {@code target/man/man1/*.1} for the release archive, so {@code man irm}
 * works once installed. Knows exactly the AsciiDoc that picocli's ManPageGenerator writes: attributes, the
 * {@code = name(1)} title, {@code ==} sections, paragraphs, {@code term::} lists, {@code *bold*},
 * {@code _italic_} and {@code xref:} links.
 */
public final class ManPageRoff {
    private static final Pattern XREF = Pattern.compile("xref:[^\\[\\s]+\\[([^\\]]*)]");
    private static final Pattern BOLD = Pattern.compile("(?<![\\w*])\\*(\\S(?:[^*]*?\\S)?)\\*(?![\\w*])");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w])_(\\S(?:[^_]*?\\S)?)_(?![\\w])");
    private static final Pattern TITLE = Pattern.compile("= (\\S+)\\((\\d)\\)");

    private ManPageRoff() {
    }

    /** {@code args}: the AsciiDoc folder (docs/man) and the output folder (target/man/man1). */
    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        try (Stream<Path> pages = Files.list(in)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                String name = page.getFileName().toString().replaceFirst("\\.adoc$", "");
                Files.writeString(out.resolve(name + ".1"), convert(Files.readString(page, StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8);
            }
        }
    }

    public static String convert(String asciidoc) {
        Map<String, String> attributes = new LinkedHashMap<>();
        StringBuilder roff = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        for (String line : asciidoc.split("\n", -1)) {
            if (line.startsWith("//")) {
                continue;
            }
            if (line.isBlank()) {
                flush(roff, paragraph);
                continue;
            }
            Matcher title = TITLE.matcher(line);
            if (line.startsWith(":") && line.indexOf(':', 1) > 0) {
                int end = line.indexOf(':', 1);
                attributes.put(line.substring(1, end), line.substring(end + 1).strip());
            } else if (title.matches()) {
                roff.append(".TH \"").append(escape(title.group(1).toUpperCase(Locale.ROOT))).append("\" \"").append(title.group(2))
                        .append("\" \"\" \"").append(escape(attributes.getOrDefault("mansource", ""))).append("\" \"")
                        .append(escape(attributes.getOrDefault("manmanual", ""))).append("\"\n");
            } else if (line.startsWith("==")) {
                flush(roff, paragraph);
                String section = line.replaceFirst("^=+\\s*", "").replaceFirst(":$", "").strip();
                roff.append(".SH \"").append(escape(section.toUpperCase(Locale.ROOT))).append("\"\n");
            } else if (line.endsWith("::") && !line.startsWith(" ")) {
                flush(roff, paragraph);
                roff.append(".TP\n").append(startLine(inline(line.substring(0, line.length() - 2)))).append('\n');
            } else {
                paragraph.add(line.strip());
            }
        }
        flush(roff, paragraph);
        return roff.toString();
    }

    private static void flush(StringBuilder roff, List<String> paragraph) {
        if (paragraph.isEmpty()) {
            return;
        }
        if (!lastLineIsTerm(roff)) {
            roff.append(".PP\n");
        }
        roff.append(startLine(inline(String.join(" ", paragraph)))).append('\n');
        paragraph.clear();
    }

    /** True right after a {@code .TP} term line: the paragraph is that term's description. */
    private static boolean lastLineIsTerm(StringBuilder roff) {
        int end = roff.length() - 1;
        int start = roff.lastIndexOf("\n", end - 1);
        int before = roff.lastIndexOf("\n", start - 1);
        return start > 0 && roff.substring(before + 1, start).equals(".TP");
    }

    private static String inline(String text) {
        String s = escape(text);
        s = XREF.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = BOLD.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\\fB" + m.group(1) + "\\fR"));
        s = ITALIC.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\\fI" + m.group(1) + "\\fR"));
        return s.replace("-", "\\-");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\e");
    }

    /** A line starting with {@code .} or {@code '} would be a roff request. */
    private static String startLine(String line) {
        return line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line;
    }
}
