package movierec.runners.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import movierec.core.data.InputException;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import movierec.runners.env.LocalMlflow;
import movierec.runners.sweep.Schedulers;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.sweep.SweepRunner;
import movierec.runners.sweep.TrialOutcome;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.Credentials;
import movierec.tracking.Journal;
import movierec.tracking.MlflowLinks;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import movierec.tracking.TrackingException;
import org.quartz.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movierec sweep FILE}: every trial of a sweep file as MLflow runs nested under one sweep run. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run the trials of a sweep file from experiments/ on the Quartz scheduler, tracked in MLflow.")
final class SweepCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "sweep file, e.g. experiments/quickstart.yaml")
  Path file;

  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Option(names = "--parallel", description = "trials at once (overrides max_parallel)")
  Integer parallel;

  @Option(names = "--scheduler", description = "Quartz properties file, e.g. infra/scheduler/quartz-cluster.properties (default: in-memory)")
  Path schedulerConfig;

  @Option(names = "--fresh", description = "start a new sweep even when the newest sweep of this file did not finish (default: resume it)")
  boolean fresh;

  @Option(names = "--dry-run", description = "print the expanded trials and exit")
  boolean dryRun;

  @Option(names = "--outage-budget", converter = OutageBudget.class, paramLabel = "DURATION",
      description = "how long to wait for an unreachable MLflow server before giving up, e.g. 90s, 30m, 2h (default 30m); "
          + "writes meanwhile go to the journal (MOVIEREC_JOURNAL_DIR, default ~/.movierec/journal)")
  Duration outageBudget = TrackingClient.DEFAULT_OUTAGE_BUDGET;

  @Override
  public Integer call() throws Exception {
    SweepConfig config = SweepConfig.load(file);
    var trials = config.expand();
    if (dryRun) {
      System.out.printf("%s: experiment %s, %d trials (%s search, metric %s)%n", file, config.experiment(), trials.size(), config.strategy(), config.metric());
      for (int i = 0; i < trials.size(); i++) {
        TrialSpec t = trials.get(i);
        System.out.printf("  %3d  %-10s %s%n", i, t.family(), t.resolved().params());
      }
      return 0;
    }
    SweepRunner.Summary summary;
    try {
      summary = run(config, trackingUri, parallel, schedulerConfig, outageBudget, fresh);
    } catch (SweepRunner.StillRunningException | TrackingException e) {
      System.err.println("error: " + e.getMessage());
      return Main.FAILURE;
    }
    return summary != null && summary.complete() ? 0 : Main.FAILURE;
  }

  /** A redrawn bar on a terminal; one line per finished trial when output goes to a file or CI log. */
  private static ProgressBar progressBar(String name, int total) {
    ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII);
    if (System.console() == null) return builder.setConsumer(new DelegatingProgressBarConsumer(System.out::println)).build();
    return builder.continuousUpdate().build();
  }

  /**
   * Runs (or resumes) a sweep with a progress bar and prints one line per trial that did not finish;
   * returns null when it was aborted. Shared with quickstart. Writes journaled during an outage are
   * replayed before it returns.
   *
   * @throws TrackingException when the server stayed away for longer than {@code outageBudget}
   */
  static SweepRunner.Summary run(SweepConfig config, String trackingUri, Integer parallel, Path schedulerConfig, Duration outageBudget,
      boolean fresh) throws Exception {
    if (parallel != null && parallel < 1) throw new InputException("--parallel: must be at least 1, found " + parallel);
    String uri = LocalMlflow.resolve(trackingUri);
    int threads = parallel != null ? parallel : config.maxParallel();
    Scheduler scheduler = schedulerConfig != null ? Schedulers.fromFile(schedulerConfig, threads) : Schedulers.inMemory(threads);
    int total = config.expand().size();
    try (TrackingClient client = TrackingClient.durable(uri, Credentials.fromEnv(), Journal.fromEnv(), outageBudget);
        ProgressBar bar = progressBar(config.experiment(), total)) {
      SweepRunner runner = new SweepRunner(client, LocalMlflow.gitCommit());
      Thread hook = new Thread(runner::abort, "sweep-abort");
      Runtime.getRuntime().addShutdownHook(hook);
      // A sweep that died during an outage left journaled writes: send them first, so resume sees what its trials recorded.
      int replayed = client.syncJournal();
      if (replayed > 0) System.out.printf("replayed the journaled writes of %d runs from an earlier process%n", replayed);
      System.out.printf("sweep %s: %d trials, %d at a time; MLflow UI: %s%n", config.file(), total, threads, LocalMlflow.redact(uri));
      SweepRunner.Summary summary = runner.run(config, scheduler, new SweepRunner.Listener() {
        @Override
        public void trialDone(TrialOutcome o, int done, int all, double best) {
          bar.stepTo(done);
          bar.setExtraMessage(String.format("best %s %.4f%s", config.metric(), best, o.status() == RunStatus.FAILED ? " (a trial failed)" : ""));
        }

        @Override
        public void resumed(String sweepId, int finished, int all, int staleClosed) {
          System.out.printf("resuming sweep %s: %d of %d trials finished, %d stale run%s closed%n", sweepId, finished, all, staleClosed,
              staleClosed == 1 ? "" : "s");
        }
      }, fresh);
      Runtime.getRuntime().removeShutdownHook(hook);
      bar.close();
      if (!client.journaledRuns().isEmpty()) {
        System.out.printf("replaying the journaled writes of %d runs...%n", client.journaledRuns().size());
      }
      client.syncJournal();
      long finished = summary.count(RunStatus.FINISHED);
      for (TrialOutcome o : summary.unfinished()) System.out.println(o.failureLine());
      System.out.printf("done in %.0fs: %d of %d trials finished, %d did not. Parent run %s (experiment id %s) %s: %s%n",
          summary.seconds(), finished, summary.trials(), summary.trials() - finished, summary.parent().runId(),
          summary.parent().experimentId(), summary.complete() ? "FINISHED" : "FAILED", MlflowLinks.run(LocalMlflow.redact(uri), summary.parent().experimentId(), summary.parent().runId()));
      return summary;
    }
  }
}
