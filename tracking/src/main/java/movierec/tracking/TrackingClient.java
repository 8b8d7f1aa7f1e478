package movierec.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's door to MLflow: experiments, runs, params, metrics and search through MLflow's
 * Java client, artifacts through the server's artifact proxy ({@link RunArtifacts}). Every call
 * retries transient failures ({@link RetryPolicy}) and reports MLflow errors as
 * {@link TrackingException}.
 *
 * <p>A {@linkplain #durable durable} client rides out outages of the server: a write (log batch,
 * tag, end of run) that cannot reach it goes to a {@link Journal} and a background thread replays
 * it, in order and without duplicates, once the server answers; while a run has journaled entries
 * its later writes queue behind them. Calls that need an answer (create, get, search, artifacts)
 * wait within the outage budget instead.
 */
public final class TrackingClient implements AutoCloseable {

    public static final String TRACKING_URI_ENV = "MLFLOW_TRACKING_URI";
    public static final String PARENT_RUN_ID_TAG = "mlflow.parentRunId";
    public static final String RUN_NAME_TAG = "mlflow.runName";
    public static final String SOURCE_NAME_TAG = "mlflow.source.name";
    public static final String USER_TAG = "mlflow.user";
    /** {@link #SOURCE_NAME_TAG} when the caller names no source. */
    public static final String DEFAULT_SOURCE_NAME = "movierec";
    /** The logged models' {@code model_type}. */
    public static final String MODEL_TYPE = "recommender";

    /** How long a durable client waits for a server that is away, unless told otherwise. */
    public static final Duration DEFAULT_OUTAGE_BUDGET = Duration.ofMinutes(30);

    private static final Logger LOG = LoggerFactory.getLogger(TrackingClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A replayed entry is tried once per round: the replay loop itself backs off. */
    private static final RetryPolicy ONE_TRY = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    private static final Duration MAX_REPLAY_BACKOFF = Duration.ofSeconds(10);

    private final String trackingUri;
    private final MlflowClient mlflow;
    private final HttpTransport transport;
    /** For writes before they are journaled, and every call of a client without a journal. */
    private final RetryPolicy retry;
    /** For calls that need an answer; the outage budget in a durable client. */
    private final RetryPolicy answerRetry;
    private final Journal journal;
    private final Duration outageBudget;
    /** Runs whose journal this client replays: the ones it journaled, and all after {@link #syncJournal}. */
    private final Set<String> journaledRuns = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> runLocks = new ConcurrentHashMap<>();
    private final Object replayerLock = new Object();
    private Thread replayer;
    private volatile boolean closed;

    public TrackingClient(String trackingUri, Credentials credentials) {
        this(trackingUri, credentials, RetryPolicy.DEFAULT);
    }

    public TrackingClient(String trackingUri, Credentials credentials, RetryPolicy retry) {
        this(trackingUri, credentials, retry, retry, null, null);
    }

    private TrackingClient(String trackingUri, Credentials credentials, RetryPolicy retry, RetryPolicy answerRetry,
            Journal journal, Duration outageBudget) {
        this.trackingUri = checkTrackingUri(trackingUri);
        this.mlflow = new MlflowClient(credentials.toHostCreds(this.trackingUri));
        this.transport = new HttpTransport(credentials, answerRetry);
        this.retry = retry;
        this.answerRetry = answerRetry;
        this.journal = journal;
        this.outageBudget = outageBudget;
    }

    /** A client that journals writes the server does not take and waits up to {@code outageBudget} for answers. */
    public static TrackingClient durable(String trackingUri, Credentials credentials, Journal journal, Duration outageBudget) {
        return new TrackingClient(trackingUri, credentials, RetryPolicy.DEFAULT, RetryPolicy.outage(outageBudget), journal, outageBudget);
    }

    /** From {@code MLFLOW_TRACKING_URI} and the credential variables ({@link Credentials#fromEnv()}). */
    public static TrackingClient fromEnv() {
        String uri = System.getenv(TRACKING_URI_ENV);
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException(TRACKING_URI_ENV + " is not set (infra/mlflow/server.sh uri prints the local one)");
        }
        return new TrackingClient(uri, Credentials.fromEnv());
    }

