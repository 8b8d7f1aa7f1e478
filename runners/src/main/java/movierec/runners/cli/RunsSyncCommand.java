package movierec.runners.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import movierec.runners.env.LocalMlflow;
import movierec.tracking.Credentials;
import movierec.tracking.Journal;
import movierec.tracking.MlflowLinks;
import movierec.tracking.TrackingClient;
import movierec.tracking.TrackingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec runs sync}: replays the writes a sweep journaled while the server was away. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Send the tracking writes kept in the journal (MOVIEREC_JOURNAL_DIR, default ~/.movierec/journal) to MLflow.")
final class RunsSyncCommand implements Callable<Integer> {
  @Option(names = "--tracking-uri", description = "MLflow server; default MLFLOW_TRACKING_URI, else the local server from infra/mlflow")
  String trackingUri;

  @Option(names = "--outage-budget", converter = OutageBudget.class, paramLabel = "DURATION",
      description = "how long to wait for an unreachable server, e.g. 90s, 30m (default 30m)")
  Duration outageBudget = TrackingClient.DEFAULT_OUTAGE_BUDGET;

  @Override
  public Integer call() throws Exception {
    Journal journal = Journal.fromEnv();
    try (TrackingClient client = TrackingClient.durable(LocalMlflow.resolve(trackingUri), Credentials.fromEnv(), journal, outageBudget)) {
      int runs = client.syncJournal();
      System.out.printf("synced %d runs from %s to %s%n", runs, journal.dir(), MlflowLinks.redact(client.trackingUri()));
      return 0;
    } catch (TrackingException e) {
      System.err.println("error: " + e.getMessage());
      return Main.FAILURE;
    }
  }
}
