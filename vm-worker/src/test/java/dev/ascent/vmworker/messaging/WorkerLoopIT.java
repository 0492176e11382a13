package dev.ascent.vmworker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ascent.devstack.Await;
import dev.ascent.devstack.FreePorts;
import dev.ascent.devstack.KafkaBroker;
import dev.ascent.devstack.TopicReader;
import dev.ascent.proto.vm.v1.JobStage;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobRequested;
import dev.ascent.vmworker.client.JobControl;
import dev.ascent.vmworker.service.JobRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job loop on a real Kafka broker, with patch-runner's attempt counting and the job itself played by the test:
 * one job at a time, commits only after the result, a job longer than {@code max.poll.interval.ms}, a worker that
 * leaves mid-job, cancel and abandon from heartbeats, a claim that is refused or retried, and a dead letter. (The
 * job logic on a real CPython is JobRunnerIT's; the whole path with a killed worker process is the end-to-end test's.)
 */
class WorkerLoopIT {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final AtomicInteger TOPICS = new AtomicInteger();

    static KafkaBroker broker;
    static KafkaProducer<String, byte[]> producer;

    final List<JobLoop> loops = new ArrayList<>();
    String topic;
    String group;

    @BeforeAll
    static void startBroker() throws IOException {
        Path dir = Files.createTempDirectory("worker-loop-it");
        int[] ports = FreePorts.take(2);
        broker = KafkaBroker.create(dir.resolve("kafka"), ports[0], ports[1], dir.resolve("kafka.log"));
        broker.start();
        producer = new KafkaProducer<>(KafkaClients.producer(broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void stopLoops() {
        loops.forEach(l -> l.close(Duration.ofSeconds(30)));
    }

    /** Fresh topics per test, one partition each unless asked. */
    void topics(int partitions) {
        int n = TOPICS.incrementAndGet();
        topic = "vm.jobs.t" + n;
        group = "workers-" + n;
        broker.createTopics(Map.of(topic, partitions, topic + ".dlq", 1, progressTopic(), 1, resultsTopic(), 1));
    }

    String progressTopic() {
        return topic + ".progress";
    }

    String resultsTopic() {
        return topic + ".results";
    }

    @Test
    void runsOneJobAtATimeAndCommitsOnlyAfterItsResult() throws Exception {
        topics(1);
        Control control = new Control();
        Jobs jobs = new Jobs();
        start("w1", control, jobs, Map.of());
        send(job("r1/amd64"));
        send(job("r2/amd64"));

        await("the first job starts", () -> jobs.started.contains("r1/amd64#1"));
        assertEquals(List.of("r1/amd64#1"), jobs.started, "the second job waits for the first");
        assertNull(committed(), "nothing is committed while the job runs");

        jobs.release("r1/amd64");
        await("the second job starts", () -> jobs.started.contains("r2/amd64#1"));
        assertEquals(1L, committed(), "the first job's offset is committed once its result is out");
        assertEquals(List.of("r1/amd64"), results().stream().map(TestJobCompleted::getJobId).toList());
        jobs.release("r2/amd64");
        await("both results", () -> results().size() == 2);
        await("both offsets committed", () -> Long.valueOf(2).equals(committed()));
        assertTrue(progressCount() >= 2, "progress is published");
    }

    @Test
    void staysInTheGroupThroughAJobLongerThanTheMaxPollInterval() throws Exception {
        topics(1);
        Control control = new Control();
        Jobs jobs = new Jobs();
        start("w1", control, jobs, Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "6000"));
        send(job("long/amd64"));
        await("the job starts", () -> jobs.started.contains("long/amd64#1"));
        Instant started = Instant.now();
        await("the job has run for twice max.poll.interval.ms", () -> Duration.between(started, Instant.now())
                .compareTo(Duration.ofSeconds(12)) > 0);
        jobs.release("long/amd64");
        await("its result", () -> results().size() == 1);
        await("committed", () -> Long.valueOf(1).equals(committed()));
        assertEquals(1, control.attempts("long/amd64"), "never redelivered: the worker stayed in its group");
        assertEquals(List.of("long/amd64#1"), jobs.started);
    }

    @Test
    void aJobLeftByAStoppingWorkerRunsOnceOnTheNextAsAttemptTwo() throws Exception {
        topics(1);
        Control control = new Control();
        Jobs first = new Jobs();
        JobLoop w1 = start("w1", control, first, Map.of());
        send(job("lost/amd64"));
        await("w1 starts the job", () -> first.started.contains("lost/amd64#1"));

        Jobs second = new Jobs();
        second.release("lost/amd64");
        start("w2", control, second, Map.of());
        w1.close(Duration.ofSeconds(30));
        loops.remove(w1);

        await("w2 runs it", () -> second.started.contains("lost/amd64#2"));
        await("one result", () -> results().size() == 1);
        TestJobCompleted r = results().get(0);
        assertEquals(2, r.getAttempt());
        assertEquals("w2", r.getWorker());
        assertTrue(first.stopped.contains("lost/amd64"), "w1 stopped its sandbox");
        await("committed", () -> Long.valueOf(1).equals(committed()));
        assertEquals(1, results().size(), "w1 published nothing");
    }

    @Test
    void aCancelFromTheHeartbeatStopsTheJobAndPublishesCancelled() throws Exception {
        topics(1);
        Control control = new Control();
        Jobs jobs = new Jobs();
        start("w1", control, jobs, Map.of());
        send(job("c/amd64"));
        await("started", () -> jobs.started.contains("c/amd64#1"));
        control.verdicts.put("c/amd64", new JobControl.Beat(JobControl.Verdict.CANCEL, "cancelled by a newer push"));
        await("a result", () -> results().size() == 1);
        TestJobCompleted r = results().get(0);
        assertEquals(JobStatus.JOB_STATUS_CANCELLED, r.getStatus());
        assertEquals("cancelled by a newer push", r.getDetail());
        await("committed", () -> Long.valueOf(1).equals(committed()));
    }

    @Test
    void anAbandonedJobPublishesNothingAndTheNextJobRuns() throws Exception {
        topics(1);
        Control control = new Control();
        Jobs jobs = new Jobs();
        start("w1", control, jobs, Map.of());
        send(job("a/amd64"));
        send(job("b/amd64"));
        jobs.release("b/amd64");
        await("started", () -> jobs.started.contains("a/amd64#1"));
        control.verdicts.put("a/amd64", new JobControl.Beat(JobControl.Verdict.ABANDON, "attempt 2 took it over"));
        await("the next job's result", () -> results().size() == 1);
        assertEquals("b/amd64", results().get(0).getJobId());
        assertTrue(jobs.stopped.contains("a/amd64"));
        await("both committed", () -> Long.valueOf(2).equals(committed()));
    }

    @Test
    void aRefusedClaimSkipsTheJobAndAnUnansweredOneIsAskedAgain() throws Exception {
        topics(1);
        Control control = new Control();
        control.skip.add("done/amd64");
        control.failuresLeft.set(2);
        Jobs jobs = new Jobs();
        jobs.release("next/amd64");
        start("w1", control, jobs, Map.of());
        send(job("done/amd64"));
        send(job("next/amd64"));
        await("the next job's result", () -> results().size() == 1);
        assertEquals("next/amd64", results().get(0).getJobId());
        assertEquals(List.of("next/amd64#1"), jobs.started, "the skipped job never ran");
        assertEquals(0, control.failuresLeft.get(), "patch-runner was asked again after failing");
        await("both committed", () -> Long.valueOf(2).equals(committed()));
    }

    @Test
    void aRecordThatIsNotAJobGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        topics(1);
        Control control = new Control();
        Jobs jobs = new Jobs();
        jobs.release("ok/amd64");
        start("w1", control, jobs, Map.of());
        producer.send(new ProducerRecord<>(topic, "junk", "not a protobuf".getBytes(StandardCharsets.UTF_8))).get();
        send(job("ok/amd64"));
        await("the good job's result", () -> results().size() == 1);
        List<ConsumerRecord<String, byte[]>> dead = read(topic + ".dlq");
        assertEquals(1, dead.size());
        String reason = new String(dead.get(0).headers().lastHeader(JobRecords.DEAD_LETTER_REASON).value(),
                StandardCharsets.UTF_8);
        assertTrue(reason.startsWith("the body is not a TestJobRequested"), reason);
        assertEquals("not a protobuf", new String(dead.get(0).value(), StandardCharsets.UTF_8));
        await("both committed", () -> Long.valueOf(2).equals(committed()));
    }

    // --- the loop, its Kafka and the two roles the test plays ---

    JobLoop start(String worker, Control control, Jobs jobs, Map<String, String> consumerOverrides) {
        Properties p = KafkaClients.consumer(broker.bootstrapServers(), group, Duration.ofSeconds(6));
        p.putAll(consumerOverrides);
        JobLoop loop = new JobLoop(new KafkaConsumer<>(p), producer, control, jobs,
                new JobLoop.Settings(topic, topic + ".dlq", progressTopic(), resultsTopic(), worker, Duration.ofMillis(200),
                        Duration.ofMillis(200), Duration.ofSeconds(10)));
        Thread t = new Thread(loop, "loop-" + worker);
        t.setDaemon(true);
        t.start();
        loops.add(loop);
        return loop;
    }

    void send(TestJobRequested job) throws Exception {
        producer.send(new ProducerRecord<>(topic, job.getJobId(), job.toByteArray())).get();
    }

    static TestJobRequested job(String id) {
        return TestJobRequested.newBuilder().setJobId(id).setRunId(id.substring(0, id.indexOf('/')))
                .setArch("amd64").setBase("3.11").setRepository("python/cpython").setPrNumber(1)
                .setPatch(ByteString.copyFromUtf8("diff --git a/x b/x\n")).build();
    }

    /** The group's committed offset of partition 0, or null. */
    Long committed() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
            return o == null ? null : o.offset();
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<TestJobCompleted> results() {
        return read(resultsTopic()).stream().map(r -> {
            try {
                return TestJobCompleted.parseFrom(r.value());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    int progressCount() {
        return read(progressTopic()).size();
    }

    List<ConsumerRecord<String, byte[]>> read(String t) {
        return TopicReader.readAll(broker.bootstrapServers(), t, DEADLINE);
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, DEADLINE, condition);
    }

    /** patch-runner's side: attempts counted per job, claims refused or failing on demand, verdicts per job. */
    static final class Control implements JobControl {
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Map<String, Beat> verdicts = new ConcurrentHashMap<>();
        final Set<String> skip = ConcurrentHashMap.newKeySet();
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public Claim claim(TestJobRequested job, String worker) {
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("UNAVAILABLE: patch-runner is restarting");
            }
            if (skip.contains(job.getJobId())) {
                return Claim.skip("the job already has a result");
            }
            return Claim.run(attempts.computeIfAbsent(job.getJobId(), k -> new AtomicInteger()).incrementAndGet());
        }

        @Override
        public Beat heartbeat(String jobId, int attempt, String worker) {
            return verdicts.getOrDefault(jobId, new Beat(Verdict.CONTINUE, ""));
        }

        int attempts(String jobId) {
            AtomicInteger n = attempts.get(jobId);
            return n == null ? 0 : n.get();
        }
    }

    /** The job itself: runs until the test releases it or the loop stops it. */
    static final class Jobs implements JobLoop.Executor {
        final List<String> started = new CopyOnWriteArrayList<>();
        final Set<String> released = ConcurrentHashMap.newKeySet();
        final Set<String> stopped = ConcurrentHashMap.newKeySet();

        void release(String jobId) {
            released.add(jobId);
        }

        @Override
        public TestJobCompleted run(TestJobRequested job, int attempt, String worker, JobRunner.Listener listener,
                BooleanSupplier stop) {
            started.add(job.getJobId() + "#" + attempt);
            listener.progress(JobStage.JOB_STAGE_STARTED, 0, 0, "");
            TestJobCompleted.Builder r = TestJobCompleted.newBuilder().setJobId(job.getJobId())
                    .setRunId(job.getRunId()).setArch(job.getArch()).setAttempt(attempt).setWorker(worker);
            Await.until("job " + job.getJobId() + " released or stopped", Duration.ofMinutes(5),
                    () -> released.contains(job.getJobId()) || stop.getAsBoolean());
            if (!released.contains(job.getJobId())) {
                stopped.add(job.getJobId());
                return r.setStatus(JobStatus.JOB_STATUS_CANCELLED).setDetail("stopped").build();
            }
            listener.progress(JobStage.JOB_STAGE_TESTING, 1, 1, "test_sys");
            return r.setStatus(JobStatus.JOB_STATUS_PASSED).setDetail("passed").build();
        }
    }
}
