package movierec.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;

/**
 * The platform's door to MLflow: experiments, runs, params, metrics and search through MLflow's
 * Java client, artifacts through the server's artifact proxy ({@link RunArtifacts}). Every call
 * retries transient failures ({@link RetryPolicy}) and reports MLflow errors as
 * {@link TrackingException}.
 */
public final class TrackingClient implements AutoCloseable {

    public static final String TRACKING_URI_ENV = "MLFLOW_TRACKING_URI";
    public static final String PARENT_RUN_ID_TAG = "mlflow.parentRunId";
    public static final String RUN_NAME_TAG = "mlflow.runName";
    public static final String SOURCE_NAME_TAG = "mlflow.source.name";
    public static final String USER_TAG = "mlflow.user";
    /** {@link #SOURCE_NAME_TAG} when the caller names no source. */
    public static final String DEFAULT_SOURCE_NAME = "movierec";

    private final String trackingUri;
    private final MlflowClient mlflow;
    private final HttpTransport transport;
    private final RetryPolicy retry;

    public TrackingClient(String trackingUri, Credentials credentials) {
        this(trackingUri, credentials, RetryPolicy.DEFAULT);
    }

    public TrackingClient(String trackingUri, Credentials credentials, RetryPolicy retry) {
        this.trackingUri = checkTrackingUri(trackingUri);
        this.mlflow = new MlflowClient(credentials.toHostCreds(this.trackingUri));
        this.transport = new HttpTransport(credentials, retry);
        this.retry = retry;
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

    /** The id of the active experiment called {@code name}, created if there is none. */
    public String getOrCreateExperiment(String name) {
        Optional<String> existing = findExperiment(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return call("create experiment '" + name + "'", () -> mlflow.createExperiment(name));
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
        call("end run " + runId + " as " + status, () -> {
            mlflow.setTerminated(runId, Service.RunStatus.valueOf(status.name()), System.currentTimeMillis());
            return null;
        });
    }

    public RunInfo getRun(String runId) {
        return toRunInfo(call("get run " + runId, () -> mlflow.getRun(runId)));
    }

    public void setTag(String runId, String key, String value) {
        MlflowLimits.checkTag(key, value);
        call("set tag '" + key + "' on run " + runId, () -> {
            mlflow.setTag(runId, key, value);
            return null;
        });
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
        List<LogBatch> batches = LogBatch.split(metrics, params, tags);
        for (int i = 0; i < batches.size(); i++) {
            LogBatch batch = batches.get(i);
            call("log batch " + (i + 1) + "/" + batches.size() + " to run " + runId, () -> {
                mlflow.logBatch(runId, batch.metrics().stream().map(TrackingClient::toProto).toList(),
                        batch.params().entrySet().stream().map(e -> Service.Param.newBuilder()
                                .setKey(e.getKey()).setValue(e.getValue()).build()).toList(),
                        batch.tags().entrySet().stream().map(e -> Service.RunTag.newBuilder()
                                .setKey(e.getKey()).setValue(e.getValue()).build()).toList());
                return null;
            });
        }
    }

    /** Logs the datasets a run used ({@code runs/log-inputs}), which the Java client has no method for. */
    public void logInputs(String runId, List<DatasetInput> inputs) {
        String body = DatasetInput.request(runId, inputs);
        call("log inputs to run " + runId, () -> mlflow.sendPost("runs/log-inputs", body));
    }

    /** A REST GET under {@code /api/2.0/mlflow/} for what the Java client does not model (a run's inputs), as JSON text. */
    String getJson(String path) {
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

    @Override
    public void close() {
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
        return retry.run(what, () -> {
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

    private static Service.Metric toProto(Metric m) {
        return Service.Metric.newBuilder().setKey(m.key()).setValue(m.value())
                .setTimestamp(m.timestampMs()).setStep(m.step()).build();
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
