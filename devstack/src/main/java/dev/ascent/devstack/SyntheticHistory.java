package dev.ascent.devstack;

import com.google.protobuf.Timestamp;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.events.v1.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A synthetic but plausible contributor history for end-to-end tests and benchmarks: {@code people} made-up people
 * (core developers, triagers, regulars, newcomers and a few spammers) acting on {@code python/cpython},
 * {@code python/devguide} and {@code python/peps} over two years, as canonical {@code ContributionRecorded} events of
 * every kind the ruleset scores, with the event ids RULES.md "Facts, ids and time" defines. People act on each
 * other's work (reviews of others' PRs, triage of others' issues, merges, reverts, flags), so the rules that look at
 * other people's history (the newcomer-review bonus, flags, reverts) matter. Like the real sources, a few facts are
 * stated twice with a later time (a second triage label, a merge seen again in a push): {@link #events()} has
 * them, {@link #canonical()} keeps the earliest. A fixed seed always gives the same events.
 */
public final class SyntheticHistory {

    /** The history spans [START, END) (follow-ups such as a PEP's acceptance stay before END too). */
    public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    public static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    /** The first person's GitHub id; the others follow. */
    public static final long FIRST_PERSON_ID = 70_000_001L;
    public static final int DEFAULT_EVENTS_PER_PERSON = 250;
    /** The fewest events and people a history can have (its set pieces alone need about 150 events). */
    public static final int MIN_EVENTS = 500;
    public static final int MIN_PEOPLE = 10;

    static final String CPYTHON = "python/cpython";
    static final String DEVGUIDE = "python/devguide";
    static final String PEPS = "python/peps";
    static final GithubUser DEPENDABOT = GithubUser.newBuilder().setId(49_699_333L).setLogin("dependabot[bot]").build();
    private static final String[] TRIAGE_LABELS = {"type-bug", "type-feature", "docs", "expert-asyncio", "OS-windows",
        "3.13", "3.14", "stdlib", "interpreter-core", "easy", "tests", "performance", "type-crash"};
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What kind of contributor a made-up person is; decides how much and what they do. */
    public enum Profile {
        CORE(10), TRIAGER(6), REGULAR(2.5), NEWCOMER(0.5), SPAMMER(0.3);

        final double weight;

        Profile(double weight) {
            this.weight = weight;
        }
    }

    /** A made-up person. */
    public record Person(long id, String login, Profile profile, Instant arrival) {

        GithubUser user() {
            return GithubUser.newBuilder().setId(id).setLogin(login).build();
        }
    }

    /**
     * How big a history to make.
     *
     * @param events exactly this many records ({@link #events()}, restatements included)
     * @param everyoneActs every person acts at least once, so each of them is a contributor; without it, people who
     *        act seldom (newcomers) may draw no activity at all: about one person in nine at 20 events per person
     */
    public record Settings(long seed, int people, int events, boolean everyoneActs) {

        /** Settings where people act only as often as their profile draws them (some may never act). */
        public Settings(long seed, int people, int events) {
            this(seed, people, events, false);
        }

        public Settings {
            if (people < MIN_PEOPLE) {
                throw new IllegalArgumentException("a synthetic history needs at least " + MIN_PEOPLE + " people, not "
                        + people);
            }
            if (events < MIN_EVENTS) {
                throw new IllegalArgumentException("a synthetic history needs at least " + MIN_EVENTS + " events, not "
                        + events);
            }
        }

        /** {@code events} events over as many people as give {@code eventsPerPerson} each on average (40 at least). */
        public static Settings ofSize(long seed, int events, int eventsPerPerson) {
            return new Settings(seed, Math.max(40, events / Math.max(1, eventsPerPerson)), events);
        }

        /**
         * Exactly {@code people} contributors, each acting at least once, and {@code events} records: the people who
         * act much (core developers, triagers) still have many more records than the rest.
         */
        public static Settings ofPeople(long seed, int people, int events) {
            return new Settings(seed, people, events, true);
        }
    }

    private final Settings settings;
    private final List<Person> people;
    private final List<ContributionRecorded> events;

    private SyntheticHistory(Settings settings, List<Person> people, List<ContributionRecorded> events) {
        this.settings = settings;
        this.people = List.copyOf(people);
        this.events = Collections.unmodifiableList(events);
    }

    /** Makes the history the settings describe; the same settings always give the same events. */
    public static SyntheticHistory generate(Settings settings) {
        return new Generator(settings).run();
    }

    public Settings settings() {
        return settings;
    }

    public List<Person> people() {
        return people;
    }

    /** Every record, in the order they were made (not time order), restatements of an event id included. */
    public List<ContributionRecorded> events() {
        return events;
    }

    /** One record per event id, the earliest (RULES.md: the earliest occurred_at is kept), in fold order. */
    public List<ContributionRecorded> canonical() {
        return canonical(events);
    }

    /** One record per event id, the earliest, sorted by (occurred_at, event id): the order the ledger folds them in. */
    public static List<ContributionRecorded> canonical(List<ContributionRecorded> records) {
        Map<String, ContributionRecorded> byId = new HashMap<>();
        for (ContributionRecorded r : records) {
            byId.merge(r.getEventId(), r, (a, b) -> seconds(b) < seconds(a) ? b : a);
        }
        List<ContributionRecorded> out = new ArrayList<>(byId.values());
        out.sort(FOLD_ORDER);
        return out;
    }

    /** (occurred_at, event id in plain string order). */
    public static final Comparator<ContributionRecorded> FOLD_ORDER = Comparator
            .comparingLong(SyntheticHistory::seconds).thenComparing(ContributionRecorded::getEventId);

    /** Records per kind. */
    public Map<String, Integer> countByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        events.forEach(e -> counts.merge(e.getKind(), 1, Integer::sum));
        return counts;
    }

    /** The Kafka key of a record on {@code contributions.v1}: the contributor's id; for pr.reverted, the actor's. */
    public static String kafkaKey(ContributionRecorded e) {
        return Long.toString(e.getKind().equals("pr.reverted") ? e.getActor().getId() : e.getContributor().getId());
    }

    /** Whether the kind's event id contains its time (team changes, flag clears): such a fact cannot be restated later. */
    public static boolean idHasTime(String kind) {
        return kind.startsWith("team.") || kind.equals("flag.cleared");
    }

    static long seconds(ContributionRecorded e) {
        return e.getOccurredAt().getSeconds();
    }

    /** The generator's state: the people, the issues and PRs made so far, and the counters behind the ids. */
    private static final class Generator {

        /** An issue or a pull request. */
        private record Topic(String repo, long number, Person author, Instant openedAt, boolean pr) {
        }

        private final Settings settings;
        private final Random random;
        private final List<Person> people = new ArrayList<>();
        private final List<Person> cores = new ArrayList<>();
        private final List<Person> triagers = new ArrayList<>(); // triagers and core developers
        private final List<ContributionRecorded> out = new ArrayList<>();
        private final List<Topic> topics = new ArrayList<>();
        private double[] actorWeights;
        private double[] reviewerWeights;
        private final Map<String, Long> nextNumber = new HashMap<>();
        private long nextPep = 800;
        private long nextCommentId = 1_500_000_000L;
        private long nextReviewId = 2_000_000_000L;

        Generator(Settings settings) {
            this.settings = settings;
            this.random = new Random(settings.seed());
            nextNumber.put(CPYTHON, 110_000L);
            nextNumber.put(DEVGUIDE, 1_200L);
        }

        SyntheticHistory run() {
            makePeople();
            setPieces();
            if (settings.everyoneActs()) {
                everyoneOnce();
            }
            while (out.size() < settings.events()) {
                Person actor = people.get(pick(actorWeights));
                Instant t = between(actor.arrival(), END.minus(Duration.ofDays(21)));
                act(actor, t);
            }
            // The last activity may overshoot: any prefix of a history is a history.
            List<ContributionRecorded> events = new ArrayList<>(out.subList(0, settings.events()));
            return new SyntheticHistory(settings, people, events);
        }

        private void makePeople() {
            int n = settings.people();
            int core = Math.max(2, Math.round(n * 0.02f));
            int triager = Math.max(2, Math.round(n * 0.08f));
            int spammer = Math.max(1, Math.round(n * 0.01f));
            int regular = Math.round(n * 0.25f);
            List<Profile> profiles = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                profiles.add(i < core ? Profile.CORE : i < core + triager ? Profile.TRIAGER
                        : i < core + triager + spammer ? Profile.SPAMMER
                        : i < core + triager + spammer + regular ? Profile.REGULAR : Profile.NEWCOMER);
            }
            Collections.shuffle(profiles, random);
            for (int i = 0; i < n; i++) {
                Profile p = profiles.get(i);
                Instant arrival = switch (p) {
                    case CORE -> START;
                    case TRIAGER -> START.plus(Duration.ofDays(random.nextInt(180)));
                    case REGULAR -> START.plus(Duration.ofDays(random.nextInt(450)));
                    case NEWCOMER, SPAMMER -> START.plus(Duration.ofDays(random.nextInt(660)));
                };
                Person person = new Person(FIRST_PERSON_ID + i, "synth-" + i, p, arrival);
                people.add(person);
                if (p == Profile.CORE) {
                    cores.add(person);
                }
                if (p == Profile.CORE || p == Profile.TRIAGER) {
                    triagers.add(person);
                }
            }
            actorWeights = cumulative(p -> p.profile().weight);
            reviewerWeights = cumulative(p -> switch (p.profile()) {
                case CORE -> 12;
                case TRIAGER -> 5;
                case REGULAR -> 1.5;
                case NEWCOMER -> 0.2;
                case SPAMMER -> 0.01;
            });
        }

        /** One activity of each person, in id order; every activity records at least one fact of its actor's. */
        private void everyoneOnce() {
            for (Person p : people) {
                act(p, between(p.arrival(), END.minus(Duration.ofDays(21))));
            }
            if (out.size() > settings.events()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%,d events are too few for %,d people to act once each (that takes %,d)", settings.events(),
                        settings.people(), out.size()));
            }
        }

        private double[] cumulative(java.util.function.ToDoubleFunction<Person> weight) {
            double[] c = new double[people.size()];
            double sum = 0;
            for (int i = 0; i < c.length; i++) {
                sum += weight.applyAsDouble(people.get(i));
                c[i] = sum;
            }
            return c;
        }

        /** What every history has, whatever its size: teams, PEPs, spammers flagged twice, reverts of all sorts. */
        private void setPieces() {
            for (Person c : cores) {
                team("team.joined", c, "python-core", START.plus(Duration.ofHours(1 + random.nextInt(24 * 30))));
            }
            Person council = cores.get(0);
            team("team.joined", council, "steering-council", START.plus(Duration.ofDays(40)));
            team("team.left", council, "steering-council", START.plus(Duration.ofDays(400)));
            team("team.joined", cores.get(1), "triage", START.plus(Duration.ofDays(3)));
            for (Person t : triagers) {
                if (t.profile() != Profile.TRIAGER) {
                    continue;
                }
                Instant joined = t.arrival().plus(Duration.ofDays(60 + random.nextInt(180)));
                team("team.joined", t, "triage", joined);
                if (random.nextInt(5) == 0) {
                    Instant left = joined.plus(Duration.ofDays(100 + random.nextInt(200)));
                    if (left.isBefore(END)) {
                        team("team.left", t, "triage", left);
                    }
                }
            }
            // Every spammer has two PRs flagged within a few days: they end up flagged; the first is cleared.
            boolean first = true;
            for (Person s : people) {
                if (s.profile() != Profile.SPAMMER) {
                    continue;
                }
                Instant t = s.arrival().plus(Duration.ofDays(2));
                Instant flagged = flaggedPr(s, t);
                flagged = flaggedPr(s, flagged.plus(Duration.ofDays(1 + random.nextInt(9))));
                if (first) { // cleared by an admin, and flagged again twice later
                    Instant cleared = flagged.plus(Duration.ofDays(5));
                    add(ev("flag.cleared", "flag.cleared:" + s.id() + "@" + ID_TIME.format(cleared), s, cleared, null, "")
                            .setActor(cores.get(0).user()));
                    flagged = flaggedPr(s, cleared.plus(Duration.ofDays(20)));
                    flaggedPr(s, flagged.plus(Duration.ofDays(25)));
                    first = false;
                }
            }
            // A PEP all the way: authors, a sponsor, a delegate.
            Person champion = people.stream().filter(p -> p.profile() == Profile.REGULAR).findFirst().orElse(cores.get(0));
            pep(champion, START.plus(Duration.ofDays(30)), true);
            // Reverts: by a core developer (taken back), by the PR's own author (no effect), of a revert (restores
            // nothing), and of a PR merged before this history began (nothing known to take back).
            Person author = people.stream().filter(p -> p.profile() == Profile.NEWCOMER).findFirst().orElse(cores.get(1));
            Instant t = author.arrival().plus(Duration.ofDays(5));
            long n = mergedPr(author, t, cores.get(0));
            Instant revertedAt = t.plus(Duration.ofDays(9));
            long revertPr = revert(CPYTHON, n, author, cores.get(1), revertedAt);
            revert(CPYTHON, revertPr, cores.get(1), cores.get(0), revertedAt.plus(Duration.ofDays(2)));
            Person regular = people.stream().filter(p -> p.profile() == Profile.REGULAR).skip(1).findFirst()
                    .orElse(cores.get(0));
            Instant t2 = regular.arrival().plus(Duration.ofDays(8));
            long self = mergedPr(regular, t2, cores.get(0));
            revert(CPYTHON, self, regular, regular, t2.plus(Duration.ofDays(6)));
            Target old = target(CPYTHON, 90_001, cores.get(1).user(), false, true);
            Instant t3 = START.plus(Duration.ofDays(50));
            long oldRevert = mergedPr(cores.get(0), t3, null);
            add(ev("pr.reverted", "pr.reverted:" + CPYTHON + "#90001", null, t3, old, pullUrl(CPYTHON, oldRevert))
                    .setActor(cores.get(0).user()));
        }

        private void act(Person actor, Instant t) {
            int r = random.nextInt(100);
            switch (actor.profile()) {
                case CORE -> {
                    if (r < 40) {
                        pullRequest(actor, t);
                    } else if (r < 58) {
                        commentBurst(actor, t);
                    } else if (r < 78) {
                        triageSession(actor, t);
                    } else if (r < 88) {
                        issue(actor, t);
                    } else if (r < 98) {
                        botPullRequest(actor, t);
                    } else {
                        pep(actor, t, false);
                    }
                }
                case TRIAGER -> {
                    if (r < 40) {
                        triageSession(actor, t);
                    } else if (r < 65) {
                        commentBurst(actor, t);
                    } else if (r < 85) {
                        pullRequest(actor, t);
                    } else if (r < 95) {
                        issue(actor, t);
                    } else {
                        botPullRequest(actor, t);
                    }
                }
                case REGULAR -> {
                    if (r < 45) {
                        pullRequest(actor, t);
                    } else if (r < 70) {
                        commentBurst(actor, t);
                    } else if (r < 99 || random.nextInt(3) > 0) {
                        issue(actor, t);
                    } else {
                        pep(actor, t, false);
                    }
                }
                case NEWCOMER -> {
                    if (r < 40) {
                        issue(actor, t);
                    } else if (r < 70) {
                        commentBurst(actor, t);
                    } else if (r < 95) {
                        pullRequest(actor, t);
                    } else {
                        for (int i = 0, k = 5 + random.nextInt(3); i < k; i++) { // over the daily limit of 5
                            issue(actor, t.plus(Duration.ofMinutes(7L * i)));
                        }
                    }
                }
                case SPAMMER -> {
                    if (r < 70) {
                        pullRequest(actor, t);
                    } else {
                        commentBurst(actor, t);
                    }
                }
            }
        }

        // --- activities -------------------------------------------------------------------------------------------

        private void issue(Person author, Instant t) {
            String repo = random.nextInt(12) == 0 ? DEVGUIDE : CPYTHON;
            long n = next(repo);
            Target target = target(repo, n, author.user(), false, false);
            add(ev("issue.opened", "issue.opened:" + repo + "#" + n + ":" + author.id(), author, t, target,
                    issueUrl(repo, n)));
            topics.add(new Topic(repo, n, author, t, false));
            Instant last = t;
            if (random.nextInt(10) < 6) {
                Person triager = other(triagers, author);
                Instant at = t.plus(Duration.ofMinutes(30 + random.nextInt(60 * 24 * 5)));
                triage("issue.triaged", triager, repo, n, author, at, label());
                if (random.nextInt(10) == 0) { // a second label by the same person: the same fact, later
                    triage("issue.triaged", triager, repo, n, author, at.plus(Duration.ofHours(1 + random.nextInt(48))),
                            label());
                }
                if (random.nextInt(5) == 0) { // labelled by a second triager too
                    triage("issue.triaged", other(triagers, author), repo, n, author,
                            at.plus(Duration.ofHours(2 + random.nextInt(72))), label());
                }
                last = at;
            }
            if (random.nextInt(100) < 15) {
                triage("issue.closed_by_triage", other(triagers, author), repo, n, author,
                        last.plus(Duration.ofHours(1 + random.nextInt(24 * 20))),
                        random.nextBoolean() ? "not_planned" : "duplicate");
            }
            for (int i = 0, k = random.nextInt(4); i < k; i++) {
                Person who = random.nextInt(3) == 0 ? author : people.get(pick(reviewerWeights));
                comment(who, new Topic(repo, n, author, t, false),
                        t.plus(Duration.ofMinutes(10 + random.nextInt(60 * 24 * 10))));
            }
        }

        private void pullRequest(Person author, Instant t) {
            String repo = random.nextInt(10) == 0 ? DEVGUIDE : CPYTHON;
            long n = next(repo);
            Target target = target(repo, n, author.user(), false, true);
            add(ev("pr.opened", "pr.opened:" + repo + "#" + n + ":" + author.id(), author, t, target, pullUrl(repo, n)));
            Topic topic = new Topic(repo, n, author, t, true);
            topics.add(topic);
            boolean spam = author.profile() == Profile.SPAMMER;
            Instant flagAt = (spam ? random.nextInt(10) < 7 : random.nextInt(100) == 0)
                    ? t.plus(Duration.ofHours(1 + random.nextInt(72))) : null;
            Instant last = t;
            List<Person> reviewers = new ArrayList<>();
            for (int i = 0, k = random.nextInt(spam ? 2 : 4); i < k; i++) {
                Person reviewer = reviewer(author);
                reviewers.add(reviewer);
                Instant at = t.plus(Duration.ofMinutes(20 + random.nextInt(60 * 24 * 7)));
                int s = random.nextInt(100);
                String state = s < 45 ? "approved" : s < 65 ? "changes_requested" : "commented";
                review(reviewer, topic, state, at);
                if (random.nextInt(10) == 0) { // reviews again: once per PR, so it earns nothing
                    at = at.plus(Duration.ofHours(1 + random.nextInt(48)));
                    review(reviewer, topic, "approved", at);
                }
                last = last.isAfter(at) ? last : at;
            }
            for (int i = 0, k = random.nextInt(3); i < k; i++) {
                Person who = random.nextBoolean() || reviewers.isEmpty() ? author : reviewers.get(0);
                comment(who, topic, t.plus(Duration.ofMinutes(5 + random.nextInt(60 * 24 * 6))));
            }
            if (!spam && random.nextBoolean()) {
                Instant at = t.plus(Duration.ofMinutes(30 + random.nextInt(60 * 24)));
                passed(author, topic, "amd64", at);
                if (random.nextInt(10) < 7) {
                    passed(author, topic, "arm64", at.plus(Duration.ofMinutes(20 + random.nextInt(120))));
                }
                if (random.nextInt(100) < 45) {
                    passed(author, topic, "riscv64", at.plus(Duration.ofMinutes(60 + random.nextInt(300))));
                }
                if (random.nextInt(100) < 3) {
                    passed(author, topic, "s390x", at.plus(Duration.ofMinutes(90))); // not configured: no points
                }
            }
            int mergeChance = spam ? 10 : author.profile() == Profile.CORE ? 85 : 65;
            if (random.nextInt(100) < mergeChance) {
                Instant merged = last.plus(Duration.ofMinutes(60 + random.nextInt(60 * 24 * 5)));
                Person merger = author.profile() == Profile.CORE && random.nextBoolean() ? author
                        : random.nextInt(10) == 0 ? null : other(cores, author);
                merge(author, topic, merged, merger);
                if (random.nextInt(100) < 15) {
                    Person co = reviewers.isEmpty() ? other(people, author) : reviewers.get(0);
                    if (co.id() != author.id()) {
                        add(ev("pr.merged", "pr.merged:" + repo + "#" + n + ":" + co.id(), co, merged, target,
                                pullUrl(repo, n)).setCredit("co-author"));
                    }
                }
                if (flagAt == null && random.nextInt(200) == 0) {
                    flagAt = merged.plus(Duration.ofDays(1 + random.nextInt(10)));
                }
                if (!spam && random.nextInt(100) < 3) {
                    Person reverter = random.nextInt(6) == 0 ? author : other(cores, author);
                    long revertPr = revert(repo, n, author, reverter, merged.plus(Duration.ofDays(1 + random.nextInt(10))));
                    if (random.nextInt(4) == 0) {
                        revert(repo, revertPr, reverter, other(cores, reverter),
                                merged.plus(Duration.ofDays(12 + random.nextInt(10))));
                    }
                }
            }
            if (flagAt != null) {
                flag(author, topic, flagAt);
            }
        }

        /** A PR by a bot (dependabot), reviewed and often merged by a person: the bot is credited nothing. */
        private void botPullRequest(Person actor, Instant t) {
            long n = next(CPYTHON);
            Target target = target(CPYTHON, n, DEPENDABOT, true, true);
            add(ev("pr.reviewed", "pr.reviewed:" + CPYTHON + "#" + n + ":" + actor.id() + ":r" + nextReviewId, actor, t,
                    target, pullUrl(CPYTHON, n) + "#pullrequestreview-" + nextReviewId++).setReviewState("approved"));
            if (random.nextInt(3) > 0) {
                Person merger = actor.profile() == Profile.CORE ? actor : other(cores, actor);
                add(ev("pr.merged_other", "pr.merged_other:" + CPYTHON + "#" + n + ":" + merger.id(), merger,
                        t.plus(Duration.ofMinutes(5 + random.nextInt(600))), target, pullUrl(CPYTHON, n)));
            }
        }

        private void commentBurst(Person who, Instant t) {
            int k = 1 + random.nextInt(8); // 6 to 8 go over the daily limit of 5
            for (int i = 0; i < k; i++) {
                Topic topic = topicBefore(t, null, false);
                if (topic == null) {
                    issue(who, t);
                    return;
                }
                comment(who, topic, t.plus(Duration.ofMinutes(3L * i + random.nextInt(3))));
            }
        }

        private void triageSession(Person triager, Instant t) {
            int k = 1 + random.nextInt(13); // 11 to 13 go over the daily limit of 10
            for (int i = 0; i < k; i++) {
                Topic issue = topicBefore(t, triager, true);
                if (issue == null) {
                    issue(triager, t);
                    return;
                }
                Instant at = t.plus(Duration.ofMinutes(2L * i + random.nextInt(2)));
                if (random.nextInt(5) == 0) {
                    triage("issue.closed_by_triage", triager, issue.repo(), issue.number(), issue.author(), at,
                            random.nextBoolean() ? "not_planned" : "duplicate");
                } else {
                    triage("issue.triaged", triager, issue.repo(), issue.number(), issue.author(), at, label());
                }
            }
        }

        /** A PEP: its authors and a sponsor when created, a delegate when accepted, final for some. */
        private void pep(Person champion, Instant t, boolean complete) {
            long pep = nextPep++;
            List<Person> authors = new ArrayList<>(List.of(champion));
            if (random.nextInt(10) < 3) {
                authors.add(other(people, champion));
            }
            Target target = target(PEPS, pep, champion.user(), false, false);
            String url = "https://peps.python.org/pep-0" + pep + "/";
            for (Person a : authors) {
                add(ev("pep.created", pepId("pep.created", pep, a), a, t, target, url).setCredit("author"));
            }
            Person sponsor = otherThan(cores, authors);
            if (sponsor != null && champion.profile() != Profile.CORE) {
                add(ev("pep.created", pepId("pep.created", pep, sponsor), sponsor, t, target, url).setCredit("sponsor"));
            }
            Instant accepted = t.plus(Duration.ofDays(60 + random.nextInt(180)));
            if ((complete || random.nextInt(10) < 6) && accepted.isBefore(END)) {
                for (Person a : authors) {
                    add(ev("pep.accepted", pepId("pep.accepted", pep, a), a, accepted, target, url).setCredit("author"));
                }
                Person delegate = otherThan(cores, authors);
                if (delegate != null && (complete || random.nextInt(10) < 7)) {
                    add(ev("pep.accepted", pepId("pep.accepted", pep, delegate), delegate, accepted, target, url)
                            .setCredit("delegate"));
                }
                Instant fin = accepted.plus(Duration.ofDays(30 + random.nextInt(150)));
                if ((complete || random.nextBoolean()) && fin.isBefore(END)) {
                    for (Person a : authors) {
                        add(ev("pep.final", pepId("pep.final", pep, a), a, fin, target, url).setCredit("author"));
                    }
                }
            }
        }

        // --- facts --------------------------------------------------------------------------------------------------

        private void triage(String kind, Person triager, String repo, long n, Person author, Instant at, String detail) {
            add(ev(kind, kind + ":" + repo + "#" + n + ":" + triager.id(), triager, at,
                    target(repo, n, author.user(), false, false), issueUrl(repo, n)).setDetail(detail));
        }

        private void comment(Person who, Topic topic, Instant at) {
            long id = nextCommentId++;
            String base = topic.pr() ? pullUrl(topic.repo(), topic.number()) : issueUrl(topic.repo(), topic.number());
            add(ev("issue.commented", "issue.commented:" + topic.repo() + "#" + topic.number() + ":" + who.id() + ":c" + id,
                    who, at, target(topic.repo(), topic.number(), topic.author().user(), false, topic.pr()),
                    base + "#issuecomment-" + id));
        }

        private void review(Person reviewer, Topic pr, String state, Instant at) {
            long id = nextReviewId++;
            add(ev("pr.reviewed", "pr.reviewed:" + pr.repo() + "#" + pr.number() + ":" + reviewer.id() + ":r" + id,
                    reviewer, at, target(pr.repo(), pr.number(), pr.author().user(), false, true),
                    pullUrl(pr.repo(), pr.number()) + "#pullrequestreview-" + id).setReviewState(state));
        }

        private void passed(Person author, Topic pr, String arch, Instant at) {
            String id = "patch.passed:" + pr.repo() + "#" + pr.number() + ":" + author.id() + ":" + arch;
            Target target = target(pr.repo(), pr.number(), author.user(), false, true);
            add(ev("patch.passed", id, author, at, target, pullUrl(pr.repo(), pr.number())).setArch(arch));
            if (random.nextInt(20) == 0) { // the same tests passed again on that architecture: the same fact
                add(ev("patch.passed", id, author, at.plus(Duration.ofHours(2)), target, pullUrl(pr.repo(), pr.number()))
                        .setArch(arch));
            }
        }

        /** The author's merge and, when a person merged it for them, the merger's. */
        private void merge(Person author, Topic pr, Instant at, Person merger) {
            Target target = target(pr.repo(), pr.number(), author.user(), false, true);
            String id = "pr.merged:" + pr.repo() + "#" + pr.number() + ":" + author.id();
            add(ev("pr.merged", id, author, at, target, pullUrl(pr.repo(), pr.number())).setCredit("author"));
            if (random.nextInt(5) == 0) { // seen again in the push of the merge commit, a little later
                add(ev("pr.merged", id, author, at.plus(Duration.ofSeconds(30 + random.nextInt(900))), target,
                        pullUrl(pr.repo(), pr.number())).setCredit("author"));
            }
            if (merger != null && merger.id() != author.id()) {
                add(ev("pr.merged_other", "pr.merged_other:" + pr.repo() + "#" + pr.number() + ":" + merger.id(), merger,
                        at, target, pullUrl(pr.repo(), pr.number())));
            }
        }

        private void flag(Person author, Topic pr, Instant at) {
            add(ev("pr.flagged", "pr.flagged:" + pr.repo() + "#" + pr.number() + ":" + author.id(), author, at,
                    target(pr.repo(), pr.number(), author.user(), false, true), pullUrl(pr.repo(), pr.number()))
                    .setDetail(random.nextBoolean() ? "spam" : "invalid"));
        }

        /** A PR opened and flagged a few hours later; returns when it was flagged. */
        private Instant flaggedPr(Person author, Instant t) {
            long n = next(CPYTHON);
            Topic pr = new Topic(CPYTHON, n, author, t, true);
            add(ev("pr.opened", "pr.opened:" + CPYTHON + "#" + n + ":" + author.id(), author, t,
                    target(CPYTHON, n, author.user(), false, true), pullUrl(CPYTHON, n)));
            topics.add(pr);
            Instant at = t.plus(Duration.ofHours(2 + random.nextInt(20)));
            flag(author, pr, at);
            return at;
        }

        /** A PR opened, reviewed and merged; returns its number. */
        private long mergedPr(Person author, Instant t, Person merger) {
            long n = next(CPYTHON);
            Topic pr = new Topic(CPYTHON, n, author, t, true);
            topics.add(pr);
            add(ev("pr.opened", "pr.opened:" + CPYTHON + "#" + n + ":" + author.id(), author, t,
                    target(CPYTHON, n, author.user(), false, true), pullUrl(CPYTHON, n)));
            review(other(cores, author), pr, "approved", t.plus(Duration.ofHours(3)));
            merge(author, pr, t.plus(Duration.ofHours(20)), merger);
            return n;
        }

        /**
         * The reverter's PR "Reverts repo#n", opened and merged at {@code at}, and its pr.reverted (contributor unset,
         * actor the reverter, target #n); returns the revert PR's number.
         */
        private long revert(String repo, long n, Person author, Person reverter, Instant at) {
            long r = next(repo);
            Topic revertPr = new Topic(repo, r, reverter, at.minus(Duration.ofHours(2)), true);
            topics.add(revertPr);
            add(ev("pr.opened", "pr.opened:" + repo + "#" + r + ":" + reverter.id(), reverter, revertPr.openedAt(),
                    target(repo, r, reverter.user(), false, true), pullUrl(repo, r)));
            merge(reverter, revertPr, at, reverter.profile() == Profile.CORE ? reverter : other(cores, reverter));
            add(ev("pr.reverted", "pr.reverted:" + repo + "#" + n, null, at, target(repo, n, author.user(), false, true),
                    pullUrl(repo, r)).setActor(reverter.user()));
            return r;
        }

        private void team(String kind, Person member, String slug, Instant at) {
            add(ev(kind, kind + ":python/" + slug + ":" + member.id() + "@" + ID_TIME.format(at), member, at, null,
                    "https://github.com/orgs/python/teams/" + slug).setTeam("python/" + slug));
        }

        // --- helpers ------------------------------------------------------------------------------------------------

        private ContributionRecorded.Builder ev(String kind, String id, Person who, Instant at, Target target, String url) {
            ContributionRecorded.Builder b = ContributionRecorded.newBuilder()
                    .setEventId(id)
                    .setKind(kind)
                    .setOccurredAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
                    .setUrl(url);
            if (who != null) {
                b.setContributor(who.user());
            }
            if (target != null) {
                b.setTarget(target);
            }
            return b;
        }

        private void add(ContributionRecorded.Builder b) {
            out.add(b.build());
        }

        private static Target target(String repo, long n, GithubUser author, boolean bot, boolean pr) {
            return Target.newBuilder().setRepository(repo).setNumber(n).setAuthor(author).setAuthorIsBot(bot)
                    .setUrl(repo.equals(PEPS) ? "https://peps.python.org/pep-0" + n + "/" : pr ? pullUrl(repo, n)
                            : issueUrl(repo, n))
                    .build();
        }

        private static String pullUrl(String repo, long n) {
            return "https://github.com/" + repo + "/pull/" + n;
        }

        private static String issueUrl(String repo, long n) {
            return "https://github.com/" + repo + "/issues/" + n;
        }

        private static String pepId(String kind, long pep, Person who) {
            return kind + ":" + PEPS + "#" + pep + ":" + who.id();
        }

        private long next(String repo) {
            return nextNumber.merge(repo, 1L, Long::sum);
        }

        private String label() {
            return TRIAGE_LABELS[random.nextInt(TRIAGE_LABELS.length)];
        }

        private Instant between(Instant from, Instant to) {
            long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
            return Instant.ofEpochSecond(from.getEpochSecond() + (long) (random.nextDouble() * span));
        }

        private int pick(double[] cumulative) {
            double x = random.nextDouble() * cumulative[cumulative.length - 1];
            int i = Arrays.binarySearch(cumulative, x);
            return Math.min(cumulative.length - 1, i >= 0 ? i + 1 : -i - 1);
        }

        private Person reviewer(Person author) {
            for (int tries = 0; tries < 20; tries++) {
                Person p = people.get(pick(reviewerWeights));
                if (p.id() != author.id()) {
                    return p;
                }
            }
            return other(cores, author);
        }

        /** Someone from {@code pool} other than {@code not}. */
        private Person other(List<Person> pool, Person not) {
            Person p = pool.get(random.nextInt(pool.size()));
            if (p.id() != not.id()) {
                return p;
            }
            return pool.get((pool.indexOf(p) + 1) % pool.size());
        }

        private Person otherThan(List<Person> pool, List<Person> not) {
            int start = random.nextInt(pool.size());
            for (int i = 0; i < pool.size(); i++) {
                Person p = pool.get((start + i) % pool.size());
                if (not.stream().noneMatch(x -> x.id() == p.id())) {
                    return p;
                }
            }
            return null;
        }

        /** A recent issue (or PR) opened before {@code t}, by someone other than {@code notBy}; null if none found. */
        private Topic topicBefore(Instant t, Person notBy, boolean issuesOnly) {
            for (int tries = 0; tries < 30 && !topics.isEmpty(); tries++) {
                Topic th = topics.get(random.nextInt(topics.size()));
                if (th.openedAt().isBefore(t) && (notBy == null || th.author().id() != notBy.id())
                        && (!issuesOnly || !th.pr())) {
                    return th;
                }
            }
            return null;
        }
    }
}