    public String trackingUri() {
        return trackingUri;
    }

    /**
     * The id of the active experiment called {@code name}, created if there is none; a created one is
     * tagged as a model-training experiment ({@link MlflowLinks#EXPERIMENT_KIND_TAG}).
     */
    public String getOrCreateExperiment(String name) {
        Optional<String> existing = findExperiment(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            String id = call("create experiment '" + name + "'", () -> mlflow.createExperiment(name));
            call("tag experiment " + id, () -> {
                mlflow.setExperimentTag(id, MlflowLinks.EXPERIMENT_KIND_TAG, MlflowLinks.EXPERIMENT_KIND_TRAINING);
                return null;
            });
            return id;
        } catch (TrackingException e) {
            // Another process (a parallel sweep) created it between our lookup and create.
            if (e.isAlreadyExists()) {
                return findExperiment(name).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** The id of the active experiment called {@code name}; empty when there is none (nothing is created). */
    public Optional<String> findExperiment(String name) {
        // A search, not getExperimentByName: the Java client retries that lookup's 404 three times.
        String filter = "name = '" + name.replace("'", "\\'") + "'";
        Optional<Service.Experiment> experiment = call("find experiment '" + name + "'",
                () -> mlflow.searchExperiments(filter, Service.ViewType.ALL, 1, List.of()).getItems().stream().findFirst());
        if (experiment.isPresent() && "deleted".equals(experiment.get().getLifecycleStage())) {
            throw new TrackingException("experiment '" + name + "' is deleted: restore it in the UI or use another name");
        }
        return experiment.map(Service.Experiment::getExperimentId);
    }

    /** Ids of every active experiment, for searches that span all of them. */
    public List<String> activeExperimentIds() {
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        do {
            String token = pageToken;
            ExperimentsPage page = call("search experiments", () -> mlflow.searchExperiments("", Service.ViewType.ACTIVE_ONLY,
                    RunQuery.DEFAULT_PAGE_SIZE, List.of(), token));
            page.getItems().forEach(e -> ids.add(e.getExperimentId()));
            pageToken = page.getNextPageToken().orElse(null);
        } while (pageToken != null);
        return ids;
    }

    /**
     * Starts a top-level run. {@code tags} may override the defaults of {@link #SOURCE_NAME_TAG}
     * ({@value #DEFAULT_SOURCE_NAME}) and {@link #USER_TAG} (the {@code user.name} property).
     */
    public RunInfo startRun(String experimentId, String runName, Map<String, String> tags) {
        Map<String, String> allTags = new LinkedHashMap<>();
        allTags.put(SOURCE_NAME_TAG, DEFAULT_SOURCE_NAME);
        allTags.put(USER_TAG, System.getProperty("user.name", "unknown"));
        allTags.putAll(tags);
        allTags.put(RUN_NAME_TAG, runName);
        allTags.forEach(MlflowLimits::checkTag);

        Service.CreateRun.Builder request = Service.CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName(runName)
                .setStartTime(System.currentTimeMillis())
                .setUserId(allTags.get(USER_TAG));
        allTags.forEach((key, value) -> request.addTags(Service.RunTag.newBuilder().setKey(key).setValue(value)));
        Service.RunInfo created = call("create run '" + runName + "' in experiment " + experimentId,
                () -> mlflow.createRun(request.build()));
        return getRun(created.getRunId());
    }

    /** Starts a run nested under {@code parent} in the UI, in the parent's experiment. */
    public RunInfo startChildRun(RunInfo parent, String runName, Map<String, String> tags) {
        Map<String, String> allTags = new LinkedHashMap<>(tags);
        allTags.put(PARENT_RUN_ID_TAG, parent.runId());
        return startRun(parent.experimentId(), runName, allTags);
    }

    /** Ends a run with a terminal status (FINISHED, FAILED or KILLED). */
    public void endRun(String runId, RunStatus status) {
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("a run ends as FINISHED, FAILED or KILLED, not " + status);
        }
        write(runId, Journal.Entry.end(status, System.currentTimeMillis()));
    }

    /** Sets an ended run RUNNING again: the parent of a sweep that resumes. */
    public void reopenRun(String runId) {
        call("reopen run " + runId, () -> mlflow.sendPost("runs/update", "{\"run_id\":\"" + runId + "\",\"status\":\"RUNNING\"}"));
    }

    public RunInfo getRun(String runId) {
        return toRunInfo(call("get run " + runId, () -> mlflow.getRun(runId)));
    }

    public void setTag(String runId, String key, String value) {
        logBatch(runId, List.of(), Map.of(), Map.of(key, value));
    }

    public void logParams(String runId, Map<String, String> params) {
        logBatch(runId, List.of(), params, Map.of());
    }

    public void logMetrics(String runId, List<Metric> metrics) {
        logBatch(runId, metrics, Map.of(), Map.of());
    }

    /**
     * Logs everything in as few requests as MLflow's limits allow. All items are validated before
     * the first request; a param that was logged before with another value makes the server fail.
     *
     * @throws IllegalArgumentException naming the first invalid key or over-long value
     */
    public void logBatch(String runId, List<Metric> metrics, Map<String, String> params, Map<String, String> tags) {
        for (LogBatch batch : LogBatch.split(metrics, params, tags)) {
            write(runId, Journal.Entry.batch(batch));
        }
    }

    /**
     * Replays every journal in the journal directory (this process's and those left by earlier
     * ones), waiting within the outage budget for the server; returns how many runs had entries.
     *
     * @throws TrackingException when the budget is spent with entries still unsent (they stay journaled)
     */
    public int syncJournal() {
        if (journal == null) {
            return 0;
        }
        List<String> pending = journal.runsWithPending();
        journaledRuns.addAll(pending);
        wakeReplayer();
        long deadline = System.nanoTime() + outageBudget.toNanos();
        while (journaledRuns.stream().anyMatch(journal::hasPending)) {
            if (System.nanoTime() > deadline) {
                throw new TrackingException("tracking server " + trackingUri + " stayed unreachable for the outage budget of "
                        + RetryPolicy.describe(outageBudget) + "; unsent writes of " + journaledRuns.stream().filter(journal::hasPending).count()
                        + " runs are kept in " + journal.dir() + ": run `movierec runs sync` once it is back");
            }
            sleep(Duration.ofMillis(200));
        }
        return pending.size();
    }

    /** The outage budget of a {@linkplain #durable durable} client; empty for a plain one. */
    public Optional<Duration> outageBudget() {
        return Optional.ofNullable(outageBudget);
    }

    /** Runs whose writes wait in the journal. */
    public List<String> journaledRuns() {
        return journal == null ? List.of() : journaledRuns.stream().filter(journal::hasPending).sorted().toList();
    }

    /** Sends a write, or journals it when the run already has journaled entries or the server is away. */
    private void write(String runId, Journal.Entry entry) {
        if (journal == null) {
            send(runId, entry, retry);
            return;
        }
        synchronized (runLocks.computeIfAbsent(runId, id -> new Object())) {
            if (!journal.hasPending(runId)) {
                try {
                    send(runId, entry, retry);
                    return;
                } catch (TrackingException e) {
                    if (!isUnreachable(e)) {
                        throw e;
                    }
                    LOG.warn("{}; journaling run {} in {} until the server is back", e.getMessage(), runId, journal.dir());
                }
            }
            journal.append(runId, entry);
            journaledRuns.add(runId);
        }
        wakeReplayer();
    }

    private void send(String runId, Journal.Entry entry, RetryPolicy policy) {
        if (entry.endStatus() != null) {
            call(policy, "end run " + runId + " as " + entry.endStatus(), () -> {
                mlflow.setTerminated(runId, Service.RunStatus.valueOf(entry.endStatus().name()), entry.endTimeMs());
                return null;
            });
            return;
        }
        call(policy, "log batch to run " + runId,
                () -> mlflow.sendPost("runs/log-batch", LogBatch.request(runId, entry.metrics(), entry.params(), entry.tags())));
    }

    /** A failure that retries may outlast (no answer, 429, 5xx), as opposed to MLflow refusing the request. */
    private static boolean isUnreachable(TrackingException e) {
        return e.getCause() instanceof IOException;
    }

    /** Starts the replay thread unless it runs; it stops by itself once nothing is pending. */
    private void wakeReplayer() {
        synchronized (replayerLock) {
            if (replayer == null && !closed) {
                replayer = new Thread(this::replayLoop, "tracking-journal-replay");
                replayer.setDaemon(true);
                replayer.start();
            }
        }
    }

    private void replayLoop() {
        Duration backoff = Duration.ofMillis(500);
        while (!closed) {
            List<String> runs;
            synchronized (replayerLock) {
                runs = journaledRuns.stream().filter(journal::hasPending).sorted().toList();
                if (runs.isEmpty()) {
                    replayer = null;
                    return;
                }
            }
            try {
                for (String runId : runs) {
                    journal.tryReplay(runId, () -> replay(runId));
                }
                backoff = Duration.ofMillis(500);
                // Another replayer holds a run, or new writes came in: look again shortly.
                sleep(Duration.ofMillis(200));
            } catch (TrackingException e) {
                LOG.debug("journal replay waits for the server: {}", e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_REPLAY_BACKOFF) > 0 ? MAX_REPLAY_BACKOFF : backoff.multipliedBy(2);
            }
        }
        synchronized (replayerLock) {
            replayer = null;
        }
    }

    /**
     * Sends a run's unacknowledged entries in order, acknowledging each. What the server already has
     * of them (an answer lost on the way back, a crash before the acknowledgement was written, a
     * journal replayed twice) is left out: params logged with the same value and metric points of
     * the same key, step and time. An entry the server refuses (4xx) is logged and skipped: it can
     * never succeed and would hold back the rest.
     *
     * @throws TrackingException when the server is unreachable
     */
    private void replay(String runId) {
        int acked = journal.acked(runId);
        List<Journal.Entry> entries = journal.entries(runId);
        if (entries.size() <= acked) {
            return;
        }
        Applied applied = applied(runId, entries.subList(acked, entries.size()));
        for (int i = acked; i < entries.size(); i++) {
            try {
                send(runId, applied.without(entries.get(i)), ONE_TRY);
            } catch (TrackingException e) {
                if (isUnreachable(e)) {
                    throw e;
                }
                LOG.error("journal entry {} of run {} refused, skipped: {}", i + 1, runId, e.getMessage());
            }
            journal.ack(runId, i + 1);
        }
        LOG.info("replayed {} journaled writes of run {}", entries.size() - acked, runId);
    }

    /** What a run already has of some journal entries: its params, and the (step, time) points of their metric keys. */
    private record Applied(Map<String, String> params, Map<String, Set<List<Long>>> points) {
        Journal.Entry without(Journal.Entry entry) {
            if (entry.endStatus() != null) {
                return entry;
            }
            Map<String, String> newParams = new LinkedHashMap<>(entry.params());
            newParams.entrySet().removeIf(p -> p.getValue().equals(params.get(p.getKey())));
            List<Metric> newMetrics = entry.metrics().stream()
                    .filter(m -> !points.get(m.key()).contains(List.of(m.step(), m.timestampMs()))).toList();
            return new Journal.Entry(entry.writtenMs(), newMetrics, newParams, entry.tags(), null, 0);
        }
    }

    private Applied applied(String runId, List<Journal.Entry> entries) {
        boolean anyParams = entries.stream().anyMatch(e -> !e.params().isEmpty());
        Map<String, String> params = anyParams ? toRunInfo(call(ONE_TRY, "get run " + runId, () -> mlflow.getRun(runId))).params() : Map.of();
        Map<String, Set<List<Long>>> points = new HashMap<>();
        for (String key : entries.stream().flatMap(e -> e.metrics().stream()).map(Metric::key).distinct().toList()) {
            points.put(key, call(ONE_TRY, "get history of metric '" + key + "' of run " + runId, () -> mlflow.getMetricHistory(runId, key))
                    .stream().map(m -> List.of(m.getStep(), m.getTimestamp())).collect(Collectors.toSet()));
        }
        return new Applied(params, points);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingException("interrupted while waiting for the tracking server", e);
        }
    }

    /** Logs the datasets a run used ({@code runs/log-inputs}), which the Java client has no method for. */
    public void logInputs(String runId, List<DatasetInput> inputs) {
        String body = DatasetInput.request(runId, inputs);
        call("log inputs to run " + runId, () -> mlflow.sendPost("runs/log-inputs", body));
    }

    /**
     * Registers the files of {@code modelDir} as an MLflow 3 logged model of {@code run}: created
     * pending with its params and tags, the files uploaded through the artifact proxy into the model's
     * own artifact folder, linked as the run's output (the run table's Models column), then finalized
     * ready. A failed upload marks the model UPLOAD_FAILED before the error goes up.
     */
    public LoggedModel logModel(RunInfo run, String name, Map<String, String> params, Map<String, String> tags, Path modelDir) {
        params.forEach(MlflowLimits::checkParam);
        tags.forEach(MlflowLimits::checkTag);
        ObjectNode create = JSON.createObjectNode().put("experiment_id", run.experimentId()).put("name", name)
                .put("source_run_id", run.runId()).put("model_type", MODEL_TYPE);
        ArrayNode p = create.putArray("params");
        params.forEach((k, v) -> p.addObject().put("key", k).put("value", v));
        ArrayNode t = create.putArray("tags");
        tags.forEach((k, v) -> t.addObject().put("key", k).put("value", v));
        LoggedModel model = modelOf(call("create logged model '" + name + "' of run " + run.runId(),
                () -> mlflow.sendPost("logged-models", create.toString())));
        try {
            artifacts(model).uploadDirectory(modelDir, "");
        } catch (RuntimeException e) {
            finalizeModel(model.modelId(), LoggedModel.UPLOAD_FAILED);
            throw e;
        }
        ObjectNode outputs = JSON.createObjectNode().put("run_id", run.runId());
        outputs.putArray("models").addObject().put("model_id", model.modelId()).put("step", 0);
        call("link logged model " + model.modelId() + " to run " + run.runId(), () -> mlflow.sendPost("runs/outputs", outputs.toString()));
        return finalizeModel(model.modelId(), LoggedModel.READY);
    }

    private LoggedModel finalizeModel(String modelId, String status) {
        String body = JSON.createObjectNode().put("model_id", modelId).put("status", status).toString();
        return modelOf(call("finalize logged model " + modelId + " as " + status, () -> mlflow.sendPatch("logged-models/" + modelId, body)));
    }

    /** @throws TrackingException {@linkplain TrackingException#isNotFound not found} for an unknown id */
    public LoggedModel getLoggedModel(String modelId) {
        return modelOf(call("get logged model " + modelId, () -> mlflow.sendGet("logged-models/" + modelId)));
    }

    /** The logged models a run output ({@code runs/outputs}), in the order they were linked. */
    public List<LoggedModel> loggedModelsOf(String runId) {
        JsonNode outputs = readJson(getJson("runs/get?run_id=" + runId)).path("run").path("outputs").path("model_outputs");
        List<LoggedModel> models = new ArrayList<>();
        outputs.forEach(o -> models.add(getLoggedModel(o.path("model_id").asText())));
        return models;
    }

    public RunArtifacts artifacts(LoggedModel model) {
        return new RunArtifacts(transport, ArtifactRoot.of(trackingUri, model.artifactUri()));
    }

    private static LoggedModel modelOf(String answer) {
        return LoggedModel.fromJson(readJson(answer).path("model"));
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new TrackingException("the tracking server answered something that is not JSON: " + text, e);
        }
    }

