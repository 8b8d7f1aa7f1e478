package movierec.runners.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.Credentials;
import movierec.tracking.Journal;
import movierec.tracking.RunInfo;
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
      outcome = TrackedTrial.run(client, parent, index, spec, workDir,
          () -> interrupted || (progress != null && progress.cancelled), progress == null ? null : progress.runningRuns,
          context.getScheduler().getSchedulerInstanceId());
    } catch (IOException | SchedulerException e) {
      throw new JobExecutionException(e);
    } finally {
      deleteQuietly(workDir);
      if (progress != null) progress.done(outcome);
    }
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
