package dev.ascent.patchrunner;

/** Where a job is: queued for a worker, started by one, or finished with a result. */
public enum JobState {
    QUEUED, RUNNING, FINISHED
}
