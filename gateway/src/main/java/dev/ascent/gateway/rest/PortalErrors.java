package dev.ascent.gateway.rest;

import dev.ascent.gateway.client.LedgerClient;
import dev.ascent.gateway.security.PortalRolesAugmentor;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a portal page or {@code /api} call into a status with a sentence: an HTML page for pages,
 * {@code {"status":…,"error":…}} for {@code /api}. Unexpected failures are logged and answered 500 without details.
 */
public class PortalErrors {

    private static final Logger LOG = Logger.getLogger(PortalErrors.class);

    private final SecurityIdentity identity;

    public PortalErrors(SecurityIdentity identity) {
        this.identity = identity;
    }

    @CheckedTemplate(basePath = "", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance error(dev.ascent.gateway.security.Viewer viewer, int status, String title,
                String sentence);
    }

    @ServerExceptionMapper
    public Response portal(PortalException e, UriInfo uri) {
        return answer(uri, e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e, UriInfo uri) {
        return answer(uri, 400, "That did not work", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(LedgerClient.LedgerUnavailableException e, UriInfo uri) {
        LOG.warnf("ledger unavailable for %s: %s", uri.getPath(), e.getCause() == null ? e : e.getCause().toString());
        return answer(uri, 503, "Back soon",
                "The ledger is not answering right now, so the figures cannot be shown. Try again in a minute.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return answer(uri, 404, "Not found", "There is no page at " + uri.getPath() + ".");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        return answer(uri, status, "That did not work", switch (status) {
            case 405 -> "This address does not take that method.";
            case 415 -> "This address does not take that kind of body.";
            case 406 -> "This address cannot answer in the format asked for.";
            default -> "The request could not be handled (" + status + ").";
        });
    }

    @ServerExceptionMapper(priority = 6000)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return answer(uri, 500, "Something broke",
                "Something went wrong on our side; it has been logged. Try again, or tell the operators.");
    }

    private Response answer(UriInfo uri, int status, String title, String sentence) {
        if (uri.getPath().startsWith("/api/") || uri.getPath().equals("/api") || uri.getPath().startsWith("/webhooks")) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("status", status, "error", sentence)).build();
        }
        String html = Templates.error(PortalRolesAugmentor.viewer(identity), status, title, sentence).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
