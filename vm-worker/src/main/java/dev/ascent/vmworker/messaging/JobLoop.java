package dev.ascent.vmworker.messaging;

import dev.ascent.proto.Times;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobProgressed;
import dev.ascent.proto.vm.v1.TestJobRequested;
import dev.ascent.vmworker.client.JobControl;
import dev.ascent.vmworker.service.JobRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A worker's loop over {@code vm.jobs.<arch>}: one job at a time, however long it runs.
 *
 * <p>The consumer thread polls all the time, so the worker stays in its group through a job of tens of minutes; while
 * a job runs every assigned partition is paused (a record polled anyway is sought back). The job runs on its own
 * thread: it claims an attempt from patch-runner, runs, sends heartbeats that may cancel or abandon it, and publishes
 * its progress and its result. The job's offset is committed only after Kafka acknowledged the result, so a worker
 * lost mid-job leaves the job to the next worker its partition goes to. A partition revoked mid-job abandons the job:
 * its next owner runs it. A record that is not a job goes to the dead-letter topic with the reason.
 */
public final class JobLoop implements Runnable {

    /** Runs one job; {@link JobRunner#run} in production. Never throws for what the patch does. */
    @FunctionalInterface
    public interface Executor {
        TestJobCompleted run(TestJobRequested job, int attempt, String worker, JobRunner.Listener listener,
                BooleanSupplier stop);
    }

    /**
     * The loop's topics, its worker name, how often a running job reports to patch-runner, and how long it waits for
     * Kafka's acknowledgement of a result before trying again.
     */
    public record Settings(String jobTopic, String deadLetterTopic, String progressTopic, String resultsTopic,
            String worker, Duration heartbeatEvery, Duration pollTimeout, Duration publishTimeout) {
    }

    /** What the loop is doing, for health and logs. */
    public record Status(boolean polling, Instant lastPoll, String currentJob, long jobsDone) {
    }

    private enum Ending {
        /** The result was published (and acknowledged). */
        PUBLISHED,
        /** patch-runner said not to run it. */
        SKIPPED,
        /** Stopped and not published: the job is someone else's now. */
        ABANDONED,
        /** Not finished because the worker is stopping: left for the next owner. */
        LEFT
    }

    private record Stop(JobControl.Verdict verdict, String reason) {
    }

    /** The job in hand: its record's partition and offset, and the thread running it. */
    private static final class Current {
        final TopicPartition partition;
        final long offset;
        final String jobId;
        final AtomicReference<Stop> stop = new AtomicReference<>();
        volatile boolean revoked;
        Future<Ending> future;

        Current(TopicPartition partition, long offset, String jobId) {
            this.partition = partition;
            this.offset = offset;
            this.jobId = jobId;
        }

        boolean stopRequested() {
            return stop.get() != null;
        }
    }

    private static final Logger LOG = Logger.getLogger(JobLoop.class);
    private static final Duration RETRY_MIN = Duration.ofMillis(500);
    private static final Duration RETRY_MAX = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final JobControl control;
    private final Executor executor;
    private final Settings settings;
    private final ExecutorService jobThread;
    private final ScheduledExecutorService heartbeats;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong progressSequence = new AtomicLong();
    private final AtomicLong jobsDone = new AtomicLong();

    private volatile Instant lastPoll = Instant.EPOCH;
    private volatile boolean polling;
    private volatile Current current;

