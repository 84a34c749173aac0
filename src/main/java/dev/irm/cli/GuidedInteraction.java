package dev.irm.cli;

import dev.irm.connector.Preview;
import dev.irm.engine.IncidentClock;
import dev.irm.engine.Interaction;
import dev.irm.engine.TimelineEvent;
import dev.irm.engine.TimelineListener;
import dev.irm.render.RunText;
import dev.irm.render.Style;
import dev.irm.runbook.Runbook;
import dev.irm.runbook.Step;
import dev.irm.runbook.StepKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code irm run} on a terminal: one step at a time, a live line while a diagnostic works, the
 * clock against the severity's response time, and keys before each step — Enter run, s skip,
 * b back (shows the previous step's result again: a read already done is not re-run), n note
 * (added to the timeline), q quit (the record stays).
 */
final class GuidedInteraction implements Interaction, TimelineListener {
    private static final String SPIN = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private final KeyReader keys;
    private final PrintWriter out;
    private final Style style;
    private final String who;
    private final Runbook runbook;
    private final Instant started = Instant.now();
    private final TimelineListener record;
    private final List<String> shown = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private Thread spinner;

    GuidedInteraction(KeyReader keys, Style style, String who, Runbook runbook, TimelineListener record) {
        this.keys = keys;
        this.out = keys.out();
        this.style = style;
        this.who = who;
        this.runbook = runbook;
        this.record = record;
    }

    @Override
    public boolean canAsk() {
        return true;
    }

    @Override
    public boolean stepByStep() {
        return true;
    }

    @Override
    public String who() {
        return who;
    }

    @Override
    public Directive beforeStep(Step step) {
        closeBlock();
        int index = runbook.steps().indexOf(runbook.step(step.id())) + 1;
        out.println();
        out.println(style.bold("── " + index + "/" + runbook.steps().size() + "  " + step.title()) + "  "
                + style.faint("[" + step.kind().yamlName() + "]") + "   " + clock());
        String go = step.kind() == StepKind.MITIGATION ? "preview" : step.kind() == StepKind.MANUAL ? "show" : "run";
        while (true) {
            out.print(style.faint("   Enter " + go + " · s skip · b back · n note · q quit › "));
            int key = keys.key();
            out.println();
            switch (key) {
                case '\n', ' ', 'r', 'y' -> {
                    return Directive.RUN;
                }
                case 's' -> {
                    return Directive.SKIP;
                }
                case 'q', 3, KeyReader.END -> {
                    return Directive.QUIT;
                }
                case 'b' -> back();
                case 'n' -> note(step);
                default -> out.println(style.faint("   (unknown key)"));
            }
        }
    }

    @Override
    public boolean confirm(Step step, Preview preview, String typedWord) {
        stopSpinner();
        if (typedWord != null) {
            out.println("   " + style.paint("bold,red", "HIGH RISK") + " — type " + style.bold(typedWord) + " to run it; anything else skips.");
            String answer = keys.line("   confirm › ");
            return typedWord.equals(answer);
        }
        out.print("   " + style.paint("bold,yellow", "Run it?") + " [y/N] ");
        int key = keys.key();
        out.println(key == 'y' ? "y" : "N");
        return key == 'y';
    }

    @Override
    public boolean acknowledge(Step step, String text) {
        out.print("   " + style.paint("cyan", "☐ Done?") + " [Enter/y: done · o: leave open] ");
        int key = keys.key();
        boolean done = key == '\n' || key == 'y' || key == 'd';
        out.println(done ? "☑ done" : "left open");
        return done;
    }

    @Override
    public Boolean ask(Step step, String question) {
        while (true) {
            out.print("   " + style.bold("? " + question) + " [y/n] ");
            int key = keys.key();
            out.println(key < 0 ? "" : String.valueOf((char) key));
            if (key == 'y' || key == 'n') {
                return key == 'y';
            }
            if (key == KeyReader.END) {
                return null;
            }
        }
    }

    /** Renders each event as {@link RunText} would, keeping the step's block for 'back'. */
    @Override
    public synchronized void on(TimelineEvent event) {
        if (event instanceof TimelineEvent.StepStarted started) {
            startSpinner(started.title());
            return;
        }
        stopSpinner();
        if (event instanceof TimelineEvent.RunFinished || event instanceof TimelineEvent.Note) {
            return;
        }
        StringWriter block = new StringWriter();
        new RunText(new PrintWriter(block), style).on(event);
        current.append(block);
        out.print(block);
        out.flush();
    }

    private void closeBlock() {
        if (current.length() > 0) {
            shown.add(current.toString());
            current.setLength(0);
        }
    }

    private void back() {
        if (shown.isEmpty()) {
            out.println(style.faint("   (nothing before this step)"));
            return;
        }
        out.println(style.faint("   ── previous step, as it was shown (reads are not re-run):"));
        out.print(shown.get(shown.size() - 1));
    }

    private void note(Step step) {
        String text = keys.line("   note › ");
        if (text == null || text.isBlank()) {
            return;
        }
        record.on(new TimelineEvent.Note(Instant.now(), step.id(), step.title(), text, who));
        out.println(style.faint("   ✎ noted in the timeline"));
    }

    /** Time since the run started against the severity's response time, red once it is over. */
    String clock() {
        Duration elapsed = Duration.between(started, Instant.now());
        Duration budget = runbook.severity().responseTime();
        String text = "⏱ " + IncidentClock.clock(elapsed) + " / " + runbook.severity() + " " + IncidentClock.clock(budget);
        return elapsed.compareTo(budget) > 0 ? style.paint("bold,red", text + " OVER") : style.paint("cyan", text);
    }

    private void startSpinner(String title) {
        long t0 = System.nanoTime();
        spinner = new Thread(() -> {
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                synchronized (out) {
                    out.print("\r  " + style.paint("cyan", String.valueOf(SPIN.charAt(i % SPIN.length()))) + " " + title + "  "
                            + style.faint(String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - t0) / 1e9)));
                    out.flush();
                }
                try {
                    Thread.sleep(120);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "irm-live-line");
        spinner.setDaemon(true);
        spinner.start();
    }

    private void stopSpinner() {
        if (spinner == null) {
            return;
        }
        spinner.interrupt();
        try {
            spinner.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spinner = null;
        synchronized (out) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
