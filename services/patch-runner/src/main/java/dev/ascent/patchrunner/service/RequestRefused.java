package dev.ascent.patchrunner.service;

/** A request refused for a reason its caller can act on; the message says which. */
public class RequestRefused extends RuntimeException {

    /** Why, as the gRPC status codes name it. */
    public enum Kind {
        INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, PERMISSION_DENIED
    }

    private final Kind kind;

    public RequestRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
