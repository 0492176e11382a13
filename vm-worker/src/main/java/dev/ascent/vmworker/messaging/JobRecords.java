package dev.ascent.vmworker.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobProgressed;
import dev.ascent.proto.vm.v1.TestJobRequested;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The worker's Kafka records: jobs in, progress and results out, as CloudEvents in binary mode ({@code ce_*} headers,
 * a protobuf body), and dead letters for jobs that cannot be read.
 */
public final class JobRecords {

    /** The CloudEvents type of a job. */
    public static final String JOB_TYPE = "ascent.vm.v1.TestJobRequested";
    public static final String PROGRESS_TYPE = "ascent.vm.v1.TestJobProgressed";
    public static final String RESULT_TYPE = "ascent.vm.v1.TestJobCompleted";
    /** The header holding why a record went to the dead-letter topic (the name SmallRye's DLQ uses too). */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    private static final String SOURCE = "ascent/vm-worker";

    private JobRecords() {
    }

    /** The job a record carries; {@link IllegalArgumentException} with the reason when it carries none. */
    public static TestJobRequested job(ConsumerRecord<String, byte[]> r) {
        String type = header(r.headers(), "ce_type");
        if (type != null && !type.equals(JOB_TYPE)) {
            throw new IllegalArgumentException("the record's ce_type is " + type + ", not " + JOB_TYPE);
        }
        if (r.value() == null || r.value().length == 0) {
            throw new IllegalArgumentException("the record has no body");
        }
        TestJobRequested job;
        try {
            job = TestJobRequested.parseFrom(r.value());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the body is not a TestJobRequested: " + e.getMessage(), e);
        }
        if (job.getJobId().isBlank()) {
            throw new IllegalArgumentException("the job has no job_id");
        }
        if (job.getPatch().isEmpty()) {
            throw new IllegalArgumentException("job " + job.getJobId() + " has no patch");
        }
        return job;
    }

    /** A progress event, keyed by the job id. */
    public static ProducerRecord<String, byte[]> progress(String topic, TestJobProgressed p, long sequence) {
        return event(topic, p.getJobId(), p.getJobId() + "/" + p.getAttempt() + "/" + sequence, PROGRESS_TYPE,
                subject(p.getStage().name()), p);
    }

    /** A result, keyed by the job id; one event per attempt. */
    public static ProducerRecord<String, byte[]> result(String topic, TestJobCompleted c) {
        return event(topic, c.getJobId(), c.getJobId() + "/" + c.getAttempt(), RESULT_TYPE,
                subject(c.getStatus().name()), c);
    }

    /** The record as it was, with the reason it could not be handled. */
    public static ProducerRecord<String, byte[]> deadLetter(String topic, ConsumerRecord<String, byte[]> r,
            String reason) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, null, r.key(), r.value());
        for (Header h : r.headers()) {
            out.headers().add(h);
        }
        out.headers().add(DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        out.headers().add("dead-letter-topic", r.topic().getBytes(StandardCharsets.UTF_8));
        out.headers().add("dead-letter-partition", Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
        out.headers().add("dead-letter-offset", Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static ProducerRecord<String, byte[]> event(String topic, String key, String id, String type,
            String subject, Message body) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, null, key, body.toByteArray());
        Headers h = out.headers();
        h.add("ce_specversion", bytes("1.0"));
        h.add("ce_id", bytes(id));
        h.add("ce_type", bytes(type));
        h.add("ce_source", bytes(SOURCE));
        h.add("ce_subject", bytes(subject));
        h.add("ce_time", bytes(Instant.now().toString()));
        h.add("content-type", bytes("application/protobuf"));
        return out;
    }

    /** "JOB_STATUS_PATCH_FAILED" → "patch-failed": the status or stage as the README names it. */
    private static String subject(String enumName) {
        return enumName.replaceFirst("^JOB_(STATUS|STAGE)_", "").toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
