package dev.irm.runbook;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Text cut short by YAML: in a plain (unquoted) scalar, {@code " #"} starts a comment, so
 * {@code text: Post it in #incident-critical now} reads as "Post it in". A warning, not an error:
 * the runbook still loads, and the fix is to quote the text or use a block scalar ({@code |}).
 */
public final class CommentedText {
    /** Fields people write prose in. */
    static final Set<String> TEXT_FIELDS = Set.of("title", "summary", "text", "description", "ask", "blastRadius", "message");

    private CommentedText() {
    }

    /** One warning per text field whose plain value is followed by a comment on the same line; empty when the YAML cannot be read. */
    public static List<RunbookProblem> warnings(String file, String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        List<RunbookProblem> out = new ArrayList<>();
        // per open collection: for a mapping, whether the next scalar is a key; sequences hold null
        Deque<Boolean[]> open = new ArrayDeque<>();
        String key = null;
        ScalarEvent textValue = null;
        try {
            for (Event e : new Yaml(options).parse(new StringReader(yaml))) {
                if (e instanceof CommentEvent c) {
                    if (textValue != null && c.getCommentType() == CommentType.IN_LINE
                            && c.getStartMark().getLine() == textValue.getEndMark().getLine()) {
                        out.add(new RunbookProblem(new SourceLocation(file, c.getStartMark().getLine() + 1, c.getStartMark().getColumn() + 1),
                                "warning: " + key + " ends at '" + shorten(textValue.getValue()) + "': YAML reads '" + shorten("#" + c.getValue())
                                        + "' as a comment; quote the text or use a block scalar (|)"));
                    }
                    textValue = null;
                    continue;
                }
                textValue = null;
                switch (e.getEventId()) {
                    case MappingStart -> open.push(new Boolean[] {Boolean.TRUE});
                    case SequenceStart -> open.push(new Boolean[] {null});
                    case MappingEnd, SequenceEnd -> {
                        open.pop();
                        valueDone(open);
                    }
                    case Scalar -> {
                        ScalarEvent s = (ScalarEvent) e;
                        Boolean[] top = open.peek();
                        if (top != null && Boolean.TRUE.equals(top[0])) {
                            key = s.getValue();
                            top[0] = Boolean.FALSE;
                        } else {
                            if (top != null && top[0] != null && TEXT_FIELDS.contains(key)
                                    && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
                                textValue = s;
                            }
                            valueDone(open);
                        }
                    }
                    default -> { }
                }
            }
        } catch (RuntimeException e) {
            return out; // the strict loader reports what is wrong with the YAML itself
        }
        return out;
    }

    private static void valueDone(Deque<Boolean[]> open) {
        Boolean[] top = open.peek();
        if (top != null && top[0] != null) {
            top[0] = Boolean.TRUE;
        }
    }

    private static String shorten(String s) {
        String flat = s.strip().replaceAll("\\s+", " ");
        return flat.length() <= 40 ? flat : flat.substring(0, 37) + "...";
    }
}
