package dev.ascent.patchrunner.service;

import dev.ascent.patchrunner.Person;
import dev.ascent.patchrunner.PullRequest;
import dev.ascent.patchrunner.PullRequestEvent;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides what a pull_request webhook starts. A pull request opened, pushed to or reopened on a served repository
 * runs when its author is trusted (by association, or by the ledger); anyone else's runs when a trusted person
 * adds the trigger label, which approves the head of that moment only. A push cancels the runs in progress, and so
 * do closing the pull request and every new run. Bots are never trusted themselves.
 */
public final class TriggerPolicy {

    /** Why a push cancels the runs in progress. */
    public static final String NEWER_PUSH = "cancelled by a newer push";
    /** Why closing a pull request cancels its runs in progress. */
    public static final String CLOSED = "cancelled: the pull request was closed";

    private final Set<String> repositories;
    private final String triggerLabel;
    private final TrustRule trust;

    /**
     * @param repositories the served repositories, "owner/repo" in lower case
     * @param triggerLabel the label that approves an untrusted author's head
     */
    public TriggerPolicy(Set<String> repositories, String triggerLabel, TrustRule trust) {
        this.repositories = Set.copyOf(repositories);
        this.triggerLabel = triggerLabel;
        this.trust = trust;
    }

    /** Whether pull requests of this repository (any case) are tested. */
    public boolean serves(String repository) {
        return repository != null && repositories.contains(repository.toLowerCase(Locale.ROOT));
    }

    /**
     * The decision for a webhook.
     *
     * @param ledger a person's trust as the ledger says; asked only when the decision depends on it (it may throw
     *     when the ledger cannot be reached)
     */
    public TriggerDecision decide(PullRequestEvent event, Function<Person, Trust> ledger) {
        PullRequest pr = event.pullRequest();
        if (!serves(pr.repository())) {
            return TriggerDecision.ignore("repository " + pr.repository() + " is not served");
        }
        return switch (event.action()) {
            case "opened", "reopened", "synchronize" -> onHead(event, ledger);
            case "labeled" -> onLabel(event, ledger);
            case "closed" -> TriggerDecision.cancelOnly(CLOSED, "the pull request was closed");
            default -> TriggerDecision.ignore("action " + event.action() + " starts nothing");
        };
    }

    private TriggerDecision onHead(PullRequestEvent event, Function<Person, Trust> ledger) {
        PullRequest pr = event.pullRequest();
        String cancelNow = event.action().equals("synchronize") ? NEWER_PUSH : null;
        if (!pr.open()) {
            return ignoreOrCancel(cancelNow, "the pull request is closed");
        }
        Trust t = authorTrust(pr, ledger);
        if (!t.trusted()) {
            return ignoreOrCancel(cancelNow, "author " + pr.author().login() + " is not trusted (" + t.why()
                    + "); a trusted person adds the label " + triggerLabel + " to test this head");
        }
        String trigger = switch (event.action()) {
            case "opened" -> "opened by a trusted author (" + t.why() + ")";
            case "reopened" -> "reopened; its author is trusted (" + t.why() + ")";
            default -> "a push by a trusted author (" + t.why() + ")";
        };
        return TriggerDecision.run(trigger, pr.author(), cancelNow == null ? supersededBy(trigger) : cancelNow);
    }

    private TriggerDecision onLabel(PullRequestEvent event, Function<Person, Trust> ledger) {
        String label = event.label();
        if (label == null || !label.trim().equalsIgnoreCase(triggerLabel)) {
            return TriggerDecision.ignore("label " + label + " is not the trigger label " + triggerLabel);
        }
        if (!event.pullRequest().open()) {
            return TriggerDecision.ignore("the pull request is closed");
        }
        Person sender = event.sender();
        if (event.senderIsBot()) {
            return TriggerDecision.ignore("label " + triggerLabel + " added by a bot, " + sender.login());
        }
        Trust t = ledger.apply(sender);
        if (!t.trusted()) {
            return TriggerDecision.ignore("label " + triggerLabel + " added by " + sender.login()
                    + ", who is not trusted (" + t.why() + ")");
        }
        String trigger = "label " + triggerLabel + " added by " + sender.login() + " (" + t.why() + ")";
        return TriggerDecision.run(trigger, sender, supersededBy(trigger));
    }

    /** The lowest role trusted by the ledger. */
    public String trustedRole() {
        return trust.trustedRole();
    }

    /** Why a new run cancels the runs in progress: one live run per pull request. */
    static String supersededBy(String trigger) {
        return "cancelled by a newer run: " + trigger;
    }

    private Trust authorTrust(PullRequest pr, Function<Person, Trust> ledger) {
        if (pr.authorIsBot()) {
            // a bot's patch is code no person vouched for yet: it needs a trusted person's label
            return Trust.no("a bot");
        }
        Optional<Trust> byAssociation = trust.byAssociation(pr.authorAssociation());
        return byAssociation.orElseGet(() -> ledger.apply(pr.author()));
    }

    private static TriggerDecision ignoreOrCancel(String cancelNow, String note) {
        return cancelNow == null ? TriggerDecision.ignore(note) : TriggerDecision.cancelOnly(cancelNow, note);
    }
}
