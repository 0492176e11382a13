package dev.ascent.patchrunner;

/** How a job ended (ascent.vm.v1.JobStatus without its unspecified value). */
public enum JobOutcome {
    PASSED, FAILED, BUILD_FAILED, PATCH_FAILED, TIMEOUT, KILLED, ERROR, CANCELLED
}
