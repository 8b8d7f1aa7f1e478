package movierec.runners.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import movierec.core.eval.Evaluation;
import movierec.core.model.ModelFamily;
import movierec.models.ModelRegistry;
import movierec.runners.trial.TrialResult;
import movierec.runners.trial.TrialRunner;
import movierec.runners.trial.TrialSpec;
import movierec.runners.trial.ModelDescriptor;
import movierec.tracking.LoggedModel;
import movierec.tracking.Metric;
import movierec.tracking.RunArtifacts;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunRecord;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;

/**
 * One trial as an MLflow child run: params, per-epoch metrics (step = epoch), the best epoch's metrics,
 * tags, and the trial's files as artifacts. A failure ends the run FAILED with its stack trace as an
 * artifact; a cancellation (checked between epochs) ends it KILLED.
 */
final class TrackedTrial {
  static final String ERROR_FILE = "error.txt";

  private TrackedTrial() {}

  /** Where a running trial reports each epoch's metric; answers why it should stop (pruned), or null. */
  interface Pruning {
    String check(String runId, int epoch, double value);
  }

  /**
   * @param running where the child run id is kept while it runs (so an abort can end it KILLED); may be null
   * @param node the scheduler instance that runs the trial (which machine, in a cluster)
   * @param pruning null when the sweep does not prune
   */
  static TrialOutcome run(TrackingClient client, RunInfo parent, int index, TrialSpec spec, Path workDir, BooleanSupplier cancelled,
      java.util.Set<String> running, String node, Pruning pruning) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(RunKeys.KIND, RunKeys.KIND_TRIAL);
    tags.put(RunKeys.FAMILY, spec.family());
    tags.put(RunKeys.DATASET, spec.dataset().label());
    tags.put(RunKeys.SEED, Long.toString(spec.seed()));
    tags.put(RunKeys.NODE, node);
    tags.put(RunKeys.TRIAL_KEY, spec.key());
    tags.put(RunKeys.TRIAL_NUMBER, Integer.toString(index));
    tags.put(RunKeys.TRIAL_SPEC, spec.toJson());
    parent.tags().entrySet().stream().filter(e -> e.getKey().equals(RunKeys.SWEEP_ID) || e.getKey().equals(RunRecord.GIT_COMMIT_TAG)
        || e.getKey().equals(RunKeys.CONFIG_HASH) || e.getKey().equals(TrackingClient.SOURCE_NAME_TAG)).forEach(e -> tags.put(e.getKey(), e.getValue()));
    RunInfo run = client.startChildRun(parent, runName(spec, index), tags);
    if (running != null) running.add(run.runId());
    Heartbeat.start(client, run.runId());
    SystemMetrics.start(client, run.runId());
    try {
      return runTracked(client, run, index, spec, workDir, cancelled, pruning);
    } finally {
      SystemMetrics.stop(run.runId());
      Heartbeat.stop(run.runId());
      if (running != null) running.remove(run.runId());
    }
  }

  static String runName(TrialSpec spec, int index) {
    return String.format("%s-%03d", spec.family(), index);
  }

  /** The exception's own message, first line (an input error's {@code file:line: field: problem}). */
  static String reason(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) return e.getClass().getSimpleName();
    return message.lines().findFirst().orElse(message).strip();
  }

  private static TrialOutcome runTracked(TrackingClient client, RunInfo run, int index, TrialSpec spec, Path workDir, BooleanSupplier cancelled,
      Pruning pruning) {
    RunRecord record = record(spec, run);
    client.logBatch(run.runId(), List.of(), record.params(), record.tags());
    String key = spec.plan().metric().key();
    String lossKey = lossKey(spec.family(), record.resolved());
    try (TrialLog log = new TrialLog(workDir)) {
      log.line("trial %d: %s", index, spec.toJson().replace('\n', ' '));
      TrialProgress.started(run, spec);
      try {
        long start = System.nanoTime();
        long[] epochLogging = {0};
        TrialResult result = TrialRunner.run(spec, workDir, (epoch, loss, e, seconds) -> {
          log.line("epoch %d loss %.5f %s=%.5f (%.2fs)", epoch, loss, key, e.asMap().get(key), seconds);
          TrialProgress.epoch(run, spec, epoch);
          long logStart = System.nanoTime();
          client.logMetrics(run.runId(), epochMetrics(lossKey, epoch, loss, e, seconds));
          epochLogging[0] += System.nanoTime() - logStart;
          if (cancelled.getAsBoolean()) throw new CancellationException("sweep cancelled");
          return pruning == null ? null : pruning.check(run.runId(), epoch, e.asMap().get(key));
        });
        if (result.bestEpoch() == 0) client.logMetrics(run.runId(), epochMetrics(lossKey, 0, Double.NaN, result.validation(), result.fitSeconds()));
        // The trial's own work without tracking calls: the run's duration minus this is tracking overhead.
        List<Metric> summary = summary(result);
        summary.add(Metric.rounded(RunKeys.TRIAL_SECONDS, (System.nanoTime() - start - epochLogging[0]) / 1e9, 0));
        client.logInputs(run.runId(), result.inputs());
        Map<String, String> tags = new LinkedHashMap<>(Map.of(RunKeys.DATASET_HASH, result.datasetHash(), RunKeys.SPLIT_HASH, result.splitHash()));
        if (result.modelDir() != null) {
          LoggedModel model = logModel(client, run, record, result.modelDir());
          summary.replaceAll(m -> m.forModel(model.modelId()));
          tags.put(RunKeys.MODEL_FORMAT, model.tags().get(RunKeys.MODEL_FORMAT));
        }
        if (result.pruned() != null) {
          tags.put(RunKeys.PRUNED, result.pruned());
          tags.put(RunRecord.NOTE_TAG, "**Pruned** at " + result.pruned() + " (best epoch " + result.bestEpoch()
              + "; not refitted: validation lists only).\n\n" + record.tags().getOrDefault(RunRecord.NOTE_TAG, ""));
        }
        client.logBatch(run.runId(), summary, Map.of(), tags);
        log.line("done: %s=%.5f best epoch %d, fit %.1fs, refit %.1fs%s", key, result.validation().asMap().get(key),
            result.bestEpoch(), result.fitSeconds(), result.refitSeconds(), result.pruned() == null ? "" : ", pruned at " + result.pruned());
        log.close();
        uploadRunFiles(client.artifacts(run), workDir);
        client.endRun(run.runId(), RunStatus.FINISHED);
        return new TrialOutcome(run.runId(), run.runName(), RunStatus.FINISHED, result.validation().asMap().get(key), spec.family(), null,
            result.epochs(), result.pruned());
      } catch (CancellationException e) {
        log.line("cancelled");
        client.endRun(run.runId(), RunStatus.KILLED);
        return new TrialOutcome(run.runId(), run.runName(), RunStatus.KILLED, Double.NaN, spec.family(), "cancelled", 0, null);
      } catch (Exception | OutOfMemoryError e) {
        log.error(e);
        log.close();
        String reason = reason(e);
        client.setTag(run.runId(), RunKeys.ERROR, reason.length() > 8000 ? reason.substring(0, 8000) : reason);
        uploadFailure(client, run, workDir, e);
        client.endRun(run.runId(), RunStatus.FAILED);
        return new TrialOutcome(run.runId(), run.runName(), RunStatus.FAILED, Double.NaN, spec.family(), reason, 0, null);
      }
    }
  }

  /**
   * The trial's model folder as an MLflow 3 logged model of the run, named after it, with the model
   * params and the descriptor's family and file format as tags; the run's summary metrics are then
   * attributed to it.
   */
  private static LoggedModel logModel(TrackingClient client, RunInfo run, RunRecord record, Path modelDir) throws IOException {
    ModelDescriptor descriptor = ModelDescriptor.fromJson(Files.readString(modelDir.resolve(ModelDescriptor.FILE)), modelDir.toString());
    Map<String, String> params = new LinkedHashMap<>();
    record.resolved().forEach((k, v) -> params.put(k, String.valueOf(v)));
    return client.logModel(run, run.runName(), params,
        Map.of(RunKeys.FAMILY, descriptor.family(), RunKeys.MODEL_FORMAT, descriptor.format()), modelDir);
  }

  /** The run's own files: everything but the model folder, which is the logged model's. */
  private static void uploadRunFiles(RunArtifacts artifacts, Path workDir) throws IOException {
    try (var entries = Files.list(workDir)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          if (!name.equals(ModelDescriptor.DIR)) artifacts.uploadDirectory(p, name);
        } else {
          artifacts.uploadFile(p, name);
        }
      }
    }
  }

  private static void uploadFailure(TrackingClient client, RunInfo run, Path workDir, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    var artifacts = client.artifacts(run);
    artifacts.uploadString(ERROR_FILE, trace.toString());
    if (Files.isDirectory(workDir)) artifacts.uploadDirectory(workDir, "");
  }

  /**
   * Every model param resolved against the family's defaults, plus the trial settings, with MLflow's
   * standard tags; the code version and sweep file come from the parent run's tags.
   */
  static RunRecord record(TrialSpec spec, RunInfo run) {
    ModelFamily<?> family = ModelRegistry.get(spec.family());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("family", spec.family());
    settings.put("dataset", spec.dataset().label());
    settings.put("split", spec.split().toString());
    settings.put("filters", spec.filters().toString());
    settings.put("seed", Long.toString(spec.seed()));
    settings.put("max_epochs", Integer.toString(spec.maxEpochs()));
    settings.put("patience", Integer.toString(spec.patience()));
    return new RunRecord(spec.family(), family.resolve(spec.params()), family.defaultValues(), settings, spec.dataset().label(),
        run.tags().getOrDefault(RunRecord.GIT_COMMIT_TAG, "unknown"), RunRecord.JOB,
        run.tags().getOrDefault(TrackingClient.SOURCE_NAME_TAG, TrackingClient.DEFAULT_SOURCE_NAME), "");
  }

  private static List<Metric> epochMetrics(String lossKey, int epoch, double loss, Evaluation e, double seconds) {
    List<Metric> m = new ArrayList<>();
    e.asMap().forEach((k, v) -> m.add(Metric.rounded(k, v, epoch)));
    if (!Double.isNaN(loss)) m.add(Metric.rounded(lossKey, loss, epoch));
    m.add(Metric.rounded(RunKeys.EPOCH_SECONDS, seconds, epoch));
    return m;
  }

  /** The loss's key names the family and, for families whose params choose it, the objective: losses of one key mean one thing. */
  static String lossKey(String family, Map<String, Object> resolved) {
    return RunKeys.loss(family, resolved.get("loss"));
  }

  private static List<Metric> summary(TrialResult r) {
    List<Metric> m = new ArrayList<>();
    r.validation().asMap().forEach((k, v) -> m.add(Metric.rounded(RunKeys.best(k), v, 0)));
    m.add(Metric.of(RunKeys.BEST_EPOCH, r.bestEpoch(), 0));
    m.add(Metric.of(RunKeys.EPOCHS_RUN, r.epochs(), 0));
    m.add(Metric.rounded(RunKeys.FIT_SECONDS, r.fitSeconds(), 0));
    m.add(Metric.rounded(RunKeys.REFIT_SECONDS, r.refitSeconds(), 0));
    return m;
  }
}
