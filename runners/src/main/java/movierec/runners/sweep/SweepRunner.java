package movierec.runners.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.Metric;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunRecord;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * Runs a sweep: the parent MLflow run, one Quartz job per trial, waiting for all of them, and the
 * sweep's summary on the parent run. {@link #abort} (Ctrl-C) ends running trials and the parent KILLED.
 */
public final class SweepRunner {
  private final TrackingClient client;
  private final String gitCommit;
  private volatile RunInfo parent;
  private volatile SweepProgress progress;
  private volatile Scheduler scheduler;

  public SweepRunner(TrackingClient client, String gitCommit) {
    this.client = client;
    this.gitCommit = gitCommit;
  }

  /** What a sweep ended with: the parent run, every trial's outcome (resumed ones included), the trial count. */
  public record Summary(RunInfo parent, List<TrialOutcome> outcomes, int trials, double seconds) {
    public long count(RunStatus status) {
      return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Every trial has a FINISHED run: the only outcome that exits 0. */
    public boolean complete() {
      return count(RunStatus.FINISHED) == trials;
    }

    public List<TrialOutcome> unfinished() {
      return outcomes.stream().filter(o -> o.status() != RunStatus.FINISHED).toList();
    }
  }

  /** Called after each trial with the outcome and the counts so far (for the progress bar). */
  public interface Listener {
    void trialDone(TrialOutcome outcome, int done, int total, double best);

    /** The sweep continues an unfinished one instead of starting anew. */
    default void resumed(String sweepId, int finished, int total, int staleClosed) {}
  }

  /** A sweep of the file's config hash is still running elsewhere: resuming it would run its trials twice. */
  public static final class StillRunningException extends IllegalStateException {
    StillRunningException(String message) {
      super(message);
    }
  }

  public Summary run(SweepConfig config, Scheduler scheduler, Listener listener) throws SchedulerException, InterruptedException {
    return run(config, scheduler, listener, false);
  }

