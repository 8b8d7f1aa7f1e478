package movierec.submissions.ensemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetWriter;
import movierec.core.eval.Evaluation;
import movierec.submissions.Submission;
import movierec.submissions.TopKFile;
import movierec.tracking.Metric;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunRecord;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;

/**
 * An ensemble as an MLflow run shaped like a trial's, so the leaderboard ranks it and pull fetches it:
 * the same metric keys ({@code recall_at_10} at step 0, {@code best_recall_at_10}), the split and
 * dataset hashes of its sources, their run ids and weights as tags, and the same artifacts. Started
 * before voting so that its duration covers the work; closed unfinished, it ends FAILED.
 */
public final class EnsembleRun implements AutoCloseable {
  /** The best source's validation metric, logged beside the ensemble's so that the gain is one subtraction. */
  public static final String BEST_SOURCE_PREFIX = "best_source_";
  /** The param naming how the weights were set: given, auto or tuned ({@link WeightMode#key}). */
  public static final String WEIGHTS_PARAM = "weights";
  /** With tuned weights: the validation metric auto weights give. */
  public static final String AUTO_WEIGHTS_PREFIX = "auto_weights_";
  /** With tuned weights: the metrics of the submission's weights on all validation users they were tuned on. */
  public static final String FIT_PREFIX = "fit_";
  /** With tuned weights: the best source's metric on the held-out validation users. */
  public static final String HELD_OUT_BEST_SOURCE_PREFIX = "heldout_best_source_";
  /** {@code mlflow.source.name} of ensemble runs: the command that makes them. */
  public static final String SOURCE_NAME = "movierec ensemble";
  /** The run's artifacts, the same files a trial has (but no model). */
  private static final List<String> FILES = List.of(Submission.FILE, TopKFile.VALIDATION, TopKFile.FINAL, EnsembleConfig.FILE);

  private final TrackingClient client;
  private final RunInfo run;
  private final EnsembleSpec spec;
  private final Optional<EnsemblePreset> preset;
  private boolean finished;

  private EnsembleRun(TrackingClient client, RunInfo run, EnsembleSpec spec, Optional<EnsemblePreset> preset) {
    this.client = client;
    this.run = run;
    this.spec = spec;
    this.preset = preset;
  }

  /** @param gitCommit the code version, {@code unknown} outside a git checkout */
  public static EnsembleRun start(TrackingClient client, String experimentId, EnsembleSpec spec, Optional<EnsemblePreset> preset,
      List<EnsembleSources.SourceRun> sources, String gitCommit) {
    EnsembleSources.SourceRun first = sources.get(0);
    String dataset = first.run().tags().getOrDefault(RunKeys.DATASET, first.datasetHash());
    RunRecord record = record(spec, preset, sources, dataset, gitCommit);
    Map<String, String> tags = new LinkedHashMap<>(record.tags());
    tags.put(RunKeys.KIND, RunKeys.KIND_ENSEMBLE);
    tags.put(RunKeys.FAMILY, RunKeys.KIND_ENSEMBLE);
    tags.put(RunKeys.SPLIT_HASH, first.splitHash());
    tags.put(RunKeys.DATASET_HASH, first.datasetHash());
    tags.put(RunKeys.DATASET, dataset);
    tags.put(RunKeys.SOURCE_RUNS, sources.stream().map(EnsembleSources.SourceRun::runId).collect(Collectors.joining(",")));
    String name = "ensemble-" + preset.map(EnsemblePreset::key).orElse(sources.size() + "runs") + "-" + spec.method().key()
        + (spec.method() == VotingMethod.HARD ? "" : "-" + spec.weights().key());
    RunInfo run = client.startRun(experimentId, name, tags);
    EnsembleRun ensembleRun = new EnsembleRun(client, run, spec, preset);
    try {
      client.logParams(run.runId(), record.params());
    } catch (RuntimeException e) {
      ensembleRun.close();
      throw e;
    }
    return ensembleRun;
  }

  public RunInfo run() {
    return run;
  }

  /**
   * Writes the run's files, logs weights, metrics and artifacts, and ends the run FINISHED.
   *
   * @param trialConfig the config.json of the trial the data came from, embedded in the ensemble's config
   */
  public RunInfo finish(Ensemble.Result result, List<Ensemble.Source> sources, Dataset data, String trialConfig) throws IOException {
    Path workDir = Files.createTempDirectory("movierec-ensemble-");
    try {
      writeFiles(result, sources, data, trialConfig, workDir);
      client.artifacts(run).uploadDirectory(workDir, "");
    } finally {
      for (String name : FILES) Files.deleteIfExists(workDir.resolve(name));
      Files.deleteIfExists(workDir);
    }
    logMetrics(result, sources);
    client.endRun(run.runId(), RunStatus.FINISHED);
    finished = true;
    return client.getRun(run.runId());
  }

