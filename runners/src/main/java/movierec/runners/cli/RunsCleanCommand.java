package movierec.runners.cli;

import java.util.List;
import java.util.concurrent.Callable;
import movierec.core.data.InputException;
import movierec.runners.env.LocalMlflow;
import movierec.runners.sweep.Heartbeat;
import movierec.tracking.Credentials;
import movierec.tracking.RunInfo;
import movierec.tracking.TrackingClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec runs clean}: closes sweep and trial runs whose process died (stale heartbeat) FAILED with a note. */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Close RUNNING sweep and trial runs whose heartbeat is older than the grace period FAILED, with a note.")
final class RunsCleanCommand implements Callable<Integer> {
  @Option(names = "--experiment", description = "only this experiment (default: every active one)")
  String experiment;

  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Override
  public Integer call() throws Exception {
    try (TrackingClient client = new TrackingClient(LocalMlflow.resolve(trackingUri), Credentials.fromEnv())) {
      List<String> experiments = experiment == null ? client.activeExperimentIds()
          : List.of(client.findExperiment(experiment).orElseThrow(() -> new InputException("--experiment: no experiment named '" + experiment + "'")));
      if (experiments.isEmpty()) {
        System.out.println("no experiments");
        return 0;
      }
      List<RunInfo> closed = Heartbeat.closeStale(client, "movierec runs clean on " + Heartbeat.thisProcess(), experiments.toArray(String[]::new));
      for (RunInfo r : closed) System.out.printf("closed %s (%s) FAILED: no heartbeat since %s%n", r.runName(), r.runId(), Heartbeat.lastBeat(r));
      System.out.printf("%d stale run%s closed (grace %d s)%n", closed.size(), closed.size() == 1 ? "" : "s", Heartbeat.GRACE.toSeconds());
      return 0;
    }
  }
}
