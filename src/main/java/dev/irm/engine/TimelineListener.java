package dev.irm.engine;

/** Receives each timeline event as it happens (the record file, the live screen). */
@FunctionalInterface
public interface TimelineListener {
    void on(TimelineEvent event);
}
