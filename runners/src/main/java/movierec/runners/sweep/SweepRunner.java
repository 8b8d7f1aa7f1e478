package movierec.runners.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.Metric;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
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

  /** What a sweep ended with: the parent run, every trial's outcome, the best trial. */
  public record Summary(RunInfo parent, List<TrialOutcome> outcomes, double seconds) {
    public long count(RunStatus status) {
      return outcomes.stream().filter(o -> o.status() == status).count();
    }
  }

  /** Called after each trial with the outcome and the counts so far (for the progress bar). */
  public interface Listener {
    void trialDone(TrialOutcome outcome, int done, int total, double best);
  }

  public Summary run(SweepConfig config, Scheduler scheduler, Listener listener) throws SchedulerException, InterruptedException {
    this.scheduler = scheduler;
    List<TrialSpec> trials = config.expand();
    String experimentId = client.getOrCreateExperiment(config.experiment());
    String sweepId = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(RunKeys.KIND, RunKeys.KIND_SWEEP);
    tags.put(RunKeys.SWEEP_ID, sweepId);
    tags.put(RunKeys.CONFIG_HASH, config.hash());
    tags.put(RunKeys.GIT_COMMIT, gitCommit);
    tags.put(TrackingClient.SOURCE_NAME_TAG, config.file().getFileName().toString());
    tags.put("mlflow.note.content", "Sweep of " + config.file().getFileName() + ": " + trials.size() + " trials, "
        + config.strategy() + " search, metric " + config.metric());
    parent = client.startRun(experimentId, "sweep-" + config.experiment() + "-" + sweepId, tags);
    client.logParams(parent.runId(), Map.of("config_file", config.file().toString(), "trials", Integer.toString(trials.size()),
        "strategy", config.strategy(), "metric", config.metric(), "max_parallel", Integer.toString(config.maxParallel())));
    client.artifacts(parent).uploadFile(config.file(), "sweep.yaml");

    long start = System.nanoTime();
    List<TrialOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    double[] best = {Double.NaN};
    Consumer<TrialOutcome> onDone = o -> {
      synchronized (best) {
        outcomes.add(o);
        if (o.status() == RunStatus.FINISHED && (Double.isNaN(best[0]) || better(config, o.metric(), best[0]))) best[0] = o.metric();
        listener.trialDone(o, outcomes.size(), trials.size(), best[0]);
      }
    };
    // In a cluster, outcomes are read back from MLflow (most trials run elsewhere), not reported in-process.
    boolean clustered = scheduler.getMetaData().isJobStoreClustered();
    progress = SweepProgress.register(parent.runId(), trials.size(), clustered ? o -> {} : onDone);
    try {
      scheduler.start();
      for (int i = 0; i < trials.size(); i++) {
        JobBuilder jobBuilder = JobBuilder.newJob(TrialJob.class);
        client.outageBudget().ifPresent(budget -> jobBuilder.usingJobData(TrialJob.OUTAGE_BUDGET, budget.toString()));
        JobDetail job = jobBuilder.withIdentity("trial-" + i, "sweep-" + sweepId)
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
        awaitThroughTracking(trials.size(), RunKeys.best(config.metric()), onDone);
      } else {
        while (!progress.remaining.await(1, TimeUnit.SECONDS)) {
          if (progress.cancelled) break;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Summary summary = new Summary(parent, List.copyOf(outcomes), seconds);
      if (!progress.cancelled) finish(config, summary);
      return summary;
    } finally {
      SweepProgress.unregister(parent.runId());
      scheduler.shutdown(false);
    }
  }

  /** Polls the sweep's child runs until every trial has ended, reporting each once. */
  private void awaitThroughTracking(int total, String metricKey, Consumer<TrialOutcome> onDone) throws InterruptedException {
    Set<String> reported = new HashSet<>();
    RunQuery children = RunQuery.in(parent.experimentId()).withFilter("tags.mlflow.parentRunId = '" + parent.runId() + "'");
    while (reported.size() < total && !progress.cancelled) {
      TimeUnit.SECONDS.sleep(2);
      for (RunInfo child : client.searchRuns(children)) {
        if (child.status().isTerminal() && reported.add(child.runId())) {
          onDone.accept(new TrialOutcome(child.runId(), child.status(), child.metrics().getOrDefault(metricKey, Double.NaN),
              child.tags().get(RunKeys.FAMILY)));
        }
      }
    }
  }

  private static boolean better(SweepConfig config, double a, double b) {
    return config.maximize() ? a > b : a < b;
  }

  private void finish(SweepConfig config, Summary s) {
    List<Metric> metrics = new ArrayList<>();
    metrics.add(Metric.of("trials_finished", s.count(RunStatus.FINISHED), 0));
    metrics.add(Metric.of("trials_failed", s.count(RunStatus.FAILED), 0));
    metrics.add(Metric.of("wall_seconds", s.seconds(), 0));
    s.outcomes().stream().filter(o -> o.status() == RunStatus.FINISHED).map(TrialOutcome::metric)
        .reduce((a, b) -> better(config, a, b) ? a : b)
        .ifPresent(v -> metrics.add(Metric.of(RunKeys.best(config.metric()), v, 0)));
    client.logMetrics(s.parent().runId(), metrics);
    client.endRun(s.parent().runId(), RunStatus.FINISHED);
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
