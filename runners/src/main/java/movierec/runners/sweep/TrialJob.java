package movierec.runners.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.Credentials;
import movierec.tracking.Journal;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.quartz.InterruptableJob;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * A Quartz job that runs one trial. Its data are strings only (tracking URI, parent run id, trial
 * index, trial spec as JSON), so the same job runs from the in-memory store or a clustered JDBC store
 * on any node; results go to MLflow, and to the in-process sweep when there is one.
 */
public final class TrialJob implements InterruptableJob {
  static final String TRACKING_URI = "trackingUri";
  static final String PARENT_RUN = "parentRunId";
  static final String INDEX = "index";
  static final String SPEC = "spec";
  /** ISO-8601 duration; when present the trial's client journals writes through an outage of that length. */
  static final String OUTAGE_BUDGET = "outageBudget";
  /** "true" when the sweep prunes: the trial reports each epoch to the pruner. */
  static final String PRUNING = "pruning";
  private static final Map<String, TrackingClient> CLIENTS = new ConcurrentHashMap<>();

  private volatile boolean interrupted;

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    String parentRunId = data.getString(PARENT_RUN);
    int index = Integer.parseInt(data.getString(INDEX));
    TrialSpec spec = TrialSpec.fromJson(data.getString(SPEC));
    String budget = data.getString(OUTAGE_BUDGET);
    TrackingClient client = CLIENTS.computeIfAbsent(data.getString(TRACKING_URI) + " " + budget, key -> budget == null
        ? new TrackingClient(data.getString(TRACKING_URI), Credentials.fromEnv())
        : TrackingClient.durable(data.getString(TRACKING_URI), Credentials.fromEnv(), Journal.fromEnv(), Duration.parse(budget)));
    SweepProgress progress = SweepProgress.of(parentRunId);
    Path workDir = null;
    TrialOutcome outcome = null;
    try {
      workDir = Files.createTempDirectory("movierec-trial-" + index + "-");
      RunInfo parent = client.getRun(parentRunId);
      String node = context.getScheduler().getSchedulerInstanceId();
      outcome = finishedOrCloseEarlier(client, parent, spec, context.isRecovering(), node);
      if (outcome != null) return;
      outcome = TrackedTrial.run(client, parent, index, spec, workDir,
          () -> interrupted || (progress != null && progress.cancelled), progress == null ? null : progress.runningRuns,
          context.getScheduler().getSchedulerInstanceId(), pruning(data, progress, spec, client));
    } catch (IOException | SchedulerException e) {
      throw new JobExecutionException(e);
    } finally {
      deleteQuietly(workDir);
      if (progress != null) progress.done(spec.key(), outcome);
    }
  }

  /**
   * In the sweep's process the pruner answers directly; on another cluster node the trial reads its own
   * run's {@link RunKeys#PRUNE_REQUEST} tag, which the sweep's process sets when it decides (it holds the
   * search and reads running trials' epochs from MLflow), so a trial may run an epoch or two past the rung.
   */
  private static TrackedTrial.Pruning pruning(JobDataMap data, SweepProgress progress, TrialSpec spec, TrackingClient client) {
    if (!"true".equals(data.getString(PRUNING))) return null;
    if (progress != null && progress.pruning != null) return (runId, epoch, value) -> progress.pruning.report(spec.key(), epoch, value);
    return (runId, epoch, value) -> client.getRun(runId).tags().get(RunKeys.PRUNE_REQUEST);
  }

  /**
   * Exactly once: a trial whose key already has a FINISHED run under this sweep is not run again (its
   * outcome is that run). Otherwise an earlier attempt still RUNNING is closed FAILED when Quartz
   * recovers this job (that attempt's node died) or its heartbeat is stale.
   */
  private static TrialOutcome finishedOrCloseEarlier(TrackingClient client, RunInfo parent, TrialSpec spec, boolean recovering, String node) {
    String key = spec.key();
    List<RunInfo> attempts = client.searchRuns(RunQuery.in(parent.experimentId())
        .withFilter("tags.mlflow.parentRunId = '" + parent.runId() + "' AND tags." + RunKeys.TRIAL_KEY + " = '" + key + "'"));
    Instant now = Instant.now();
    for (RunInfo run : attempts) {
      if (run.status() == RunStatus.FINISHED) return TrialOutcome.of(run, spec.plan().metric().key());
    }
    for (RunInfo run : attempts) {
      if (run.status() == RunStatus.RUNNING && (recovering || Heartbeat.isStale(run, now))) {
        Heartbeat.close(client, run.runId(), RunStatus.FAILED, "node " + run.tags().getOrDefault(RunKeys.NODE, "unknown")
            + " died (last heartbeat " + Heartbeat.lastBeat(run) + "); job recovered by node " + node + " at " + now);
      }
    }
    return null;
  }

  @Override
  public void interrupt() {
    interrupted = true;
  }

  /** The trial's files live in MLflow once uploaded; the local copy is scratch. */
  private static void deleteQuietly(Path dir) {
    if (dir == null) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Temporary folder: the OS cleans what is left.
    }
  }
}
