package dev.ascent.patchrunner.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.ascent.patchrunner.Job;
import dev.ascent.patchrunner.JobOutcome;
import dev.ascent.patchrunner.JobResult;
import dev.ascent.patchrunner.JobState;
import dev.ascent.patchrunner.Run;
import dev.ascent.patchrunner.RunStatus;
import dev.ascent.patchrunner.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Runs and their jobs in MongoDB: collection {@code runs} (one document per run) and {@code jobs} (one per job, with
 * the job's Kafka record kept until Kafka acknowledged it). Every change is one conditional single-document update,
 * so that concurrent claims, results and cancellations cannot undo each other; no sessions or transactions, which
 * the MongoDB stand-in does not support.
 */
public final class RunStore {

    private final MongoCollection<Document> runs;
    private final MongoCollection<Document> jobs;

    public RunStore(MongoDatabase db) {
        this.runs = db.getCollection("runs");
        this.jobs = db.getCollection("jobs");
        runs.createIndex(Indexes.compoundIndex(Indexes.ascending("repository", "number"),
                Indexes.descending("createdAt")));
        runs.createIndex(Indexes.ascending("repository", "number", "status"));
        jobs.createIndex(Indexes.ascending("runId", "index"));
        jobs.createIndex(Indexes.ascending("published", "queuedAt"));
    }

    /** A job's Kafka record not yet acknowledged. */
    public record PendingJob(String jobId, String runId, String arch, Instant queuedAt, byte[] request) {
    }

    // ------------------------------------------------------------------ runs

    /** Stores a run (its jobs are stored with {@link #insertJobs}); false when a run of that id exists. */
    public boolean insertRun(Run run) {
        try {
            runs.insertOne(toDocument(run));
            return true;
        } catch (MongoWriteException e) {
            if (Documents.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public boolean exists(String runId) {
        return runs.find(eq("_id", runId)).projection(Projections.include("_id")).first() != null;
    }

    /** A run with its jobs. */
    public Optional<Run> run(String runId) {
        Document d = runs.find(eq("_id", runId)).first();
        return d == null ? Optional.empty() : Optional.of(fromDocument(d).withJobs(jobsOf(runId)));
    }

    /** A pull request's runs with their jobs, newest first. */
    public List<Run> runsOf(String repository, long number, int limit) {
        List<Run> out = new ArrayList<>();
        for (Document d : runs.find(and(eq("repository", repository), eq("number", number)))
                .sort(Sorts.descending("createdAt", "_id")).limit(limit)) {
            out.add(fromDocument(d));
        }
        if (out.isEmpty()) {
            return out;
        }
        Map<String, List<Job>> byRun = new HashMap<>();
        for (Document d : jobs.find(in("runId", out.stream().map(Run::runId).toList()))
                .projection(Projections.exclude("request"))) {
            Job j = job(d);
            byRun.computeIfAbsent(j.runId(), k -> new ArrayList<>()).add(j);
        }
        return out.stream().map(r -> r.withJobs(byRun.getOrDefault(r.runId(), List.of()).stream()
                .sorted(Comparator.comparingInt(Job::index)).toList())).toList();
    }

    /**
     * The ids of a pull request's runs with something still going: runs in progress, and runs whose verdict is in
     * but which still have an unfinished (informational) job.
     */
    public List<String> unfinished(String repository, long number) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> settled = new ArrayList<>();
        for (Document d : runs.find(and(eq("repository", repository), eq("number", number)))
                .projection(Projections.include("_id", "status"))) {
            (RunStatus.IN_PROGRESS.name().equals(d.getString("status")) ? ids : settled).add(d.getString("_id"));
        }
        if (!settled.isEmpty()) {
            for (Document d : jobs.find(and(in("runId", settled), ne("state", JobState.FINISHED.name()),
                    eq("cancelled", false))).projection(Projections.include("runId"))) {
                ids.add(d.getString("runId"));
            }
        }
        return new ArrayList<>(ids);
    }

    /** Marks a run in progress cancelled, with the reason as its detail; false when it was not in progress. */
    public boolean markCancelled(String runId, String reason) {
        return runs.updateOne(and(eq("_id", runId), eq("status", RunStatus.IN_PROGRESS.name()),
                eq("cancelled", false)),
                Updates.combine(Updates.set("cancelled", true), Updates.set("detail", reason))).getMatchedCount() == 1;
    }

    /**
     * Gives a run in progress its final status. Only a run still in progress changes, so a status computed from an
     * older view never overwrites a final one.
     */
    public boolean finish(String runId, RunStatus status, Instant finishedAt, String detail) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("not a final status: " + status);
        }
        return runs.updateOne(and(eq("_id", runId), eq("status", RunStatus.IN_PROGRESS.name())),
                Updates.combine(Updates.set("status", status.name()), Updates.set("finishedAt",
                        Documents.date(finishedAt)), Updates.set("detail", detail))).getMatchedCount() == 1;
    }

    // ------------------------------------------------------------------ jobs

    /**
     * Stores a run's jobs, each with its Kafka record, marked not yet published. Jobs stored before (the same
     * webhook delivered again) are kept as they are.
     */
    public void insertJobs(List<Job> list, Map<String, byte[]> requests) {
        if (list.isEmpty()) {
            return;
        }
        List<Document> docs = new ArrayList<>();
        for (Job j : list) {
            byte[] request = requests.get(j.jobId());
            if (request == null) {
                throw new IllegalArgumentException("job " + j.jobId() + " has no Kafka record");
            }
            docs.add(toDocument(j).append("request", new Binary(request)));
        }
        try {
            jobs.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (!Documents.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    public Optional<Job> job(String jobId) {
        return Optional.ofNullable(jobs.find(eq("_id", jobId)).projection(Projections.exclude("request")).first())
                .map(RunStore::job);
    }

    /** A run's jobs in the configured order. */
    public List<Job> jobsOf(String runId) {
        List<Job> out = new ArrayList<>();
        for (Document d : jobs.find(eq("runId", runId)).projection(Projections.exclude("request"))
                .sort(Sorts.ascending("index"))) {
            out.add(job(d));
        }
        return out;
    }

    /**
     * Counts a worker's attempt: the job becomes RUNNING as attempt {@code seen + 1}, but only while it still has
     * {@code seen} attempts, no result and no cancellation (a compare-and-set: of two concurrent claims one wins).
     * Empty when the job changed since it was read.
     */
    public Optional<Job> claim(String jobId, int seen, String worker, Instant at) {
        Document d = jobs.findOneAndUpdate(
                and(eq("_id", jobId), eq("attempts", seen), ne("state", JobState.FINISHED.name()),
                        eq("cancelled", false)),
                Updates.combine(Updates.set("attempts", seen + 1), Updates.set("state", JobState.RUNNING.name()),
                        Updates.set("worker", worker), Updates.set("startedAt", Documents.date(at)),
                        Updates.set("heardAt", Documents.date(at)),
                        Updates.unset("progress")),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                        .projection(Projections.exclude("request")));
        return Optional.ofNullable(d).map(RunStore::job);
    }

    /** The running attempt's worker spoke at {@code at}; false for a finished job or another attempt. */
    public boolean heard(String jobId, int attempt, Instant at) {
        return jobs.updateOne(and(eq("_id", jobId), eq("state", JobState.RUNNING.name()), eq("attempts", attempt)),
                Updates.set("heardAt", Documents.date(at))).getMatchedCount() == 1;
    }

    /** Marks a run's unfinished jobs cancelled; returns how many. */
    public long cancelJobs(String runId, String reason) {
        return jobs.updateMany(and(eq("runId", runId), ne("state", JobState.FINISHED.name()), eq("cancelled", false)),
                Updates.combine(Updates.set("cancelled", true), Updates.set("cancelReason", reason)))
                .getModifiedCount();
    }

    /**
     * Records a job's result unless it has one: the first result wins. With {@code onlyIfQueued}, only a job no
     * worker started (a cancelled job's CANCELLED result must not overtake a running attempt's own). Returns
     * whether this result was recorded.
     */
    public boolean recordResult(String jobId, JobResult result, boolean onlyIfQueued) {
        Bson filter = onlyIfQueued ? and(eq("_id", jobId), eq("state", JobState.QUEUED.name()))
                : and(eq("_id", jobId), ne("state", JobState.FINISHED.name()));
        return jobs.updateOne(filter, Updates.combine(
                Updates.set("state", JobState.FINISHED.name()),
                Updates.set("result", toDocument(result)),
                Updates.unset("progress"))).getMatchedCount() == 1;
    }

    /** Keeps the latest progress of the job's current attempt; false for a finished job or another attempt. */
    public boolean recordProgress(String jobId, int attempt, byte[] progress) {
        return jobs.updateOne(and(eq("_id", jobId), eq("state", JobState.RUNNING.name()), eq("attempts", attempt)),
                Updates.set("progress", new Binary(progress))).getMatchedCount() == 1;
    }

    /**
     * Jobs Kafka has not acknowledged yet, stored at or before {@code queuedBy}, oldest first, of runs that exist (a
     * run is stored after its jobs: jobs without one belong to a webhook that is being handled or will be again).
     */
    public List<PendingJob> unpublished(Instant queuedBy, int limit) {
        List<Document> docs = new ArrayList<>();
        jobs.find(and(eq("published", false), lte("queuedAt", Documents.date(queuedBy))))
                .sort(Sorts.ascending("queuedAt", "_id")).limit(limit).into(docs);
        Set<String> runIds = new HashSet<>();
        runs.find(in("_id", docs.stream().map(d -> d.getString("runId")).distinct().toList()))
                .projection(Projections.include("_id")).forEach(d -> runIds.add(d.getString("_id")));
        List<PendingJob> out = new ArrayList<>();
        for (Document d : docs) {
            if (runIds.contains(d.getString("runId"))) {
                out.add(new PendingJob(d.getString("_id"), d.getString("runId"), d.getString("arch"),
                        Documents.instant(d.getDate("queuedAt")), finished(d) ? null : Documents.bytes(d,
                                "request")));
            }
        }
        return out;
    }

    /** The unpublished jobs of one run, whatever their age. */
    public List<PendingJob> unpublishedOf(String runId) {
        List<PendingJob> out = new ArrayList<>();
        for (Document d : jobs.find(and(eq("runId", runId), eq("published", false))).sort(Sorts.ascending("index"))) {
            out.add(new PendingJob(d.getString("_id"), runId, d.getString("arch"),
                    Documents.instant(d.getDate("queuedAt")), finished(d) ? null : Documents.bytes(d, "request")));
        }
        return out;
    }

    /** Kafka acknowledged the job (or it finished before it was sent): its record is no longer kept. */
    public void markPublished(String jobId) {
        jobs.updateOne(eq("_id", jobId), Updates.combine(Updates.set("published", true), Updates.unset("request")));
    }

    private static boolean finished(Document d) {
        return JobState.FINISHED.name().equals(d.getString("state"));
    }

    // ------------------------------------------------------------------ documents

    private static Document toDocument(Run run) {
        return new Document("_id", run.runId())
                .append("repository", run.pullRequest().repository())
                .append("number", run.pullRequest().number())
                .append("pullRequest", Documents.toDocument(run.pullRequest()))
                .append("requestedBy", Documents.toDocument(run.requestedBy()))
                .append("trigger", run.trigger())
                .append("deliveryId", run.deliveryId())
                .append("createdAt", Documents.date(run.createdAt()))
                .append("finishedAt", Documents.date(run.finishedAt()))
                .append("status", run.status().name())
                .append("detail", run.detail())
                .append("cancelled", run.cancelled())
                .append("scope", run.scope().name())
                .append("patchBytes", run.patchBytes())
                .append("patchSha256", run.patchSha256());
    }

    private static Run fromDocument(Document d) {
        return new Run(d.getString("_id"), Documents.pullRequest(d.get("pullRequest", Document.class)),
                Documents.person(d.get("requestedBy", Document.class)), d.getString("trigger"),
                d.getString("deliveryId"), Documents.instant(d.getDate("createdAt")),
                Documents.instant(d.getDate("finishedAt")), RunStatus.valueOf(d.getString("status")),
                d.getString("detail"), d.getBoolean("cancelled", false), Scope.valueOf(d.getString("scope")),
                ((Number) d.get("patchBytes")).longValue(), d.getString("patchSha256"), List.of());
    }

    private static Document toDocument(Job j) {
        return new Document("_id", j.jobId())
                .append("runId", j.runId())
                .append("arch", j.arch())
                .append("index", j.index())
                .append("informational", j.informational())
                .append("state", j.state().name())
                .append("attempts", j.attempts())
                .append("worker", j.worker())
                .append("queuedAt", Documents.date(j.queuedAt()))
                .append("startedAt", Documents.date(j.startedAt()))
                .append("heardAt", Documents.date(j.heardAt()))
                .append("cancelled", j.cancelled())
                .append("cancelReason", j.cancelReason())
                .append("published", j.published());
    }

    private static Job job(Document d) {
        Document r = d.get("result", Document.class);
        return new Job(d.getString("_id"), d.getString("runId"), d.getString("arch"), d.getInteger("index", 0),
                d.getBoolean("informational", false), JobState.valueOf(d.getString("state")),
                d.getInteger("attempts", 0), d.getString("worker"), Documents.instant(d.getDate("queuedAt")),
                Documents.instant(d.getDate("startedAt")), Documents.instant(d.getDate("heardAt")),
                d.getBoolean("cancelled", false),
                d.getString("cancelReason"), d.getBoolean("published", false), Documents.bytes(d, "progress"),
                r == null ? null : result(r));
    }

    private static Document toDocument(JobResult r) {
        return new Document("outcome", r.outcome().name())
                .append("detail", r.detail())
                .append("attempt", r.attempt())
                .append("finishedAt", Documents.date(r.finishedAt()))
                .append("record", new Binary(r.record()));
    }

    private static JobResult result(Document r) {
        return new JobResult(JobOutcome.valueOf(r.getString("outcome")), r.getString("detail"),
                r.getInteger("attempt", 0), Documents.instant(r.getDate("finishedAt")), Documents.bytes(r, "record"));
    }
}
