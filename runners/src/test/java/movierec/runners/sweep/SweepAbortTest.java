package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** What Ctrl-C does (the CLI's shutdown hook calls abort): running trials and the sweep end KILLED. */
@Tag("mlflow")
class SweepAbortTest {
  @TempDir Path dir;

  @Test
  void abortEndsRunningTrialsAndTheParentKilled() throws Exception {
    Path file = dir.resolve("slow.yaml");
    Files.writeString(file, """
        experiment: %s
        dataset: {synthetic: small, seed: 1}
        models:
          - family: ials
            params: {epochs: 500, factors: [16, 32]}
        """.formatted(MlflowTestServer.uniqueName("abort-it")));
    try (TrackingClient client = MlflowTestServer.client()) {
      SweepRunner runner = new SweepRunner(client, "test");
      CompletableFuture<SweepRunner.Summary> sweep = CompletableFuture.supplyAsync(() -> {
        try {
          return runner.run(SweepConfig.load(file), Schedulers.inMemory(1), (o, d, t, b) -> {});
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      String experimentId = client.getOrCreateExperiment(SweepConfig.load(file).experiment());
      List<RunInfo> running = List.of();
      for (int i = 0; i < 120 && running.isEmpty(); i++) {
        TimeUnit.MILLISECONDS.sleep(500);
        running = client.searchRuns(RunQuery.in(experimentId).withFilter("tags.`movierec.kind` = 'trial' AND attributes.status = 'RUNNING'"));
      }
      assertEquals(1, running.size(), "one trial runs at a time");
      runner.abort();
      SweepRunner.Summary summary = sweep.get(60, TimeUnit.SECONDS);

      assertEquals(RunStatus.KILLED, client.getRun(summary.parent().runId()).status());
      assertEquals(RunStatus.KILLED, client.getRun(running.get(0).runId()).status());
      List<RunInfo> trials = client.searchRuns(RunQuery.in(experimentId).withFilter("tags.`movierec.kind` = 'trial'"));
      assertTrue(trials.size() <= 2 && trials.stream().noneMatch(r -> r.status() == RunStatus.RUNNING), "no trial left running: " + trials);
    }
  }
}
