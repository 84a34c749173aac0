package dev.irm.runbook;

/**
 * Makes a check judge every row of its step's observation on its own: {@code skip}, {@code critical}
 * and {@code warning} see the row's columns on top of the metrics, each row at WARNING or above is
 * its own finding named by the row's {@code subject} column and summarised by {@code summary}.
 */
public record Each(String subject, String summary) {
}