    public JobLoop(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer, JobControl control,
            Executor executor, Settings settings) {
        this.consumer = consumer;
        this.producer = producer;
        this.control = control;
        this.executor = executor;
        this.settings = settings;
        this.jobThread = Executors.newSingleThreadExecutor(r -> daemon(r, "job-" + settings.worker()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heartbeat-" + settings.worker()));
    }

    /** Polls until {@link #close()}; owns the consumer, which it closes at the end. */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(settings.jobTopic()), new Rebalance());
            polling = true;
            while (closing.getCount() > 0) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(settings.pollTimeout());
                } catch (WakeupException e) {
                    continue;
                }
                lastPoll = Instant.now();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (current == null) {
                        take(r);
                    } else {
                        // busy: the record stays where it is for the next poll after this job
                        consumer.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                    }
                }
                Current c = current;
                if (c != null) {
                    consumer.pause(consumer.assignment());
                    if (c.future.isDone()) {
                        finish(c);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "worker %s: the job loop stopped", settings.worker());
        } finally {
            polling = false;
            leaveCurrent();
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warnf("worker %s: closing the consumer: %s", settings.worker(), e.toString());
            }
            heartbeats.shutdownNow();
            jobThread.shutdownNow();
            finished.countDown();
        }
    }

    /** Stops the loop: a running job is stopped and left uncommitted for the next owner of its partition. */
    public void close(Duration wait) {
        closing.countDown();
        Current c = current;
        if (c != null) {
            c.stop.compareAndSet(null, new Stop(JobControl.Verdict.ABANDON, "the worker is stopping"));
        }
        consumer.wakeup();
        try {
            if (!finished.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("worker %s: the job loop did not stop within %s", settings.worker(), wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Status status() {
        Current c = current;
        return new Status(polling, lastPoll, c == null ? "" : c.jobId, jobsDone.get());
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        TestJobRequested job;
        try {
            job = JobRecords.job(r);
        } catch (IllegalArgumentException e) {
            deadLetter(r, tp, e.getMessage());
            return;
        }
        Current c = new Current(tp, r.offset(), job.getJobId());
        consumer.pause(consumer.assignment());
        c.future = jobThread.submit(() -> work(job, c));
        current = c;
        LOG.infof("worker %s: took job %s (%s offset %d)", settings.worker(), job.getJobId(), tp, r.offset());
    }

    private void deadLetter(ConsumerRecord<String, byte[]> r, TopicPartition tp, String reason) {
        try {
            producer.send(JobRecords.deadLetter(settings.deadLetterTopic(), r, reason))
                    .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            commit(tp, r.offset() + 1);
            LOG.warnf("worker %s: record %s offset %d sent to %s: %s", settings.worker(), tp, r.offset(),
                    settings.deadLetterTopic(), reason);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            // not lost: read again at the next poll
            LOG.warnf("worker %s: record %s offset %d could not go to %s (%s); trying again", settings.worker(), tp,
                    r.offset(), settings.deadLetterTopic(), e.toString());
            consumer.seek(tp, r.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            consumer.seek(tp, r.offset());
        }
    }

    /** On the consumer thread, once the job's thread is done: commit what is done, resume. */
    private void finish(Current c) {
        Ending ending;
        try {
            ending = c.future.get();
        } catch (ExecutionException e) {
            LOG.errorf(e.getCause(), "worker %s: job %s failed in the worker", settings.worker(), c.jobId);
            ending = Ending.LEFT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = Ending.LEFT;
        }
        current = null;
        if (c.revoked || !consumer.assignment().contains(c.partition)) {
            LOG.infof("worker %s: job %s ended (%s) after its partition moved on; its new owner has it",
                    settings.worker(), c.jobId, ending);
        } else if (ending == Ending.LEFT) {
            consumer.seek(c.partition, c.offset);
        } else {
            commit(c.partition, c.offset + 1);
        }
        jobsDone.incrementAndGet();
        consumer.resume(consumer.assignment());
    }

    private void commit(TopicPartition tp, long next) {
        try {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
        } catch (KafkaException e) {
            // the result is out; whoever gets the record next is told by patch-runner that the job has one
            LOG.warnf("worker %s: offset %d of %s not committed: %s", settings.worker(), next, tp, e.toString());
        }
    }

    /** Stops a job still running when the loop ends, and waits briefly for its sandbox to be gone. */
    private void leaveCurrent() {
        Current c = current;
        if (c == null) {
            return;
        }
        c.stop.compareAndSet(null, new Stop(JobControl.Verdict.ABANDON, "the worker is stopping"));
        try {
            c.future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("worker %s: job %s did not stop cleanly: %s", settings.worker(), c.jobId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current = null;
    }

    /** On the job's thread: claim, run with heartbeats, publish. */
    private Ending work(TestJobRequested job, Current c) {
        JobControl.Claim claim = claim(job, c);
        if (claim == null) {
            return Ending.LEFT;
        }
        if (!claim.run()) {
            LOG.infof("worker %s: job %s skipped: %s", settings.worker(), job.getJobId(), claim.reason());
            return Ending.SKIPPED;
        }
        int attempt = claim.attempt();
        ScheduledFuture<?> beat = heartbeats.scheduleWithFixedDelay(() -> beat(c, attempt),
                settings.heartbeatEvery().toMillis(), settings.heartbeatEvery().toMillis(), TimeUnit.MILLISECONDS);
        TestJobCompleted result;
        try {
            result = executor.run(job, attempt, settings.worker(),
                    (stage, done, total, last) -> publishProgress(job, attempt, stage, done, total, last),
                    c::stopRequested);
        } finally {
            beat.cancel(false);
        }
        Stop stop = c.stop.get();
        if (stop != null && stop.verdict() == JobControl.Verdict.ABANDON) {
            LOG.infof("worker %s: job %s attempt %d abandoned: %s", settings.worker(), job.getJobId(), attempt,
                    stop.reason());
            return c.revoked || closing.getCount() == 0 ? Ending.LEFT : Ending.ABANDONED;
        }
        if (stop != null && result.getStatus() == JobStatus.JOB_STATUS_CANCELLED) {
            result = result.toBuilder().setDetail(stop.reason()).build();
        }
        return publish(result) ? Ending.PUBLISHED : Ending.LEFT;
    }

    /** Asks patch-runner until it answers; null when the worker stops or the job is no longer ours first. */
    private JobControl.Claim claim(TestJobRequested job, Current c) {
        Duration wait = RETRY_MIN;
        while (closing.getCount() > 0 && !c.stopRequested()) {
            try {
                return control.claim(job, settings.worker());
            } catch (RuntimeException e) {
                LOG.warnf("worker %s: job %s not claimed yet (%s); asking again in %d ms", settings.worker(),
                        job.getJobId(), e.toString(), wait.toMillis());
            }
            if (pause(wait)) {
                return null;
            }
            wait = next(wait);
        }
        return null;
    }

    private void beat(Current c, int attempt) {
        try {
            JobControl.Beat b = control.heartbeat(c.jobId, attempt, settings.worker());
            if (b.verdict() != JobControl.Verdict.CONTINUE
                    && c.stop.compareAndSet(null, new Stop(b.verdict(), b.reason()))) {
                LOG.infof("worker %s: job %s attempt %d told to %s: %s", settings.worker(), c.jobId, attempt,
                        b.verdict(), b.reason());
            }
        } catch (RuntimeException e) {
            // patch-runner briefly away is no reason to stop a job
            LOG.debugf("worker %s: heartbeat of job %s failed: %s", settings.worker(), c.jobId, e.toString());
        }
    }

    private void publishProgress(TestJobRequested job, int attempt, dev.ascent.proto.vm.v1.JobStage stage, int done,
            int total, String last) {
        TestJobProgressed p = TestJobProgressed.newBuilder().setJobId(job.getJobId()).setRunId(job.getRunId())
                .setArch(job.getArch()).setAttempt(attempt).setWorker(settings.worker()).setStage(stage)
                .setTestsDone(done).setTestsTotal(total).setLastTest(last == null ? "" : last)
                .setAt(Times.toTimestamp(Instant.now())).build();
        try {
            producer.send(JobRecords.progress(settings.progressTopic(), p, progressSequence.incrementAndGet()),
                    (meta, e) -> {
                        if (e != null) {
                            LOG.debugf("progress of job %s not published: %s", job.getJobId(), e.toString());
                        }
                    });
        } catch (KafkaException e) {
            // progress is advisory
            LOG.debugf("progress of job %s not published: %s", job.getJobId(), e.toString());
        }
    }

    /** Publishes the result until Kafka acknowledges it; false when the worker stops first. */
    private boolean publish(TestJobCompleted result) {
        Duration wait = RETRY_MIN;
        ProducerRecord<String, byte[]> record = JobRecords.result(settings.resultsTopic(), result);
        while (true) {
            try {
                producer.send(record).get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("worker %s: job %s attempt %d: %s — %s", settings.worker(), result.getJobId(),
                        result.getAttempt(), result.getStatus(), result.getDetail());
                return true;
            } catch (ExecutionException | TimeoutException | KafkaException e) {
                LOG.warnf("worker %s: result of job %s not acknowledged (%s); trying again", settings.worker(),
                        result.getJobId(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (pause(wait)) {
                return false;
            }
            wait = next(wait);
        }
    }

    /** Waits, or returns true at once when the loop is closing. */
    private boolean pause(Duration d) {
        try {
            return closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static Duration next(Duration d) {
        Duration doubled = d.multipliedBy(2);
        return doubled.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : doubled;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Keeps a busy worker's partitions paused, and abandons the job whose partition goes elsewhere. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            leave(partitions, "its partition was revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            leave(partitions, "its partition was lost");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (current != null) {
                consumer.pause(partitions);
            }
        }

        private void leave(Collection<TopicPartition> partitions, String why) {
            Current c = current;
            if (c != null && partitions.contains(c.partition)) {
                c.revoked = true;
                c.stop.compareAndSet(null, new Stop(JobControl.Verdict.ABANDON, why));
                LOG.warnf("worker %s: job %s stopped: %s", settings.worker(), c.jobId, why);
            }
        }
    }
}
