package dev.ascent.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ascent.gateway.client.LedgerClient;
import dev.ascent.gateway.client.RulesetCache;
import dev.ascent.gateway.portal.Cohort;
import dev.ascent.gateway.portal.CohortStandings;
import dev.ascent.gateway.portal.Home;
import dev.ascent.gateway.portal.Logins;
import dev.ascent.gateway.portal.Profile;
import dev.ascent.gateway.portal.RulesView;
import dev.ascent.gateway.security.PortalConfig;
import dev.ascent.gateway.security.PortalRolesAugmentor;
import dev.ascent.gateway.security.Viewer;
import dev.ascent.gateway.service.PortalService;
import dev.ascent.ruleset.Ruleset;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contributor portal's pages, rendered on the server. Each page asks each service it shows once; every figure
 * comes from the ledger. Reading needs no sign-in; changes need the right role (403 with a sentence otherwise).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PortalResource {

    /** Ledger lines per page on the contributor page. */
    static final int PAGE_SIZE = 25;
    /** Weeks in the contributor page's chart. */
    static final int WEEKS = 52;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PortalService portal;
    private final LedgerClient ledger;
    private final RulesetCache rules;
    private final SecurityIdentity identity;
    private final PortalConfig config;

    public PortalResource(PortalService portal, LedgerClient ledger, RulesetCache rules, SecurityIdentity identity,
            PortalConfig config) {
        this.portal = portal;
        this.ledger = ledger;
        this.rules = rules;
        this.identity = identity;
        this.config = config;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance home(Viewer viewer, Home home);

        static native TemplateInstance contributor(Viewer viewer, Profile profile, List<LadderStep> ladder,
                String weeksJson, String pageToken);

        static native TemplateInstance rules(Viewer viewer, RulesView rules);

        static native TemplateInstance cohorts(Viewer viewer, List<Cohort> cohorts, boolean canCreate);

        static native TemplateInstance cohort(Viewer viewer, Cohort cohort, CohortStandings standings,
                boolean canEdit);

        static native TemplateInstance me(Viewer viewer, Profile profile);

        static native TemplateInstance signin(Viewer viewer, boolean local, boolean failed);
    }

    /** One rung of the role ladder on the contributor page. */
    public record LadderStep(String role, String state, Ruleset.RoleRule rule,
            dev.ascent.gateway.portal.Standing.RoleProgress progress) {
    }

    private Viewer viewer() {
        return PortalRolesAugmentor.viewer(identity);
    }

    @GET
    public TemplateInstance home() {
        return Templates.home(viewer(), ledger.home(10, 20));
    }

    @GET
    @Path("search")
    public Response search(@QueryParam("login") String login) {
        String l = login == null ? "" : login.trim();
        if (l.isEmpty()) {
            return Response.seeOther(URI.create("/")).build();
        }
        return Response.seeOther(URI.create("/c/" + Logins.normalize(l))).build();
    }

    @GET
    @Path("c/{login}")
    public TemplateInstance contributor(@PathParam("login") String login, @QueryParam("page") String page) {
        Profile profile = portal.profile(login, page, PAGE_SIZE, WEEKS);
        Ruleset ruleset = rules.get(profile.standing().rulesetVersion());
        String weeks;
        try {
            weeks = JSON.writeValueAsString(profile.weeks().stream()
                    .map(w -> Map.of("week", w.weekStart().toString().substring(0, 10), "points", w.points(),
                            "total", w.total()))
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Templates.contributor(viewer(), profile, ladder(ruleset, profile), weeks, page == null ? "" : page);
    }

    /** The roles of the ruleset, lowest first, each marked as passed, held or ahead (with its progress). */
    static List<LadderStep> ladder(Ruleset ruleset, Profile profile) {
        var standing = profile.standing();
        var ahead = standing.nextRoles();
        int held = -1;
        for (int i = 0; i < ruleset.roles().size(); i++) {
            if (ruleset.roles().get(i).id().equals(standing.role())) {
                held = i;
            }
        }
        List<LadderStep> steps = new ArrayList<>();
        for (int i = 0; i < ruleset.roles().size(); i++) {
            Ruleset.RoleRule rule = ruleset.roles().get(i);
            var progress = ahead.stream().filter(p -> p.role().equals(rule.id())).findFirst().orElse(null);
            String state = i == held ? "held" : progress != null ? "ahead" : i < held ? "passed" : "ahead";
            steps.add(new LadderStep(rule.id(), state, rule, progress));
        }
        return steps;
    }

    @GET
    @Path("how-points-work")
    public TemplateInstance rules() {
        return Templates.rules(viewer(), RulesView.of(rules.refresh()));
    }

    @GET
    @Path("cohorts")
    public TemplateInstance cohorts() {
        Viewer v = viewer();
        return Templates.cohorts(v, portal.cohorts(), v.signedIn() && portal.mayCreateCohort(v));
    }

    @POST
    @Path("cohorts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createCohort(@FormParam("slug") String slug, @FormParam("name") String name,
            @FormParam("description") String description, @FormParam("curators") String curators,
            @FormParam("from") String from, @FormParam("to") String to) {
        Cohort c = portal.createCohort(viewer(), slug, name, description, curators, from, to);
        return Response.seeOther(URI.create("/cohorts/" + c.slug())).build();
    }

    @GET
    @Path("cohorts/{slug}")
    public TemplateInstance cohort(@PathParam("slug") String slug) {
        Viewer v = viewer();
        PortalService.CohortPage page = portal.cohort(slug);
        return Templates.cohort(v, page.cohort(), page.standings(), portal.mayChangeMembers(v, page.cohort()));
    }

    @POST
    @Path("cohorts/{slug}/members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addMember(@PathParam("slug") String slug, @FormParam("login") String login) {
        portal.addMember(viewer(), slug, login);
        return Response.seeOther(URI.create("/cohorts/" + slug)).build();
    }

    @POST
    @Path("cohorts/{slug}/members/{login}/remove")
    public Response removeMember(@PathParam("slug") String slug, @PathParam("login") String login) {
        portal.removeMember(viewer(), slug, login);
        return Response.seeOther(URI.create("/cohorts/" + slug)).build();
    }

    @GET
    @Path("me")
    public Response me() {
        Viewer v = viewer();
        if (!v.signedIn()) {
            return Response.seeOther(URI.create("/signin")).build();
        }
        Profile profile = ledger.profile(v.login(), null, 1, 1, null).orElse(null);
        return Response.ok(Templates.me(v, profile).render()).type(MediaType.TEXT_HTML_TYPE).build();
    }

    @POST
    @Path("me/listing")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response listing(@FormParam("hidden") @DefaultValue("false") boolean hidden) {
        Viewer v = viewer();
        if (!v.signedIn()) {
            throw PortalException.signInFirst("choose whether you are listed");
        }
        portal.setListing(v, v.login(), hidden);
        return Response.seeOther(URI.create("/me")).build();
    }

    @GET
    @Path("signin")
    public TemplateInstance signin(@QueryParam("error") boolean error) {
        return Templates.signin(viewer(), config.localSignIn().enabled(), error);
    }

    /** Reached only through GitHub's sign-in (the OIDC code flow guards this path); lands on the settings page. */
    @GET
    @Path("signin/github")
    public Response signinGithub() {
        return Response.seeOther(URI.create("/me")).build();
    }

    @POST
    @Path("signout")
    public Response signout() {
        return Response.seeOther(URI.create("/"))
                .cookie(expired("ascent-session"), expired("q_session"))
                .build();
    }

    private static NewCookie expired(String name) {
        return new NewCookie.Builder(name).value("").path("/").maxAge(0).httpOnly(true).build();
    }
}
