package movierec.submissions.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.tracking.Metric;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;

/** Runs logged by hand in a fresh experiment, with chosen tags and metrics, so tests know the exact winners. */
public final class HandMadeRuns {
  public static final String DATASET_HASH = "d0d0d0d0d0d0";

  private final TrackingClient client;
  private final String experimentName;
  private final String experimentId;

  public HandMadeRuns(TrackingClient client, String experimentPrefix) {
    this.client = client;
    this.experimentName = MlflowTestServer.uniqueName(experimentPrefix);
    this.experimentId = client.getOrCreateExperiment(experimentName);
  }

  public String experimentName() {
    return experimentName;
  }

  public String experimentId() {
    return experimentId;
  }

  /** A finished trial with {@code best_recall_at_10 = recall}, best epoch 3 and a per-epoch history ending there. */
  public RunInfo trial(String family, double recall, String splitHash, Map<String, String> params) {
    return run(RunKeys.KIND_TRIAL, family, recall, splitHash, RunStatus.FINISHED, params);
  }

  public RunInfo run(String kind, String family, double recall, String splitHash, RunStatus end, Map<String, String> params) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(RunKeys.KIND, kind);
    tags.put(RunKeys.FAMILY, family);
    tags.put(RunKeys.SPLIT_HASH, splitHash);
    tags.put(RunKeys.DATASET_HASH, DATASET_HASH);
    RunInfo run = client.startRun(experimentId, family + "-" + recall, tags);
    List<Metric> metrics = new ArrayList<>();
    for (int epoch = 1; epoch <= 3; epoch++) metrics.add(Metric.of("recall_at_10", recall * epoch / 3, epoch));
    metrics.add(Metric.of(kind.equals(RunKeys.KIND_SWEEP) ? RunKeys.sweepBest("recall_at_10") : RunKeys.best("recall_at_10"), recall, 0));
    metrics.add(Metric.of(RunKeys.BEST_EPOCH, 3, 0));
    Map<String, String> allParams = new LinkedHashMap<>(params);
    allParams.put("family", family);
    allParams.put("seed", "0");
    client.logBatch(run.runId(), metrics, allParams, Map.of());
    if (end != RunStatus.RUNNING) client.endRun(run.runId(), end);
    return client.getRun(run.runId());
  }

  public void upload(RunInfo run, String artifactPath, String content) {
    client.artifacts(run).uploadString(artifactPath, content);
  }
}