    /** A REST GET under {@code /api/2.0/mlflow/} for what the Java client does not model (a run's inputs), as JSON text. */
    public String getJson(String path) {
        return call("GET " + path, () -> mlflow.sendGet(path));
    }

    /** Every logged point of one metric, in the server's order (by step, then time). */
    public List<Metric> metricHistory(String runId, String key) {
        return call("get history of metric '" + key + "' of run " + runId, () -> mlflow.getMetricHistory(runId, key))
                .stream().map(m -> new Metric(m.getKey(), m.getValue(), m.getTimestamp(), m.getStep())).toList();
    }

    /** Every active run matching the query, following page tokens to the end. */
    public List<RunInfo> searchRuns(RunQuery query) {
        List<RunInfo> runs = new ArrayList<>();
        String pageToken = null;
        do {
            String token = pageToken;
            RunsPage page = call("search runs in experiments " + query.experimentIds(),
                    () -> mlflow.searchRuns(query.experimentIds(), query.filter(), Service.ViewType.ACTIVE_ONLY,
                            query.pageSize(), query.orderBy(), token));
            page.getItems().forEach(run -> runs.add(toRunInfo(run)));
            pageToken = page.getNextPageToken().orElse(null);
        } while (pageToken != null);
        return runs;
    }

    public RunArtifacts artifacts(RunInfo run) {
        return new RunArtifacts(transport, ArtifactRoot.of(trackingUri, run.artifactUri()));
    }