  /**
   * Runs the sweep, or resumes the newest sweep of the same config hash in the experiment when that one
   * did not finish (unless {@code fresh}): its parent run is reused, trials with a FINISHED run are kept,
   * its stale runs are closed FAILED and the other trials run.
   */
  public Summary run(SweepConfig config, Scheduler scheduler, Listener listener, boolean fresh) throws SchedulerException, InterruptedException {
    this.scheduler = scheduler;
    List<TrialSpec> trials = config.expand();
    String experimentId = client.getOrCreateExperiment(config.experiment());
    List<TrialOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    Set<String> earlierRuns = new HashSet<>();
    Set<String> finishedKeys = new HashSet<>();
    Optional<RunInfo> unfinished = fresh ? Optional.empty() : newestUnfinished(experimentId, config.hash());
    String sweepId;
    if (unfinished.isPresent()) {
      parent = unfinished.get();
      sweepId = parent.tags().get(RunKeys.SWEEP_ID);
      int staleClosed = resume(trials, outcomes, finishedKeys, earlierRuns);
      client.reopenRun(parent.runId());
      listener.resumed(sweepId, outcomes.size(), trials.size(), staleClosed);
    } else {
      sweepId = UUID.randomUUID().toString().substring(0, 8);
      parent = startParent(config, experimentId, sweepId, trials.size());
    }
    Heartbeat.start(client, parent.runId());

    long start = System.nanoTime();
    double[] best = {Double.NaN};
    Consumer<TrialOutcome> onDone = o -> {
      synchronized (best) {
        outcomes.add(o);
        if (o.status() == RunStatus.FINISHED && (Double.isNaN(best[0]) || better(config, o.metric(), best[0]))) best[0] = o.metric();
        listener.trialDone(o, outcomes.size(), trials.size(), best[0]);
      }
    };
    outcomes.stream().map(TrialOutcome::metric).filter(m -> !Double.isNaN(m))
        .forEach(m -> best[0] = Double.isNaN(best[0]) || better(config, m, best[0]) ? m : best[0]);
    List<Integer> toRun = new ArrayList<>();
    for (int i = 0; i < trials.size(); i++) if (!finishedKeys.contains(trials.get(i).key())) toRun.add(i);
    // In a cluster, outcomes are read back from MLflow (most trials run elsewhere), not reported in-process.
    boolean clustered = scheduler.getMetaData().isJobStoreClustered();
    progress = SweepProgress.register(parent.runId(), toRun.size(), clustered ? o -> {} : onDone);
    try {
      scheduler.start();
      for (int i : toRun) {
        // The trial key is the job's identity: a sweep's job store never holds the same trial twice.
        JobKey jobKey = JobKey.jobKey(trials.get(i).key(), "sweep-" + sweepId);
        if (scheduler.checkExists(jobKey)) continue;
        JobBuilder jobBuilder = JobBuilder.newJob(TrialJob.class);
        client.outageBudget().ifPresent(budget -> jobBuilder.usingJobData(TrialJob.OUTAGE_BUDGET, budget.toString()));
        JobDetail job = jobBuilder.withIdentity(jobKey)
            .usingJobData(TrialJob.TRACKING_URI, client.trackingUri())
            .usingJobData(TrialJob.PARENT_RUN, parent.runId())
            .usingJobData(TrialJob.INDEX, Integer.toString(i))
            .usingJobData(TrialJob.SPEC, trials.get(i).toJson())
            .requestRecovery(true)
            .build();
        // Earlier trials first: priority falls with the index.
        Trigger trigger = TriggerBuilder.newTrigger().forJob(job).withPriority(Integer.MAX_VALUE - i).startNow().build();
        scheduler.scheduleJob(job, trigger);
      }
      if (clustered) {
        awaitThroughTracking(trials.size(), RunKeys.best(config.metric()), earlierRuns, outcomes, onDone);
      } else {
        while (!progress.remaining.await(1, TimeUnit.SECONDS)) {
          if (progress.cancelled) break;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Summary summary = new Summary(parent, List.copyOf(outcomes), trials.size(), seconds);
      if (!progress.cancelled) finish(config, summary);
      return summary;
    } finally {
      Heartbeat.stop(parent.runId());
      SweepProgress.unregister(parent.runId());
      scheduler.shutdown(false);
    }
  }

  private RunInfo startParent(SweepConfig config, String experimentId, String sweepId, int trials) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(RunKeys.KIND, RunKeys.KIND_SWEEP);
    tags.put(RunKeys.SWEEP_ID, sweepId);
    tags.put(RunKeys.CONFIG_HASH, config.hash());
    tags.put(RunRecord.GIT_COMMIT_TAG, gitCommit);
    tags.put(RunRecord.SOURCE_TYPE_TAG, RunRecord.JOB);
    tags.put(RunKeys.NODE, Heartbeat.thisProcess());
    tags.put(TrackingClient.SOURCE_NAME_TAG, config.file().getFileName().toString());
    tags.put("mlflow.note.content", "Sweep of " + config.file().getFileName() + ": " + trials + " trials, "
        + config.strategy() + " search, metric " + config.metric());
    RunInfo run = client.startRun(experimentId, "sweep-" + config.experiment() + "-" + sweepId, tags);
    client.logParams(run.runId(), Map.of("config_file", config.file().toString(), "trials", Integer.toString(trials),
        "strategy", config.strategy(), "metric", config.metric(), "max_parallel", Integer.toString(config.maxParallel())));
    client.artifacts(run).uploadFile(config.file(), "sweep.yaml");
    return run;
  }

  /** The newest sweep of this config hash in the experiment, if it did not finish; refuses one that is still alive. */
  private Optional<RunInfo> newestUnfinished(String experimentId, String configHash) {
    Optional<RunInfo> newest = client.searchRuns(RunQuery.in(experimentId)
            .withFilter("tags." + RunKeys.KIND + " = '" + RunKeys.KIND_SWEEP + "' AND tags." + RunKeys.CONFIG_HASH + " = '" + configHash + "'")
            .withOrderBy("attributes.start_time DESC"))
        .stream().findFirst();
    if (newest.isEmpty() || newest.get().status() == RunStatus.FINISHED) return Optional.empty();
    RunInfo run = newest.get();
    if (run.status() == RunStatus.RUNNING && !Heartbeat.isStale(run, Instant.now())) {
      throw new StillRunningException("sweep " + run.tags().get(RunKeys.SWEEP_ID) + " of this file is still running (run " + run.runId()
          + ", heartbeat " + Duration.between(Heartbeat.lastBeat(run), Instant.now()).toSeconds() + " s ago on "
          + run.tags().getOrDefault(RunKeys.NODE, "unknown") + "); wait for it, or pass --fresh to start another");
    }
    if (run.status() == RunStatus.RUNNING) {
      Heartbeat.close(client, run.runId(), RunStatus.FAILED, Heartbeat.staleNote(run, Heartbeat.thisProcess(), Instant.now()) + "; resumed");
    }
    return Optional.of(run);
  }

  /**
   * Reads the resumed sweep's trial runs: a trial with a FINISHED run is an outcome already, stale RUNNING
   * runs are closed FAILED. Returns how many were closed; {@code earlier} gets every existing run id.
   */
  private int resume(List<TrialSpec> trials, List<TrialOutcome> outcomes, Set<String> finishedKeys, Set<String> earlier) {
    Map<String, Integer> indexByKey = new HashMap<>();
    for (int i = 0; i < trials.size(); i++) indexByKey.put(trials.get(i).key(), i);
    String metricKey = RunKeys.best(trials.isEmpty() ? "" : trials.get(0).plan().metric().key());
    Instant now = Instant.now();
    int closed = 0;
    for (RunInfo child : client.searchRuns(children())) {
      earlier.add(child.runId());
      String key = child.tags().get(RunKeys.TRIAL_KEY);
      Integer index = key == null ? null : indexByKey.get(key);
      if (child.status() == RunStatus.FINISHED && index != null && finishedKeys.add(key)) {
        outcomes.add(new TrialOutcome(child.runId(), TrackedTrial.runName(trials.get(index), index), RunStatus.FINISHED,
            child.metrics().getOrDefault(metricKey, Double.NaN), trials.get(index).family(), null));
      } else if (Heartbeat.isStale(child, now)) {
        Heartbeat.close(client, child.runId(), RunStatus.FAILED, Heartbeat.staleNote(child, Heartbeat.thisProcess(), now) + "; trial rerun on resume");
        closed++;
      }
    }
    return closed;
  }

  private RunQuery children() {
    return RunQuery.in(parent.experimentId()).withFilter("tags.mlflow.parentRunId = '" + parent.runId() + "'");
  }

  /**
   * Polls the sweep's child runs until every trial has an outcome, reporting each trial once: a FINISHED
   * or FAILED run of this round. KILLED runs (a stopped worker: Quartz recovers the job) and runs closed
   * by someone else (a dead node's attempt) are not outcomes; runs of an earlier round are ignored.
   */
  private void awaitThroughTracking(int total, String metricKey, Set<String> earlierRuns, List<TrialOutcome> outcomes,
      Consumer<TrialOutcome> onDone) throws InterruptedException {
    Set<String> reported = new HashSet<>();
    outcomes.forEach(o -> reported.add(o.runName()));
    while (reported.size() < total && !progress.cancelled) {
      TimeUnit.SECONDS.sleep(2);
      for (RunInfo child : client.searchRuns(children())) {
        boolean outcome = child.status() == RunStatus.FINISHED || child.status() == RunStatus.FAILED && !child.tags().containsKey(RunKeys.CLOSED_NOTE);
        if (outcome && !earlierRuns.contains(child.runId()) && reported.add(child.runName())) {
          onDone.accept(new TrialOutcome(child.runId(), child.runName(), child.status(), child.metrics().getOrDefault(metricKey, Double.NaN),
              child.tags().get(RunKeys.FAMILY), child.tags().get(RunKeys.ERROR)));
        }
      }
    }
  }

  private static boolean better(SweepConfig config, double a, double b) {
    return config.maximize() ? a > b : a < b;
  }

  /** The parent ends FINISHED only when every trial did; otherwise FAILED, with the counts in its note. */
  private void finish(SweepConfig config, Summary s) {
    List<Metric> metrics = new ArrayList<>();
    long finished = s.count(RunStatus.FINISHED);
    metrics.add(Metric.of("trials_finished", finished, 0));
    metrics.add(Metric.of("trials_failed", s.trials() - finished, 0));
    metrics.add(Metric.rounded("wall_seconds", s.seconds(), 0));
    s.outcomes().stream().filter(o -> o.status() == RunStatus.FINISHED).map(TrialOutcome::metric)
        .reduce((a, b) -> better(config, a, b) ? a : b)
        .ifPresent(v -> metrics.add(Metric.rounded(RunKeys.sweepBest(config.metric()), v, 0)));
    client.logMetrics(s.parent().runId(), metrics);
    if (s.complete()) {
      client.endRun(s.parent().runId(), RunStatus.FINISHED);
    } else {
      client.setTag(s.parent().runId(), RunKeys.ERROR, (s.trials() - finished) + " of " + s.trials() + " trials did not finish: "
          + s.unfinished().stream().limit(50).map(TrialOutcome::runName).collect(java.util.stream.Collectors.joining(", ")));
      client.endRun(s.parent().runId(), RunStatus.FAILED);
    }
  }

  /** Ctrl-C: stop scheduling, end running trials and the parent KILLED. Safe to call from a shutdown hook. */
  public void abort() {
    SweepProgress p = progress;
    RunInfo parentRun = parent;
    if (p == null || parentRun == null || p.remaining.getCount() == 0) return;
    p.cancelled = true;
    try {
      if (scheduler != null) {
        scheduler.pauseAll();
        for (var ctx : scheduler.getCurrentlyExecutingJobs()) scheduler.interrupt(ctx.getJobDetail().getKey());
      }
    } catch (SchedulerException ignored) {
      // Shutting down anyway: the runs below are what must be ended.
    }
    for (String runId : List.copyOf(p.runningRuns)) client.endRun(runId, RunStatus.KILLED);
    client.endRun(parentRun.runId(), RunStatus.KILLED);
  }

}
