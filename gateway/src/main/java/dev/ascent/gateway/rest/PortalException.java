package dev.ascent.gateway.rest;

/**
 * A request the portal answers with an error status and a sentence for the person: 400, 401, 403, 404, 409 or 503.
 * Pages render it, {@code /api} returns it as JSON; never a stack trace.
 */
public class PortalException extends RuntimeException {

    private final int status;
    private final String title;

    public PortalException(int status, String title, String sentence) {
        super(sentence);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static PortalException badRequest(String sentence) {
        return new PortalException(400, "That did not work", sentence);
    }

    public static PortalException signInFirst(String what) {
        return new PortalException(401, "Sign in first", "Sign in to " + what + ".");
    }

    public static PortalException forbidden(String sentence) {
        return new PortalException(403, "Not allowed", sentence);
    }

    public static PortalException notFound(String sentence) {
        return new PortalException(404, "Not found", sentence);
    }

    public static PortalException conflict(String sentence) {
        return new PortalException(409, "Already there", sentence);
    }
}
