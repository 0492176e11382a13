package dev.ascent.patchrunner;

import java.util.Objects;

/**
 * A {@code pull_request} webhook, reduced to what patch-runner decides on.
 *
 * @param deliveryId the X-GitHub-Delivery (the CloudEvents id the gateway gave it)
 * @param action e.g. "opened", "synchronize", "labeled"
 * @param pullRequest the pull request's state in the payload
 * @param sender who performed the action
 * @param senderIsBot the sender is a bot (RULES.md)
 * @param label the label of a labeled or unlabeled action, else null
 */
public record PullRequestEvent(String deliveryId, String action, PullRequest pullRequest, Person sender,
        boolean senderIsBot, String label) {

    public PullRequestEvent {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(sender, "sender");
    }
}
