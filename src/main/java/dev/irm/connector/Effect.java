package dev.irm.connector;

/** What an action does to the system it talks to. Fixed in code, never taken from a runbook. */
public enum Effect {
    /** Reads only; runs in diagnostic and verification steps. */
    READ,
    /** Changes something; runs only in mitigation steps, after consent. */
    WRITE
}
