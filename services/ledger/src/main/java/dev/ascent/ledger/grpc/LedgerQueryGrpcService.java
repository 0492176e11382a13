package dev.ascent.ledger.grpc;

import dev.ascent.ledger.mapping.StandingMapping;
import dev.ascent.ledger.service.LedgerService;
import dev.ascent.proto.api.v1.GetContributorRequest;
import dev.ascent.proto.api.v1.GetContributorResponse;
import dev.ascent.proto.api.v1.GetLeaderboardRequest;
import dev.ascent.proto.api.v1.GetLeaderboardResponse;
import dev.ascent.proto.api.v1.ListLedgerRequest;
import dev.ascent.proto.api.v1.ListLedgerResponse;
import dev.ascent.proto.ledger.v1.ActivateRulesetRequest;
import dev.ascent.proto.ledger.v1.ActivateRulesetResponse;
import dev.ascent.proto.ledger.v1.GetCohortStandingsRequest;
import dev.ascent.proto.ledger.v1.GetCohortStandingsResponse;
import dev.ascent.proto.ledger.v1.GetHomeRequest;
import dev.ascent.proto.ledger.v1.GetHomeResponse;
import dev.ascent.proto.ledger.v1.GetProfileRequest;
import dev.ascent.proto.ledger.v1.GetProfileResponse;
import dev.ascent.proto.ledger.v1.GetRulesetRequest;
import dev.ascent.proto.ledger.v1.GetRulesetResponse;
import dev.ascent.proto.ledger.v1.GetStatsRequest;
import dev.ascent.proto.ledger.v1.GetStatsResponse;
import dev.ascent.proto.ledger.v1.LedgerQueryService;
import dev.ascent.proto.ledger.v1.SetListingRequest;
import dev.ascent.proto.ledger.v1.SetListingResponse;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The ledger's internal API: standings, ledger pages, leaderboards, the portal's contributor, home and cohort pages
 * and counters, computed from the fold; and the two writes an operator or a person asks for (the active ruleset, a
 * person's listing).
 */
@GrpcService
public class LedgerQueryGrpcService implements LedgerQueryService {

    /** Largest page and leaderboard a caller may ask for. */
    public static final int MAX_PAGE = 500;
    /** Most weeks of points a profile may ask for (ten years). */
    public static final int MAX_WEEKS = 520;

    private final LedgerService ledger;

    public LedgerQueryGrpcService(LedgerService ledger) {
        this.ledger = ledger;
    }

    @Override
    @Blocking
    public Uni<GetContributorResponse> getStanding(GetContributorRequest request) {
        return answer(() -> {
            String login = login(request.getLogin());
            var standing = ledger.standing(login, StandingMapping.asOf(request.hasAsOf(), request.getAsOf()))
                    .orElseThrow(() -> notFound(login));
            return GetContributorResponse.newBuilder().setContributor(StandingMapping.toProto(standing)).build();
        });
    }

    @Override
    @Blocking
    public Uni<ListLedgerResponse> listLedger(ListLedgerRequest request) {
        return answer(() -> {
            String login = login(request.getLogin());
            int size = pageSize(request.getPageSize());
            int before = decodeToken(request.getPageToken());
            return toProto(ledger.ledgerPage(login, before, size).orElseThrow(() -> notFound(login)));
        });
    }

    @Override
    @Blocking
    public Uni<GetLeaderboardResponse> getLeaderboard(GetLeaderboardRequest request) {
        return answer(() -> {
            int limit = request.getLimit() == 0 ? 10 : request.getLimit();
            if (limit < 1 || limit > MAX_PAGE) {
                throw invalid("limit must be between 1 and " + MAX_PAGE + ", not " + request.getLimit());
            }
            var period = StandingMapping.fromProto(request.getPeriod());
            var board = ledger.leaderboard(period, StandingMapping.asOf(request.hasAsOf(), request.getAsOf()), limit);
            return StandingMapping.toProto(board, ledger.rules().version());
        });
    }

    @Override
    @Blocking
    public Uni<GetStatsResponse> getStats(GetStatsRequest request) {
        return answer(() -> {
            var s = ledger.stats();
            return GetStatsResponse.newBuilder()
                    .setContributions(s.contributions())
                    .setPeople(s.people())
                    .setEntries(s.entries())
                    .setRulesetVersion(s.rulesetVersion())
                    .addAllAvailableVersions(s.available())
                    .setRecordsReceived(s.received())
                    .build();
        });
    }

    @Override
    @Blocking
    public Uni<ActivateRulesetResponse> activateRuleset(ActivateRulesetRequest request) {
        return answer(() -> {
            if (request.getVersion().isBlank()) {
                throw invalid("version is empty");
            }
            var a = ledger.activate(request.getVersion().trim());
            return ActivateRulesetResponse.newBuilder().setRulesetVersion(a.version())
                    .setContributions(a.contributions()).setRefoldMillis(a.millis()).build();
        });
    }

    @Override
    @Blocking
    public Uni<GetProfileResponse> getProfile(GetProfileRequest request) {
        return answer(() -> {
            String login = login(request.getLogin());
            int size = pageSize(request.getPageSize());
            int before = decodeToken(request.getPageToken());
            if (request.getWeeks() < 0 || request.getWeeks() > MAX_WEEKS) {
                throw invalid("weeks must be between 0 and " + MAX_WEEKS + ", not " + request.getWeeks());
            }
            int weeks = request.getWeeks() == 0 ? 52 : request.getWeeks();
            var profile = ledger.profile(login, StandingMapping.asOf(request.hasAsOf(), request.getAsOf()), before,
                    size, weeks).orElseThrow(() -> notFound(login));
            GetProfileResponse.Builder b = GetProfileResponse.newBuilder()
                    .setContributor(StandingMapping.toProto(profile.standing()))
                    .setLedger(toProto(profile.page()))
                    .setHidden(profile.hidden());
            profile.weeks().forEach(w -> b.addWeeks(StandingMapping.toProto(w)));
            return b.build();
        });
    }

    @Override
    @Blocking
    public Uni<GetHomeResponse> getHome(GetHomeRequest request) {
        return answer(() -> {
            int boards = limit("leaderboard_limit", request.getLeaderboardLimit(), 10);
            int recent = limit("recent_limit", request.getRecentLimit(), 20);
            var home = ledger.home(StandingMapping.asOf(request.hasAsOf(), request.getAsOf()), boards, recent);
            GetHomeResponse.Builder b = GetHomeResponse.newBuilder()
                    .setRulesetVersion(home.rulesetVersion())
                    .setPeople(home.people());
            home.leaderboards().forEach(board -> b.addLeaderboards(StandingMapping.toProto(board,
                    home.rulesetVersion())));
            home.recent().forEach(m -> b.addRecent(StandingMapping.toProto(m)));
            return b.build();
        });
    }

    @Override
    @Blocking
    public Uni<GetCohortStandingsResponse> getCohortStandings(GetCohortStandingsRequest request) {
        return answer(() -> {
            var c = ledger.cohort(request.getLoginsList(), StandingMapping.orNull(request.hasFrom(), request.getFrom()),
                    StandingMapping.orNull(request.hasTo(), request.getTo()),
                    StandingMapping.asOf(request.hasAsOf(), request.getAsOf()));
            return StandingMapping.toProto(c.cohort(), c.rulesetVersion());
        });
    }

    @Override
    @Blocking
    public Uni<SetListingResponse> setListing(SetListingRequest request) {
        return answer(() -> {
            String login = login(request.getLogin());
            var listing = ledger.setListing(login, request.getHidden()).orElseThrow(() -> notFound(login));
            return SetListingResponse.newBuilder().setLogin(listing.login()).setGithubId(listing.personId())
                    .setHidden(listing.hidden()).build();
        });
    }

    @Override
    @Blocking
    public Uni<GetRulesetResponse> getRuleset(GetRulesetRequest request) {
        return answer(() -> {
            var active = ledger.ruleset();
            return GetRulesetResponse.newBuilder().setVersion(active.rules().version()).setSource(active.source())
                    .build();
        });
    }

    /** A ledger page as ListLedger answers it, with the token of the next page. */
    private static ListLedgerResponse toProto(LedgerService.Page page) {
        ListLedgerResponse.Builder b = ListLedgerResponse.newBuilder()
                .setTotalEntries(page.total())
                .setRulesetVersion(page.rulesetVersion());
        page.entries().forEach(e -> b.addEntries(StandingMapping.toProto(e)));
        if (page.olderThan() > 0) {
            b.setNextPageToken(encodeToken(page.olderThan()));
        }
        return b.build();
    }

    /** A ledger page's size: 1..{@value #MAX_PAGE}, 0 meaning 50. */
    private static int pageSize(int requested) {
        int size = requested == 0 ? 50 : requested;
        if (size < 1 || size > MAX_PAGE) {
            throw invalid("page_size must be between 1 and " + MAX_PAGE + ", not " + requested);
        }
        return size;
    }

    /** A limit of 0..{@value #MAX_PAGE}, 0 meaning {@code byDefault}. */
    private static int limit(String name, int requested, int byDefault) {
        if (requested < 0 || requested > MAX_PAGE) {
            throw invalid(name + " must be between 0 and " + MAX_PAGE + ", not " + requested);
        }
        return requested == 0 ? byDefault : requested;
    }

    private static <T> Uni<T> answer(Supplier<T> work) {
        try {
            return Uni.createFrom().item(work.get());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (NoSuchElementException e) {
            return Uni.createFrom().failure(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    private static String login(String raw) {
        String login = raw.trim();
        if (login.isEmpty()) {
            throw invalid("login is empty");
        }
        return login;
    }

    private static NoSuchElementException notFound(String login) {
        return new NoSuchElementException("no recorded contribution for login " + login);
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException(why);
    }

    static String encodeToken(int olderThan) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("before:" + olderThan).getBytes(StandardCharsets.UTF_8));
    }

    static int decodeToken(String token) {
        if (token.isEmpty()) {
            return -1;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("before:")) {
                int n = Integer.parseInt(s.substring("before:".length()));
                if (n >= 0) {
                    return n;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw invalid("page_token was not issued by this service: " + token);
    }
}