    public RunArtifacts artifacts(String runId) {
        return artifacts(getRun(runId));
    }

    /** Unsent journal entries stay on disk for {@link #syncJournal} (here or in a later process). */
    @Override
    public void close() {
        closed = true;
        mlflow.close();
    }

    @Override
    public String toString() {
        return "TrackingClient[" + trackingUri + "]";
    }

    /**
     * Runs one MLflow client call under the retry policy. The client itself repeats a failed HTTP
     * call up to 3 times without pause; this adds backoff and covers connection errors.
     */
    private <T> T call(String what, Supplier<T> operation) {
        return call(answerRetry, what, operation);
    }

    private <T> T call(RetryPolicy policy, String what, Supplier<T> operation) {
        return policy.run(what, () -> {
            try {
                return operation.get();
            } catch (MlflowHttpException e) {
                int status = e.getStatusCode();
                String body = e.getBodyMessage() == null ? "" : e.getBodyMessage();
                if (status == 429 || status >= 500) {
                    throw new RetryPolicy.RetryableStatus(status, body);
                }
                throw TrackingException.fromResponse(what, status, body);
            } catch (MlflowClientException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new TrackingException(what + " failed: " + e.getMessage(), e);
            }
        });
    }

    private static String checkTrackingUri(String uri) {
        String scheme;
        try {
            scheme = uri == null ? null : new URI(uri).getScheme();
        } catch (URISyntaxException e) {
            scheme = null;
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("tracking uri must be http(s)://host:port of an MLflow server, got " + uri);
        }
        return uri.replaceAll("/+$", "");
    }

    private static RunInfo toRunInfo(Service.Run run) {
        Service.RunInfo info = run.getInfo();
        Map<String, String> params = new LinkedHashMap<>();
        run.getData().getParamsList().forEach(p -> params.put(p.getKey(), p.getValue()));
        Map<String, String> tags = new LinkedHashMap<>();
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        run.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), m.getValue()));
        return new RunInfo(info.getRunId(), info.getExperimentId(), info.getRunName(),
                RunStatus.valueOf(info.getStatus().name()),
                Instant.ofEpochMilli(info.getStartTime()),
                info.hasEndTime() && info.getEndTime() > 0 ? Optional.of(Instant.ofEpochMilli(info.getEndTime())) : Optional.empty(),
                params, tags, metrics, info.getArtifactUri());
    }
}
