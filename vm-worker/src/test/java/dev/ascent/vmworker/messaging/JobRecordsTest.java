package dev.ascent.vmworker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.ascent.proto.vm.v1.JobStatus;
import dev.ascent.proto.vm.v1.TestJobCompleted;
import dev.ascent.proto.vm.v1.TestJobRequested;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class JobRecordsTest {

    static final TestJobRequested JOB = TestJobRequested.newBuilder().setJobId("r1/amd64").setRunId("r1")
            .setArch("amd64").setPatch(ByteString.copyFromUtf8("diff --git a/x b/x\n")).build();

    @Test
    void aJobIsReadWithOrWithoutItsCloudEventsType() {
        ConsumerRecord<String, byte[]> r = record(JOB.toByteArray());
        assertEquals(JOB, JobRecords.job(r));
        r.headers().add("ce_type", JobRecords.JOB_TYPE.getBytes(StandardCharsets.UTF_8));
        assertEquals(JOB, JobRecords.job(r));
    }

    @Test
    void whatIsNotAJobIsRefusedWithTheReason() {
        ConsumerRecord<String, byte[]> typed = record(JOB.toByteArray());
        typed.headers().add("ce_type", JobRecords.RESULT_TYPE.getBytes(StandardCharsets.UTF_8));
        assertEquals("the record's ce_type is ascent.vm.v1.TestJobCompleted, not ascent.vm.v1.TestJobRequested",
                assertThrows(IllegalArgumentException.class, () -> JobRecords.job(typed)).getMessage());
        assertEquals("the record has no body",
                assertThrows(IllegalArgumentException.class, () -> JobRecords.job(record(new byte[0]))).getMessage());
        assertEquals("the job has no job_id", assertThrows(IllegalArgumentException.class,
                () -> JobRecords.job(record(JOB.toBuilder().clearJobId().build().toByteArray()))).getMessage());
        assertEquals("job r1/amd64 has no patch", assertThrows(IllegalArgumentException.class,
                () -> JobRecords.job(record(JOB.toBuilder().clearPatch().build().toByteArray()))).getMessage());
        String garbage = assertThrows(IllegalArgumentException.class,
                () -> JobRecords.job(record("{\"job\":1}".getBytes(StandardCharsets.UTF_8)))).getMessage();
        assertEquals(true, garbage.startsWith("the body is not a TestJobRequested"), garbage);
    }

    @Test
    void aResultIsACloudEventKeyedByItsJobWithOneIdPerAttempt() {
        TestJobCompleted c = TestJobCompleted.newBuilder().setJobId("r1/amd64").setAttempt(2)
                .setStatus(JobStatus.JOB_STATUS_PATCH_FAILED).build();
        ProducerRecord<String, byte[]> out = JobRecords.result("vm.results.v1", c);
        assertEquals("r1/amd64", out.key());
        assertEquals(JobRecords.RESULT_TYPE, header(out, "ce_type"));
        assertEquals("r1/amd64/2", header(out, "ce_id"));
        assertEquals("patch-failed", header(out, "ce_subject"));
        assertEquals("application/protobuf", header(out, "content-type"));
    }

    @Test
    void aDeadLetterKeepsTheRecordAndSaysWhy() {
        ConsumerRecord<String, byte[]> r = record("junk".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> out = JobRecords.deadLetter("vm.jobs.amd64.dlq", r, "not a job");
        assertEquals("junk", new String(out.value(), StandardCharsets.UTF_8));
        assertEquals("k", out.key());
        assertEquals("not a job", header(out, JobRecords.DEAD_LETTER_REASON));
        assertEquals("17", header(out, "dead-letter-offset"));
        assertEquals("2", header(out, "dead-letter-partition"));
    }

    @Test
    void sourcesAreBaseEqualsPathEntries() {
        assertEquals(Map.of("3.11", Path.of("/srv/a.tar.gz"), "main", Path.of("/src/cpython")),
                WorkerApp.sources(" 3.11=/srv/a.tar.gz, main=/src/cpython ,"));
        assertEquals(Map.of(), WorkerApp.sources(""));
        assertThrows(IllegalArgumentException.class, () -> WorkerApp.sources("/srv/a.tar.gz"));
        assertThrows(IllegalArgumentException.class, () -> WorkerApp.sources("3.11="));
    }

    static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("vm.jobs.amd64", 2, 17, "k", value);
    }

    static String header(ProducerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
