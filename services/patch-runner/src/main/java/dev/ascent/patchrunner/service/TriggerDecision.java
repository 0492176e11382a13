package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Person;

/**
 * What a pull_request webhook does: start a run, cancel the pull request's runs in progress, both, or nothing.
 *
 * @param startsRun whether a run starts
 * @param trigger why the run starts, in one sentence (when it starts)
 * @param requestedBy who started it (when it starts)
 * @param cancelNow why the pull request's runs in progress are cancelled, before anything starts (a push moved the
 *     head, the pull request closed, a new run supersedes them), or null
 * @param note why nothing starts, for the log (when nothing starts)
 */
public record TriggerDecision(boolean startsRun, String trigger, Person requestedBy, String cancelNow, String note) {

    public static TriggerDecision run(String trigger, Person requestedBy, String cancelNow) {
        return new TriggerDecision(true, trigger, requestedBy, cancelNow, "");
    }

    public static TriggerDecision cancelOnly(String cancelNow, String note) {
        return new TriggerDecision(false, "", null, cancelNow, note);
    }

    public static TriggerDecision ignore(String note) {
        return new TriggerDecision(false, "", null, null, note);
    }
}
