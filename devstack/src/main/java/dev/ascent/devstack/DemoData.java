package dev.ascent.devstack;

import com.google.protobuf.Timestamp;
import dev.ascent.proto.events.v1.ContributionRecorded;
import dev.ascent.proto.events.v1.GithubUser;
import dev.ascent.proto.events.v1.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Demo data for the local run: the histories of a few made-up contributors (logins {@code demo-*}, repository
 * {@code demo/cpython}), published as canonical contributions on {@code contributions.v1}. Always the same
 * contributions with the same event ids, so publishing them again changes nothing.
 */
public final class DemoData {

    private static final String[] LOGINS = {"demo-ada", "demo-grace", "demo-guido", "demo-barbara", "demo-linus",
        "demo-katherine", "demo-alan", "demo-margaret"};
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private DemoData() {
    }

    /** The demo contributions: a fixed seed, so always the same. */
    public static List<ContributionRecorded> contributions() {
        Random random = new Random(20260105L);
        List<ContributionRecorded> out = new ArrayList<>();
        int nextNumber = 1000;
        for (int person = 0; person < LOGINS.length; person++) {
            long id = 900_000_001L + person;
            int activity = 4 + person * 6; // some barely started, some are regulars
            for (int i = 0; i < activity; i++) {
                Instant at = START.plus(Duration.ofHours(random.nextInt(24 * 7 * 40)));
                int number = nextNumber++;
                int reviewerIndex = (person + 1 + random.nextInt(LOGINS.length - 1)) % LOGINS.length;
                switch (random.nextInt(5)) {
                    case 0 -> out.add(event("issue.opened", id, person, number, at, id, "", "", ""));
                    case 1 -> out.add(event("issue.commented", id, person, number, at, id, "", "", ":c" + number));
                    case 2 -> out.add(event("pr.opened", id, person, number, at, id, "", "", ""));
                    case 3 -> {
                        out.add(event("pr.opened", id, person, number, at, id, "", "", ""));
                        out.add(event("pr.merged", id, person, number, at.plus(Duration.ofDays(2)), id, "author", "", ""));
                    }
                    default -> out.add(event("pr.reviewed", 900_000_001L + reviewerIndex, reviewerIndex, number, at, id,
                            "", random.nextBoolean() ? "approved" : "commented", ":r" + number));
                }
            }
        }
        return out;
    }

    /** Publishes the demo contributions and waits until Kafka acknowledged every one. */
    public static int publish(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        List<ContributionRecorded> all = contributions();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ContributionRecorded c : all) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>("contributions.v1",
                        Long.toString(c.getContributor().getId()), c.toByteArray());
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", c.getEventId());
                header(record, "ce_type", "ascent.events.v1.ContributionRecorded");
                header(record, "ce_source", "ascent/devstack-demo");
                header(record, "content-type", "application/protobuf");
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing demo data", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the demo data: " + e.getCause().getMessage(), e);
        }
        return all.size();
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ContributionRecorded event(String kind, long who, int loginIndex, int number, Instant at, long author,
            String credit, String reviewState, String suffix) {
        String repo = "demo/cpython";
        String url = "https://github.com/" + repo + (kind.startsWith("pr.") ? "/pull/" : "/issues/") + number;
        return ContributionRecorded.newBuilder()
                .setEventId(kind + ":" + repo + "#" + number + ":" + who + suffix)
                .setKind(kind)
                .setContributor(GithubUser.newBuilder().setId(who).setLogin(LOGINS[loginIndex]))
                .setOccurredAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
                .setTarget(Target.newBuilder().setRepository(repo).setNumber(number).setUrl(url)
                        .setAuthor(GithubUser.newBuilder().setId(author)
                                .setLogin(LOGINS[(int) (author - 900_000_001L)])))
                .setUrl(url)
                .setCredit(credit)
                .setReviewState(reviewState)
                .build();
    }
}
