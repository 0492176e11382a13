package dev.ascent.devstack;

import dev.ascent.proto.Times;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo data for the local run: a {@link SyntheticHistory} of a dozen made-up contributors (logins {@code demo-*}),
 * with every kind of contribution, moved in time so that it ends shortly before the demo's reference date, published
 * as canonical contributions on {@code contributions.v1}. Always the same contributions with the same event ids, so
 * publishing them again changes nothing. (Demo data goes straight to the canonical topic; real contributions come
 * through the gateway and ingest.)
 */
public final class DemoData {

    private static final String[] LOGINS = {"demo-ada", "demo-grace", "demo-guido", "demo-barbara", "demo-linus",
        "demo-katherine", "demo-alan", "demo-margaret", "demo-dennis", "demo-frances", "demo-ken", "demo-radia"};
    private static final long SEED = 20260105L;
    private static final int EVENTS = 3_000;
    /** The synthetic history, which ends at {@link SyntheticHistory#END}, is moved to end here. */
    private static final Instant DEMO_END = Instant.parse("2026-11-16T00:00:00Z");

    private DemoData() {
    }

    /** The demo contributions: a fixed seed and a fixed move in time, so always the same. */
    public static List<ContributionRecorded> contributions() {
        SyntheticHistory history = SyntheticHistory.generate(new SyntheticHistory.Settings(SEED, LOGINS.length, EVENTS));
        Map<Long, String> logins = new HashMap<>();
        for (int i = 0; i < history.people().size(); i++) {
            logins.put(history.people().get(i).id(), LOGINS[i % LOGINS.length]);
        }
        Duration shift = Duration.between(SyntheticHistory.END, DEMO_END);
        return history.events().stream().map(e -> demo(e, shift, logins)).toList();
    }

    /** Publishes the demo contributions and waits until Kafka acknowledged every one. */
    public static int publish(String bootstrapServers) {
        List<ContributionRecorded> all = contributions();
        try (ContributionPublisher publisher = new ContributionPublisher(bootstrapServers)) {
            publisher.sendAll(all);
            publisher.flush();
        }
        return all.size();
    }

    private static ContributionRecorded demo(ContributionRecorded e, Duration shift, Map<Long, String> logins) {
        Instant at = Times.toInstant(e.getOccurredAt()).plus(shift);
        ContributionRecorded.Builder b = e.toBuilder()
                .setOccurredAt(Times.toTimestamp(at));
        if (SyntheticHistory.idHasTime(e.getKind())) {
            // ids of facts without a time of their own carry it: "team.joined:org/team:ID@YYYY-MM-DDTHH:MM:SSZ"
            String id = e.getEventId();
            b.setEventId(id.substring(0, id.lastIndexOf('@') + 1) + at.truncatedTo(ChronoUnit.SECONDS));
        }
        if (e.hasContributor()) {
            b.setContributor(renamed(e.getContributor(), logins));
        }
        if (e.hasActor()) {
            b.setActor(renamed(e.getActor(), logins));
        }
        if (e.getTarget().hasAuthor()) {
            b.setTarget(e.getTarget().toBuilder().setAuthor(renamed(e.getTarget().getAuthor(), logins)));
        }
        return b.build();
    }

    private static GithubUser renamed(GithubUser u, Map<Long, String> logins) {
        String login = logins.get(u.getId());
        return login == null ? u : u.toBuilder().setLogin(login).build();
    }
}
