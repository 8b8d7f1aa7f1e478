package movierec.runners.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import movierec.core.data.InputException;
import movierec.runners.env.LocalMlflow;
import movierec.runners.sweep.Schedulers;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.sweep.SweepRunner;
import movierec.runners.sweep.TrialProgress;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.Credentials;
import movierec.tracking.Journal;
import movierec.tracking.MlflowLinks;
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

  @Option(names = "--dry-run", description = "print the expanded trials (grid) or the search space and sampler (random, tpe) and exit")
  boolean dryRun;

  @Option(names = "--outage-budget", converter = OutageBudget.class, paramLabel = "DURATION",
      description = "how long to wait for an unreachable MLflow server before giving up, e.g. 90s, 30m, 2h (default 30m); "
          + "writes meanwhile go to the journal (MOVIEREC_JOURNAL_DIR, default ~/.movierec/journal)")
  Duration outageBudget = TrackingClient.DEFAULT_OUTAGE_BUDGET;

  @Option(names = "--format", defaultValue = "text", description = "text, or json: the closing summary as JSON on stdout, progress on stderr "
      + "(default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() throws Exception {
    SweepConfig config = SweepConfig.load(file);
    if (!format.equals("text") && !format.equals("json")) throw new InputException("--format: expected text or json, found '" + format + "'");
    if (dryRun) {
      System.out.printf("%s: experiment %s, %d trials (%s search, metric %s)%n", file, config.experiment(), config.plannedTrials(),
          config.strategy(), config.metric());
      if (config.search().grid()) {
        var trials = config.expand();
        for (int i = 0; i < trials.size(); i++) {
          TrialSpec t = trials.get(i);
          System.out.printf("  %3d  %-10s %s%n", i, t.family(), t.resolved().params());
        }
      } else {
        System.out.print(config.describeSearch());
      }
      return 0;
    }
    SweepRunner.Summary summary;
    try {
      summary = run(config, trackingUri, parallel, schedulerConfig, outageBudget, fresh, format.equals("json"));
    } catch (SweepRunner.StillRunningException | TrackingException e) {
      System.err.println("error: " + e.getMessage());
      return Main.FAILURE;
    }
    return summary != null && summary.complete() ? 0 : Main.FAILURE;
  }

  /** Text output; for quickstart. */
  static SweepRunner.Summary run(SweepConfig config, String trackingUri, Integer parallel, Path schedulerConfig, Duration outageBudget,
      boolean fresh) throws Exception {
    return run(config, trackingUri, parallel, schedulerConfig, outageBudget, fresh, false);
  }

  /**
   * Runs (or resumes) a sweep with its console (a line per trial, epoch progress, a closing summary
   * with the best trial's pull command and every failure's reason). With {@code json} the summary is
   * JSON on stdout and everything else goes to stderr. Writes journaled during an outage are replayed before it returns.
   *
   * @throws TrackingException when the server stayed away for longer than {@code outageBudget}
   */
  static SweepRunner.Summary run(SweepConfig config, String trackingUri, Integer parallel, Path schedulerConfig, Duration outageBudget,
      boolean fresh, boolean json) throws Exception {
    if (parallel != null && parallel < 1) throw new InputException("--parallel: must be at least 1, found " + parallel);
    String uri = LocalMlflow.resolve(trackingUri);
    String shownUri = MlflowLinks.redact(uri);
    int threads = parallel != null ? parallel : config.maxParallel();
    Scheduler scheduler = schedulerConfig != null ? Schedulers.fromFile(schedulerConfig, threads) : Schedulers.inMemory(threads);
    int total = config.plannedTrials();
    PrintStream console = json ? System.err : System.out;
    try (TrackingClient client = TrackingClient.durable(uri, Credentials.fromEnv(), Journal.fromEnv(), outageBudget)) {
      SweepRunner runner = new SweepRunner(client, LocalMlflow.gitCommit());
      Thread hook = new Thread(runner::abort, "sweep-abort");
      Runtime.getRuntime().addShutdownHook(hook);
      // A sweep that died during an outage left journaled writes: send them first, so resume sees what its trials recorded.
      int replayed = client.syncJournal();
      if (replayed > 0) console.printf("replayed the journaled writes of %d runs from an earlier process%n", replayed);
      String experimentId = client.getOrCreateExperiment(config.experiment());
      console.printf("sweep %s: %d trials, %d at a time; experiment %s in MLflow: %s%n", config.file(), total, threads, config.experiment(),
          MlflowLinks.experiment(shownUri, experimentId));
      SweepRunner.Summary summary;
      SweepConsole progress = new SweepConsole(console, System.console() != null, config.experiment(), total, config.metric(), true,
          client::getRun, System::nanoTime);
      try (progress; AutoCloseable listening = TrialProgress.listen(config.hash(), progress)) {
        summary = runner.run(config, scheduler, progress, fresh, threads);
      }
      Runtime.getRuntime().removeShutdownHook(hook);
      if (!client.journaledRuns().isEmpty()) console.printf("replaying the journaled writes of %d runs...%n", client.journaledRuns().size());
      client.syncJournal();
      SweepSummary closing = SweepSummary.of(config, summary, progress.lines(), progress.best(), shownUri, trackingUri == null ? null : shownUri);
      if (json) System.out.println(closing.toJson());
      else console.print(closing.text());
      // The search's own line (best trial, pruned, epochs against an unpruned sweep); the summary above is the console's.
      if (!json) console.println(summary.totals().line(config.metric()));
      return summary;
    }
  }
}
