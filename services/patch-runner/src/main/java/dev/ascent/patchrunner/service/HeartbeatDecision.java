package dev.ascent.patchrunner.service;

/**
 * The answer to a running attempt's heartbeat.
 *
 * @param action go on, stop and report CANCELLED, or stop and report nothing
 * @param reason why, for CANCEL and ABANDON
 */
public record HeartbeatDecision(Action action, String reason) {

    /** What the worker does. */
    public enum Action {
        CONTINUE, CANCEL, ABANDON
    }

    public static HeartbeatDecision proceed() {
        return new HeartbeatDecision(Action.CONTINUE, "");
    }

    public static HeartbeatDecision cancel(String reason) {
        return new HeartbeatDecision(Action.CANCEL, reason);
    }

    public static HeartbeatDecision abandon(String reason) {
        return new HeartbeatDecision(Action.ABANDON, reason);
    }
}
