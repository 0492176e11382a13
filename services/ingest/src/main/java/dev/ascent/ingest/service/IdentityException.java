package dev.ascent.ingest.service;

/** An identity request that cannot be carried out, with a sentence for the admin saying why. */
public final class IdentityException extends RuntimeException {

    /** What kind of refusal it is; the gRPC service maps each to its status code. */
    public enum Reason {
        INVALID_ARGUMENT,
        NOT_FOUND,
        FAILED_PRECONDITION
    }

    private final Reason reason;

    public IdentityException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static IdentityException invalid(String message) {
        return new IdentityException(Reason.INVALID_ARGUMENT, message);
    }

    static IdentityException notFound(String message) {
        return new IdentityException(Reason.NOT_FOUND, message);
    }

    static IdentityException precondition(String message) {
        return new IdentityException(Reason.FAILED_PRECONDITION, message);
    }
}