  private void writeFiles(Ensemble.Result result, List<Ensemble.Source> sources, Dataset data, String trialConfig, Path workDir) throws IOException {
    double[] weights = result.chosen().weights();
    Evaluation validation = result.chosen().validation();
    TopKFile.write(validation.lists(), data, workDir.resolve(TopKFile.VALIDATION));
    TopKFile.write(result.finalLists(), data, workDir.resolve(TopKFile.FINAL));
    Submission.write(result.finalLists(), data, workDir.resolve(Submission.FILE));
    String config = EnsembleConfig.toJson(spec, preset, sources, weights, trialConfig);
    DatasetWriter.atomically(workDir.resolve(EnsembleConfig.FILE), w -> w.write(config));
  }

  private void logMetrics(Ensemble.Result result, List<Ensemble.Source> sources) {
    Evaluation validation = result.chosen().validation();
    String key = spec.metric().key();
    List<Metric> metrics = new ArrayList<>();
    // Tuned weights rank by what they give on validation users they were not tuned on; their fit to all
    // validation users (the submission's weights) is kept beside it.
    Evaluation ranked = result.heldOut().map(Ensemble.HeldOut::ensemble).orElse(validation);
    ranked.asMap().forEach((k, v) -> {
      metrics.add(Metric.rounded(k, v, 0));
      metrics.add(Metric.rounded(RunKeys.best(k), v, 0));
    });
    result.heldOut().ifPresent(h -> validation.asMap().forEach((k, v) -> metrics.add(Metric.rounded(FIT_PREFIX + k, v, 0))));
    metrics.add(Metric.of(RunKeys.BEST_EPOCH, 0, 0));
    metrics.add(Metric.rounded(BEST_SOURCE_PREFIX + key, sources.stream().mapToDouble(Ensemble.Source::metric).max().orElseThrow(), 0));
    result.auto().ifPresent(auto -> metrics.add(Metric.rounded(AUTO_WEIGHTS_PREFIX + key, auto.metric(spec), 0)));
    result.heldOut().ifPresent(h -> metrics.add(Metric.rounded(HELD_OUT_BEST_SOURCE_PREFIX + key,
        h.sources().stream().mapToDouble(e -> e.get(spec.metric().metric())).max().orElseThrow(), 0)));
    client.logBatch(run.runId(), metrics, Map.of(), Map.of(RunKeys.SOURCE_WEIGHTS, formatWeights(result.chosen().weights())));
  }

  /** Comma-separated, in the order of {@link RunKeys#SOURCE_RUNS}. */
  private static String formatWeights(double[] weights) {
    List<String> parts = new ArrayList<>();
    for (double w : weights) parts.add(String.format(Locale.ROOT, "%.6f", w));
    return String.join(",", parts);
  }

  @Override
  public void close() {
    if (!finished) {
      finished = true;
      client.endRun(run.runId(), RunStatus.FAILED);
    }
  }

  /**
   * The ensemble's run record: its settings as params (every one, defaults included: a hard vote's
   * weights and normalization are logged although it ignores them), the description naming the method
   * and the sources.
   */
  static RunRecord record(EnsembleSpec spec, Optional<EnsemblePreset> preset, List<EnsembleSources.SourceRun> sources, String dataset,
      String gitCommit) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("method", spec.method().key());
    params.put(WEIGHTS_PARAM, spec.weights().key());
    params.put("rank_decay", spec.decay().key());
    params.put("normalize", spec.normalization().key());
    params.put("tune_samples", spec.tuneSamples());
    params.put("seed", spec.seed());
    params.put("sources", sources.size());
    params.put("preset", preset.map(EnsemblePreset::key).orElse("none"));
    return new RunRecord(RunKeys.KIND_ENSEMBLE, params, Map.of(), Map.of(), dataset, gitCommit, RunRecord.LOCAL, SOURCE_NAME,
        describe(spec, preset, sources));
  }

  private static String describe(EnsembleSpec spec, Optional<EnsemblePreset> preset, List<EnsembleSources.SourceRun> sources) {
    String method = switch (spec.method()) {
      case HARD -> "Hard voting";
      case WEIGHTED -> "Weighted hard voting (" + spec.weights().key() + " weights)";
      case BLEND -> "Score blending (" + spec.normalization().key() + " normalization, " + spec.weights().key() + " weights)";
      case STACK -> "Stacking (XGBoost LambdaMART over each source's rank and score, pooled ranks, item popularity, user activity and genre affinity; weights are each source's share of split gain)";
    };
    return method + (spec.decay() == RankDecay.LOG ? " with log rank decay" : "") + " of " + preset.map(EnsemblePreset::key).orElse("named runs")
        + ": " + sources.stream().map(s -> s.family() + " " + s.runId()).collect(Collectors.joining(", "));
  }
}
