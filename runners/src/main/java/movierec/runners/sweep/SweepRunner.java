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
 * Runs a sweep: the parent MLflow run, one Quartz job per trial (a grid's all at once; a search's one
 * whenever a slot is free, asked from {@link SweepSearch} and told each outcome), and the sweep's summary
 * on the parent run. {@link #abort} (Ctrl-C) ends running trials and the parent KILLED.
 */
public final class SweepRunner {
  private final TrackingClient client;
  private final String gitCommit;
  private volatile RunInfo parent;
  private volatile SweepProgress progress;
  private volatile Scheduler scheduler;
  private volatile SweepSearch search;

  public SweepRunner(TrackingClient client, String gitCommit) {
    this.client = client;
    this.gitCommit = gitCommit;
  }

  /** What a sweep ended with: the parent run, every trial's outcome (resumed ones included), the trial count. */
  public record Summary(RunInfo parent, List<TrialOutcome> outcomes, int trials, double seconds, Totals totals) {
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

  /**
   * The search's figures for the closing line.
   *
   * @param best the complete trial with the best value, null when none finished
   * @param epochsUnpruned epochs run with each pruned trial counted at its epochs param (an upper bound)
   * @param stopped why the search stopped asking before its trial count (budget, a used-up space), or null
   */
  public record Totals(TrialOutcome best, int finished, int pruned, long epochsRun, long epochsUnpruned, String stopped) {
    /** One line: best trial, how many were pruned, epochs spent against an unpruned sweep's. */
    public String line(String metric) {
      String bestPart = best == null ? "no trial finished" : String.format(java.util.Locale.ROOT, "best %s %s %.4f", best.runName(), metric, best.metric());
      return String.format(java.util.Locale.ROOT, "search: %s; %d of %d finished trials pruned; %d epochs run vs %d without pruning%s", bestPart,
          pruned, finished, epochsRun, epochsUnpruned, stopped == null ? "" : "; stopped asking: " + stopped);
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

  public Summary run(SweepConfig config, Scheduler scheduler, Listener listener, boolean fresh) throws SchedulerException, InterruptedException {
    return run(config, scheduler, listener, fresh, config.maxParallel());
  }

  /**
   * Runs the sweep, or resumes the newest sweep of the same config hash in the experiment when that one
   * did not finish (unless {@code fresh}): its parent run is reused, trials with a FINISHED run are kept
   * (a search learns from them again), its stale runs are closed FAILED and the other trials run.
   * A grid schedules every trial at once; random and tpe ask for the next trial whenever fewer than
   * {@code maxInFlight} run, and tell the search each outcome.
   */
  public Summary run(SweepConfig config, Scheduler scheduler, Listener listener, boolean fresh, int maxInFlight)
      throws SchedulerException, InterruptedException {
    this.scheduler = scheduler;
    SweepSearch search = new SweepSearch(config);
    this.search = search;
    int planned = config.plannedTrials();
    String experimentId = client.getOrCreateExperiment(config.experiment());
    List<TrialOutcome> outcomes = new ArrayList<>();
    Set<String> earlierRuns = new HashSet<>();
    Optional<RunInfo> unfinished = fresh ? Optional.empty() : newestUnfinished(experimentId, config.hash());
    String sweepId;
    if (unfinished.isPresent()) {
      parent = unfinished.get();
      sweepId = parent.tags().get(RunKeys.SWEEP_ID);
      int staleClosed = resume(config, search, outcomes, earlierRuns);
      Double spent = parent.metrics().get(RunKeys.WALL_SECONDS_SPENT);
      if (spent != null) search.spentBefore(Duration.ofMillis(Math.round(spent * 1000)));
      client.reopenRun(parent.runId());
      listener.resumed(sweepId, outcomes.size(), planned, staleClosed);
    } else {
      sweepId = UUID.randomUUID().toString().substring(0, 8);
      parent = startParent(config, experimentId, sweepId, planned);
    }
    Heartbeat.start(client, parent.runId());

    long start = System.nanoTime();
    // In a cluster, outcomes and epochs are read back from MLflow (most trials run elsewhere), not reported in-process.
    boolean clustered = scheduler.getMetaData().isJobStoreClustered();
    progress = SweepProgress.register(parent.runId(), !clustered, clustered ? null : search::report);
    int limit = config.search().grid() ? Integer.MAX_VALUE : maxInFlight;
    Map<String, RunningTrial> inFlight = new LinkedHashMap<>();
    long wallLogged = System.nanoTime();
    try {
      scheduler.start();
      while (!progress.cancelled) {
        while (inFlight.size() < limit) {
          SweepSearch.Proposal p = search.next();
          if (p == null) break;
          schedule(config, sweepId, p);
          inFlight.put(p.spec().key(), new RunningTrial(p.index()));
        }
        if (inFlight.isEmpty()) break;
        List<SweepProgress.Done> done = clustered ? pollTracking(config, search, earlierRuns, inFlight) : takeInProcess();
        for (SweepProgress.Done d : done) {
          if (inFlight.remove(d.key()) == null || d.outcome() == null) continue;
          search.finished(d.key(), d.outcome());
          outcomes.add(d.outcome());
          TrialOutcome best = search.best();
          if (best != null) client.logMetrics(parent.runId(), List.of(Metric.of(RunKeys.OPTIMIZATION_HISTORY, best.metric(), outcomes.size())));
          listener.trialDone(d.outcome(), outcomes.size(), Math.max(planned, outcomes.size()), best == null ? Double.NaN : best.metric());
        }
        // As often as the heartbeat: a sweep that dies loses at most that much of its wall budget's count.
        if (System.nanoTime() - wallLogged >= Heartbeat.INTERVAL.toNanos()) {
          logWallSpent(search);
          wallLogged = System.nanoTime();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Summary summary = new Summary(parent, List.copyOf(outcomes), search.trials(), seconds, search.totals());
      if (!progress.cancelled) finish(config, summary);
      return summary;
    } finally {
      progress.over = true;
      Heartbeat.stop(parent.runId());
      SweepProgress.unregister(parent.runId());
      scheduler.shutdown(false);
    }
  }

  /** A trial this process scheduled and has no outcome for yet; in a cluster, the epochs already passed to the pruner. */
  private static final class RunningTrial {
    final int index;
    int epochsSeen;
    boolean pruneRequested;

    RunningTrial(int index) {
      this.index = index;
    }
  }

  private void schedule(SweepConfig config, String sweepId, SweepSearch.Proposal p) throws SchedulerException {
    // The trial key is the job's identity: a sweep's job store never holds the same trial twice.
    JobKey jobKey = JobKey.jobKey(p.spec().key(), "sweep-" + sweepId);
    if (scheduler.checkExists(jobKey)) return;
    JobBuilder jobBuilder = JobBuilder.newJob(TrialJob.class);
    client.outageBudget().ifPresent(budget -> jobBuilder.usingJobData(TrialJob.OUTAGE_BUDGET, budget.toString()));
    JobDetail job = jobBuilder.withIdentity(jobKey)
        .usingJobData(TrialJob.TRACKING_URI, client.trackingUri())
        .usingJobData(TrialJob.PARENT_RUN, parent.runId())
        .usingJobData(TrialJob.INDEX, Integer.toString(p.index()))
        .usingJobData(TrialJob.SPEC, p.spec().toJson())
        .usingJobData(TrialJob.PRUNING, Boolean.toString(!config.search().pruner().strategy().equals("none")))
        .requestRecovery(true)
        .build();
    // Earlier trials first: priority falls with the index.
    Trigger trigger = TriggerBuilder.newTrigger().forJob(job).withPriority(Integer.MAX_VALUE - p.index()).startNow().build();
    scheduler.scheduleJob(job, trigger);
  }

  /** Waits up to a second for in-process trials to end. */
  private List<SweepProgress.Done> takeInProcess() throws InterruptedException {
    List<SweepProgress.Done> done = new ArrayList<>();
    SweepProgress.Done first = progress.done.poll(1, TimeUnit.SECONDS);
    if (first == null) return done;
    done.add(first);
    progress.done.drainTo(done);
    return done;
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
    Map<String, String> params = new LinkedHashMap<>(Map.of("config_file", config.file().toString(), "trials", Integer.toString(trials),
        "strategy", config.strategy(), "metric", config.metric(), "max_parallel", Integer.toString(config.maxParallel())));
    params.putAll(config.search().params());
    client.logParams(run.runId(), params);
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
   * Reads the resumed sweep's trial runs: a trial with a FINISHED run is an outcome already and goes back
   * into the search (its spec from the run's tags, its epochs from the metric history when the sweep
   * prunes); stale RUNNING runs are closed FAILED. Returns how many were closed; {@code earlier} gets every
   * existing run id.
   */
  private int resume(SweepConfig config, SweepSearch search, List<TrialOutcome> outcomes, Set<String> earlier) {
    Map<String, Integer> gridIndexes = config.search().grid() ? SweepSearch.gridIndexes(config) : Map.of();
    boolean pruning = !config.search().pruner().strategy().equals("none");
    Instant now = Instant.now();
    int closed = 0;
    Set<String> finishedKeys = new HashSet<>();
    List<RunInfo> finished = new ArrayList<>();
    for (RunInfo child : client.searchRuns(children())) {
      earlier.add(child.runId());
      if (child.tags().containsKey(RunKeys.TRIAL_NUMBER)) search.numberAfter(Integer.parseInt(child.tags().get(RunKeys.TRIAL_NUMBER)));
      String key = child.tags().get(RunKeys.TRIAL_KEY);
      boolean ours = key != null && (config.search().grid() ? gridIndexes.containsKey(key) : child.tags().containsKey(RunKeys.TRIAL_SPEC));
      if (child.status() == RunStatus.FINISHED && ours && finishedKeys.add(key)) {
        finished.add(child);
      } else if (Heartbeat.isStale(child, now)) {
        Heartbeat.close(client, child.runId(), RunStatus.FAILED, Heartbeat.staleNote(child, Heartbeat.thisProcess(), now) + "; trial rerun on resume");
        closed++;
      }
    }
    // In trial order, so the rebuilt history is the one the sampler had.
    finished.sort(java.util.Comparator.comparingInt(r -> trialNumber(r, gridIndexes)));
    for (RunInfo child : finished) {
      int index = trialNumber(child, gridIndexes);
      TrialSpec spec = config.search().grid() ? config.expand().get(index) : TrialSpec.fromJson(child.tags().get(RunKeys.TRIAL_SPEC));
      TrialOutcome outcome = TrialOutcome.of(child, config.metric());
      java.util.TreeMap<Integer, Double> epochs = new java.util.TreeMap<>();
      if (pruning) client.metricHistory(child.runId(), config.metric()).forEach(m -> { if (m.step() > 0) epochs.put((int) m.step(), m.value()); });
      search.restore(index, spec, outcome, epochs);
      outcomes.add(new TrialOutcome(child.runId(), TrackedTrial.runName(spec, index), outcome.status(), outcome.metric(), spec.family(),
          null, outcome.epochs(), outcome.pruned()));
    }
    return closed;
  }

  private static int trialNumber(RunInfo child, Map<String, Integer> gridIndexes) {
    Integer grid = gridIndexes.get(child.tags().get(RunKeys.TRIAL_KEY));
    if (grid != null) return grid;
    String tag = child.tags().get(RunKeys.TRIAL_NUMBER);
    return tag == null ? Integer.MAX_VALUE : Integer.parseInt(tag);
  }

  private RunQuery children() {
    return RunQuery.in(parent.experimentId()).withFilter("tags.mlflow.parentRunId = '" + parent.runId() + "'");
  }

  /**
   * One look at the sweep's child runs (after a 2 s pause): the trials of this round that ended, each once,
   * as a FINISHED or FAILED run. KILLED runs (a stopped worker: Quartz recovers the job) and runs closed by
   * someone else (a dead node's attempt) are not outcomes; runs of an earlier round are ignored. Running
   * trials' new epochs go to the pruner; a trial it stops gets {@link RunKeys#PRUNE_REQUEST}, which its worker reads.
   */
  private List<SweepProgress.Done> pollTracking(SweepConfig config, SweepSearch search, Set<String> earlierRuns,
      Map<String, RunningTrial> inFlight) throws InterruptedException {
    TimeUnit.SECONDS.sleep(2);
    boolean pruning = !config.search().pruner().strategy().equals("none");
    List<SweepProgress.Done> done = new ArrayList<>();
    for (RunInfo child : client.searchRuns(children())) {
      String key = child.tags().get(RunKeys.TRIAL_KEY);
      RunningTrial trial = key == null ? null : inFlight.get(key);
      if (trial == null || earlierRuns.contains(child.runId())) continue;
      boolean outcome = child.status() == RunStatus.FINISHED || child.status() == RunStatus.FAILED && !child.tags().containsKey(RunKeys.CLOSED_NOTE);
      if (outcome) {
        done.add(new SweepProgress.Done(key, TrialOutcome.of(child, config.metric())));
      } else if (pruning && child.status() == RunStatus.RUNNING && !trial.pruneRequested) {
        for (var m : client.metricHistory(child.runId(), config.metric())) {
          if (m.step() <= trial.epochsSeen) continue;
          trial.epochsSeen = (int) m.step();
          String reason = search.report(key, (int) m.step(), m.value());
          if (reason != null) {
            client.setTag(child.runId(), RunKeys.PRUNE_REQUEST, reason);
            trial.pruneRequested = true;
            break;
          }
        }
      }
    }
    return done;
  }

  /** The wall time spent so far on the parent run, where a resume reads it back. */
  private void logWallSpent(SweepSearch s) {
    client.logMetrics(parent.runId(), List.of(wallSpent(s)));
  }

  private static Metric wallSpent(SweepSearch s) {
    return Metric.rounded(RunKeys.WALL_SECONDS_SPENT, s.wallSpent().toMillis() / 1000.0, 0);
  }

  /** The parent ends FINISHED only when every trial did; otherwise FAILED, with the counts in its note. */
  private void finish(SweepConfig config, Summary s) {
    List<Metric> metrics = new ArrayList<>();
    metrics.add(wallSpent(search));
    long finished = s.count(RunStatus.FINISHED);
    metrics.add(Metric.of("trials_finished", finished, 0));
    metrics.add(Metric.of("trials_failed", s.trials() - finished, 0));
    metrics.add(Metric.rounded("wall_seconds", s.seconds(), 0));
    metrics.add(Metric.of("trials_pruned", s.totals().pruned(), 0));
    metrics.add(Metric.of(RunKeys.EPOCHS_RUN, s.totals().epochsRun(), 0));
    // Pruned trials stopped early: only trials that ran to their end compete for the sweep's best.
    s.outcomes().stream().filter(TrialOutcome::complete).map(TrialOutcome::metric)
        .reduce(Math::max)
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
    if (p == null || parentRun == null || p.over) return;
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
    SweepSearch s = search;
    if (s != null) client.logMetrics(parentRun.runId(), List.of(wallSpent(s)));
    client.endRun(parentRun.runId(), RunStatus.KILLED);
  }

}
