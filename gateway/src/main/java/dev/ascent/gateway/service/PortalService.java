package dev.ascent.gateway.service;

import dev.ascent.gateway.client.LedgerClient;
import dev.ascent.gateway.portal.Cohort;
import dev.ascent.gateway.portal.CohortDraft;
import dev.ascent.gateway.portal.CohortStandings;
import dev.ascent.gateway.portal.LedgerPage;
import dev.ascent.gateway.portal.Logins;
import dev.ascent.gateway.portal.Profile;
import dev.ascent.gateway.repository.CohortRepository;
import dev.ascent.gateway.rest.PortalException;
import dev.ascent.gateway.security.Permissions;
import dev.ascent.gateway.security.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the portal's pages and {@code /api} do, once for both: reads from the ledger and the cohorts, and changes
 * checked against the viewer's roles. Every refusal is a {@link PortalException} with a sentence.
 */
@ApplicationScoped
public class PortalService {

    private static final Logger LOG = Logger.getLogger(PortalService.class);

    private final LedgerClient ledger;
    private final CohortRepository cohorts;
    private final Clock clock = Clock.systemUTC();

    public PortalService(LedgerClient ledger, CohortRepository cohorts) {
        this.ledger = ledger;
        this.cohorts = cohorts;
    }

    /** A cohort with the ledger's figures for its members. */
    public record CohortPage(Cohort cohort, CohortStandings standings) {
    }

    public Profile profile(String login, String pageToken, int pageSize, int weeks) {
        Logins.normalize(login); // a clear 400 for what cannot be a login, before asking the ledger
        return ledger.profile(login, pageToken, pageSize, weeks, null).orElseThrow(() -> notRecorded(login));
    }

    private static PortalException notRecorded(String login) {
        return PortalException.notFound("No contribution of " + login + " has been recorded yet. Points start with"
                + " the first issue, review or pull request on a tracked repository.");
    }

    public LedgerPage ledgerPage(String login, String pageToken, int pageSize) {
        Logins.normalize(login);
        return ledger.ledgerPage(login, pageToken, pageSize).orElseThrow(() -> notRecorded(login));
    }

    public List<Cohort> cohorts() {
        return cohorts.all();
    }

    public CohortPage cohort(String slug) {
        Cohort c = find(slug);
        return new CohortPage(c, ledger.cohortStandings(c.members(), c.from(), c.to()));
    }

    private Cohort find(String slug) {
        return cohorts.find(slug).orElseThrow(() -> PortalException.notFound("There is no cohort “" + slug + "”."));
    }

    public boolean mayCreateCohort(Viewer v) {
        return v.signedIn() && Permissions.createCohort(v).isEmpty();
    }

    public boolean mayChangeMembers(Viewer v, Cohort c) {
        return v.signedIn() && Permissions.changeMembers(v, c).isEmpty();
    }

    public Cohort createCohort(Viewer v, String slug, String name, String description, String curators, String from,
            String to) {
        require(v, "create a cohort", Permissions.createCohort(v));
        CohortDraft draft = CohortDraft.of(slug, name, description, curators, from, to, v.login());
        if (!cohorts.create(draft, v.login(), clock.instant())) {
            throw PortalException.conflict("The short name “" + draft.slug() + "” is taken; choose another.");
        }
        LOG.infof("cohort %s created by %s", draft.slug(), v.login());
        return find(draft.slug());
    }

    public Cohort addMember(Viewer v, String slug, String login) {
        Cohort c = find(slug);
        require(v, "change a cohort's members", Permissions.changeMembers(v, c));
        String member = Logins.normalize(login);
        cohorts.addMember(slug, member);
        LOG.infof("cohort %s: %s added %s", slug, v.login(), member);
        return find(slug);
    }

    public Cohort removeMember(Viewer v, String slug, String login) {
        Cohort c = find(slug);
        require(v, "change a cohort's members", Permissions.changeMembers(v, c));
        String member = Logins.normalize(login);
        cohorts.removeMember(slug, member);
        LOG.infof("cohort %s: %s removed %s", slug, v.login(), member);
        return find(slug);
    }

    public void setListing(Viewer v, String login, boolean hidden) {
        require(v, "choose whether a person is listed", Permissions.setListing(v, login));
        if (!ledger.setListing(login, hidden)) {
            throw PortalException.notFound("No contribution of " + login
                    + " has been recorded yet, so there is nothing to list or hide.");
        }
        LOG.infof("%s is now %s (set by %s)", login, hidden ? "hidden" : "listed", v.login());
    }

    private static void require(Viewer v, String what, Optional<String> refusal) {
        if (!v.signedIn()) {
            throw PortalException.signInFirst(what);
        }
        refusal.ifPresent(why -> {
            throw PortalException.forbidden(why);
        });
    }
}
