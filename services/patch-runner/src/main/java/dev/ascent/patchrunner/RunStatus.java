package dev.ascent.patchrunner;

/** A run's overall status (ascent.api.v1.PatchRunStatus without its unspecified value). */
public enum RunStatus {
    IN_PROGRESS, PASSED, FAILED, CANCELLED, ERROR;

    /** Whether the status is final: a run never leaves it. */
    public boolean isFinal() {
        return this != IN_PROGRESS;
    }
}
