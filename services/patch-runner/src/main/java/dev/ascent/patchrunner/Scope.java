package dev.ascent.patchrunner;

/** Which tests a run's jobs run: the tests the changed paths map to plus the smoke set, or the whole suite. */
public enum Scope {
    SELECTED, FULL
}
