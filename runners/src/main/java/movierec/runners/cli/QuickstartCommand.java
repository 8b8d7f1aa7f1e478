package movierec.runners.cli;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import movierec.runners.env.LocalMlflow;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.sweep.SweepRunner;
import movierec.runners.sweep.TrialOutcome;
import movierec.tracking.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec quickstart}: the quickstart sweep on synthetic data, then the best run of each family. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Run experiments/quickstart.yaml (synthetic data, a few families) with a local MLflow server and print the best run per family.")
final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Option(names = "--config", description = "sweep file (default: experiments/quickstart.yaml in the project)")
  Path config;

  @Override
  public Integer call() throws Exception {
    Path file = config != null ? config : LocalMlflow.home().resolve("experiments/quickstart.yaml");
    SweepConfig sweep = SweepConfig.load(file);
    SweepRunner.Summary summary = SweepCommand.run(sweep, trackingUri, null, null);
    if (summary == null) return Main.FAILURE;
    Map<String, TrialOutcome> best = new LinkedHashMap<>();
    summary.outcomes().stream().filter(o -> o.status() == RunStatus.FINISHED)
        .sorted(Comparator.comparingDouble(TrialOutcome::metric).reversed())
        .forEach(o -> best.putIfAbsent(o.family(), o));
    System.out.printf("%nbest run per family (validation %s):%n", sweep.metric());
    System.out.printf("  %-12s %-10s %s%n", "family", "metric", "run id");
    best.values().forEach(o -> System.out.printf("  %-12s %-10.4f %s%n", o.family(), o.metric(), o.runId()));
    return summary.count(RunStatus.FAILED) == 0 ? 0 : Main.FAILURE;
  }
}
