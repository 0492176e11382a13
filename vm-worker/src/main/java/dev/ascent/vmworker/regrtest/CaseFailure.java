package dev.ascent.vmworker.regrtest;

/** One failing test case from regrtest's JUnit XML: its module, unittest id, kind, message and traceback. */
public record CaseFailure(String module, String testCase, String kind, String message, String traceback) {
}
