package movierec.runners.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import movierec.runners.sweep.Heartbeat;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code movierec runs clean}: stale sweep and trial runs are closed FAILED with a note, live ones and other kinds are left alone. */
@Tag("mlflow")
class RunsCleanCommandTest {
  @Test
  void closesOnlyRunsWhoseHeartbeatIsOlderThanTheGrace() {
    String uri = MlflowTestServer.assumeUri();
    String experiment = MlflowTestServer.uniqueName("runs-clean");
    try (TrackingClient client = MlflowTestServer.client()) {
      String id = client.getOrCreateExperiment(experiment);
      long old = System.currentTimeMillis() - Heartbeat.GRACE.toMillis() - 60_000;
      RunInfo stale = client.startRun(id, "stale", Map.of(RunKeys.KIND, RunKeys.KIND_TRIAL, RunKeys.HEARTBEAT, Long.toString(old)));
      RunInfo alive = client.startRun(id, "alive", Map.of(RunKeys.KIND, RunKeys.KIND_TRIAL,
          RunKeys.HEARTBEAT, Long.toString(System.currentTimeMillis())));
      RunInfo ensemble = client.startRun(id, "ensemble", Map.of(RunKeys.KIND, RunKeys.KIND_ENSEMBLE, RunKeys.HEARTBEAT, Long.toString(old)));

      assertEquals(0, Main.run("runs", "clean", "--experiment", experiment, "--tracking-uri", uri));

      RunInfo closed = client.getRun(stale.runId());
      assertEquals(RunStatus.FAILED, closed.status());
      assertTrue(closed.tags().get(RunKeys.CLOSED_NOTE).startsWith("stale: no heartbeat since"), closed.tags().toString());
      assertEquals(RunStatus.RUNNING, client.getRun(alive.runId()).status());
      assertEquals(RunStatus.RUNNING, client.getRun(ensemble.runId()).status());
      client.endRun(alive.runId(), RunStatus.FINISHED);
      client.endRun(ensemble.runId(), RunStatus.FINISHED);
    }
  }
}
