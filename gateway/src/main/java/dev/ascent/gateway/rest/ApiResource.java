package dev.ascent.gateway.rest;

import dev.ascent.gateway.client.LedgerClient;
import dev.ascent.gateway.portal.Cohort;
import dev.ascent.gateway.portal.Home;
import dev.ascent.gateway.portal.LedgerPage;
import dev.ascent.gateway.portal.Profile;
import dev.ascent.gateway.portal.Standing;
import dev.ascent.gateway.security.PortalRolesAugmentor;
import dev.ascent.gateway.security.Viewer;
import dev.ascent.gateway.service.PortalService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The portal's data as JSON, the same figures the pages show, described at {@code /q/openapi}. Reads are public;
 * changes use the portal's sign-in session and roles. Errors are {@code {"status":…,"error":"sentence"}}.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "portal")
public class ApiResource {

    private final PortalService portal;
    private final LedgerClient ledger;
    private final SecurityIdentity identity;

    public ApiResource(PortalService portal, LedgerClient ledger, SecurityIdentity identity) {
        this.portal = portal;
        this.ledger = ledger;
        this.identity = identity;
    }

    private Viewer viewer() {
        return PortalRolesAugmentor.viewer(identity);
    }

    @GET
    @Path("contributors/{login}")
    @Operation(summary = "A contributor's standing: points, level, role, badges, streaks and what the next steps need."
            + " 404 when no contribution of the login was recorded.")
    public Standing contributor(@PathParam("login") String login) {
        return portal.profile(login, null, 1, 1).standing();
    }

    @GET
    @Path("contributors/{login}/profile")
    @Operation(summary = "Everything the contributor page shows: standing, one ledger page and points per week.")
    public Profile profile(@PathParam("login") String login, @QueryParam("pageToken") String pageToken,
            @QueryParam("pageSize") @DefaultValue("50") int pageSize, @QueryParam("weeks") @DefaultValue("52") int weeks) {
        return portal.profile(login, pageToken, pageSize, weeks);
    }

    @GET
    @Path("contributors/{login}/ledger")
    @Operation(summary = "A page of a contributor's ledger, newest first; pass nextPageToken as pageToken for the next.")
    public LedgerPage ledger(@PathParam("login") String login, @QueryParam("pageToken") String pageToken,
            @QueryParam("pageSize") @DefaultValue("50") int pageSize) {
        return portal.ledgerPage(login, pageToken, pageSize);
    }

    @GET
    @Path("home")
    @Operation(summary = "The week, month, year and all-time leaderboards, and recent level-ups and badges.")
    public Home home(@QueryParam("limit") @DefaultValue("10") int limit,
            @QueryParam("recent") @DefaultValue("20") int recent) {
        return ledger.home(limit, recent);
    }

    @GET
    @Path("ruleset")
    @Operation(summary = "The active ruleset: its version and the ruleset file's text (YAML).")
    public LedgerClient.RulesetSource ruleset() {
        return ledger.ruleset();
    }

    @GET
    @Path("cohorts")
    @Operation(summary = "Every cohort, by name.")
    public List<Cohort> cohorts() {
        return portal.cohorts();
    }

    @GET
    @Path("cohorts/{slug}")
    @Operation(summary = "A cohort with its members' levels, points in the cohort's period and totals. Members who"
            + " hid their profile are only counted.")
    public PortalService.CohortPage cohort(@PathParam("slug") String slug) {
        return portal.cohort(slug);
    }

    /** A cohort to create; dates are whole UTC days (yyyy-MM-dd), both optional. */
    public record NewCohort(String slug, String name, String description, List<String> curators, String from,
            String to) {
    }

    @POST
    @Path("cohorts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Creates a cohort; the caller becomes a curator. Needs the curator or admin role (403)."
            + " 400 with the reasons for bad fields, 409 when the short name is taken.")
    public Response createCohort(NewCohort body) {
        if (body == null) {
            throw PortalException.badRequest("the body must be a JSON object with slug and name");
        }
        Cohort c = portal.createCohort(viewer(), body.slug(), body.name(), body.description(),
                body.curators() == null ? "" : String.join(",", body.curators()), body.from(), body.to());
        return Response.created(URI.create("/api/cohorts/" + c.slug())).entity(c).build();
    }

    @PUT
    @Path("cohorts/{slug}/members/{login}")
    @Operation(summary = "Adds a member. Needs to be one of the cohort's curators or an admin (403).")
    public Cohort addMember(@PathParam("slug") String slug, @PathParam("login") String login) {
        return portal.addMember(viewer(), slug, login);
    }

    @DELETE
    @Path("cohorts/{slug}/members/{login}")
    @Operation(summary = "Removes a member. Needs to be one of the cohort's curators or an admin (403).")
    public Cohort removeMember(@PathParam("slug") String slug, @PathParam("login") String login) {
        return portal.removeMember(viewer(), slug, login);
    }

    /** Who is signed in, with their portal roles. */
    public record Me(String login, Set<String> roles) {
    }

    @GET
    @Path("me")
    @Operation(summary = "The signed-in person and their portal roles; 401 when nobody is signed in.")
    public Me me() {
        Viewer v = viewer();
        if (!v.signedIn()) {
            throw PortalException.signInFirst("see your account");
        }
        return new Me(v.login(), v.roles());
    }

    /** Whether to be left out of leaderboards and cohort pages. */
    public record Listing(boolean hidden) {
    }

    @PUT
    @Path("contributors/{login}/listing")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hides a contributor from leaderboards and cohort pages, or lists them again. Only the"
            + " contributor themselves or an admin (403).")
    public Listing setListing(@PathParam("login") String login, Listing body) {
        if (body == null) {
            throw PortalException.badRequest("the body must be {\"hidden\": true} or {\"hidden\": false}");
        }
        portal.setListing(viewer(), login, body.hidden());
        return body;
    }
}
