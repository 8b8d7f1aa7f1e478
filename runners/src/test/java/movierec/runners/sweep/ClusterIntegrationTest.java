package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Two scheduler nodes share a clustered PostgreSQL job store: this JVM submits a sweep and runs trials,
 * a {@code movierec worker} process runs the others. Needs {@code -Dquartz.test.cluster=PROPERTIES}
 * (infra/scheduler/quartz-cluster.properties after infra/scheduler/postgres.sh setup) and the MLflow test server.
 */
@Tag("mlflow")
@Tag("cluster")
class ClusterIntegrationTest {
  @TempDir Path dir;

  /** The cluster's properties under a cluster name of its own, which keeps this test's jobs apart in the shared tables. */
  private Path clusterConfig() throws IOException {
    String clusterConfig = System.getProperty("quartz.test.cluster", "");
    MlflowTestServer.requireService(!clusterConfig.isBlank(), "no clustered job store: set -Dquartz.test.cluster=PROPERTIES");
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(clusterConfig))) {
      props.load(in);
    }
    props.setProperty("org.quartz.scheduler.instanceName", "test-" + UUID.randomUUID());
    Path config = dir.resolve("cluster.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "test cluster");
    }
    return config;
  }

  /** A worker process; returns once it has said it runs, with its scheduler instance id. */
  private record Worker(Process process, String node) {
    static Worker start(Path config, Path log, List<String> jvmOptions) throws Exception {
      Process p = SweepResumeIntegrationTest.movierec(log, jvmOptions, "worker", "--scheduler", config.toString());
      for (int i = 0; i < 600; i++) {
        var started = Files.readAllLines(log).stream().filter(l -> l.startsWith("worker ")).findFirst();
        if (started.isPresent()) return new Worker(p, started.get().split(" ")[1]);
        assertTrue(p.isAlive(), "worker exited: " + Files.readString(log));
        TimeUnit.MILLISECONDS.sleep(100);
      }
      throw new AssertionError("worker did not start: " + Files.readString(log));
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
    }
  }

  /** Waits until a trial on {@code node} has logged an epoch, i.e. is mid-trial. */
  private static RunInfo midTrialOn(TrackingClient client, String experimentId, String node) throws InterruptedException {
    for (int i = 0; i < 1500; i++) {
      var running = client.searchRuns(RunQuery.in(experimentId).withFilter("tags.`movierec.kind` = 'trial' AND attributes.status = 'RUNNING'"))
          .stream().filter(r -> node.equals(r.tags().get(RunKeys.NODE)) && r.metrics().containsKey(RunKeys.loss("ials", null))).findFirst();
      if (running.isPresent()) return running.get();
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("no trial ran on " + node);
  }

  /**
   * Two workers and the submitting node: one worker is SIGKILLed mid-trial, the other SIGTERMed mid-trial
   * later. Quartz recovers both jobs elsewhere; each trial ends with exactly one FINISHED run, none RUNNING.
   */
  @Test
  @Tag("slow")
  void workersKilledOrStoppedMidTrialLeaveOneFinishedRunPerTrial() throws Exception {
    Path config = clusterConfig();
    String experiment = MlflowTestServer.uniqueName("cluster-fault-it");
    Path sweep = dir.resolve("sweep.yaml");
    Files.writeString(sweep, """
        experiment: %s
        dataset: {synthetic: small, seed: 3}
        models:
          - family: ials
            params: {epochs: 8, factors: [8, 12, 16, 20, 24, 28]}
        """.formatted(experiment));
    SweepConfig sweepConfig = SweepConfig.load(sweep);
    Worker killed = Worker.start(config, dir.resolve("worker-a.log"), SweepResumeIntegrationTest.SHORT_HEARTBEAT);
    Worker stopped = Worker.start(config, dir.resolve("worker-b.log"), SweepResumeIntegrationTest.SHORT_HEARTBEAT);
    try (TrackingClient client = MlflowTestServer.client()) {
      String experimentId = client.getOrCreateExperiment(experiment);
      var submitted = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return new SweepRunner(client, "test").run(sweepConfig, Schedulers.fromFile(config, 1), (o, d, t, b) -> {});
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      RunInfo killedRun = midTrialOn(client, experimentId, killed.node());
      killed.process().destroyForcibly();
      RunInfo stoppedRun = midTrialOn(client, experimentId, stopped.node());
      stopped.process().destroy();
      assertTrue(stopped.process().waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the worker");
      assertEquals(RunStatus.KILLED, client.getRun(stoppedRun.runId()).status(), "a stopped worker ends its running trial KILLED");

      SweepRunner.Summary summary = submitted.get(15, TimeUnit.MINUTES);
      var children = client.searchRuns(RunQuery.in(experimentId).withFilter("tags.mlflow.parentRunId = '" + summary.parent().runId() + "'"));
      var finishedByKey = children.stream().filter(r -> r.status() == RunStatus.FINISHED)
          .collect(Collectors.groupingBy(r -> r.tags().get(RunKeys.TRIAL_KEY)));
      long duplicates = finishedByKey.values().stream().mapToLong(l -> l.size() - 1).sum();
      long closed = children.stream().filter(r -> r.tags().containsKey(RunKeys.CLOSED_NOTE)).count();
      System.out.printf("cluster faults: trials %d, child runs %d, finished keys %d, duplicates %d, closed by recovery or stop %d, running %d%n",
          sweepConfig.expand().size(), children.size(), finishedByKey.size(), duplicates, closed,
          children.stream().filter(r -> r.status() == RunStatus.RUNNING).count());
      assertTrue(summary.complete(), "every trial finished: " + summary.unfinished());
      assertEquals(sweepConfig.expand().stream().map(t -> t.key()).collect(Collectors.toSet()), finishedByKey.keySet());
      assertEquals(0, duplicates, "exactly one FINISHED run per trial");
      assertTrue(children.stream().noneMatch(r -> r.status() == RunStatus.RUNNING), "no RUNNING run left");
      RunInfo deadAttempt = client.getRun(killedRun.runId());
      assertEquals(RunStatus.FAILED, deadAttempt.status(), "the SIGKILLed worker's attempt is closed by the recovering node");
      assertTrue(deadAttempt.tags().get(RunKeys.CLOSED_NOTE).contains("node " + killed.node() + " died"), deadAttempt.tags().toString());
      assertEquals(RunStatus.FINISHED, client.getRun(summary.parent().runId()).status());
    } finally {
      for (Worker w : List.of(killed, stopped)) w.stop();
    }
  }

  @Test
  void trialsOfOneSweepRunOnTwoNodes() throws Exception {
    Path config = clusterConfig();
    String experiment = MlflowTestServer.uniqueName("cluster-it");
    Path sweep = dir.resolve("sweep.yaml");
    Files.writeString(sweep, """
        experiment: %s
        dataset: {synthetic: small, seed: 3}
        models:
          - family: itemknn
            params: {k: [10, 20, 30, 40, 50, 60, 70, 80]}
        """.formatted(experiment));

    Worker worker = Worker.start(config, dir.resolve("worker.log"), List.of());
    try {
      try (TrackingClient client = MlflowTestServer.client()) {
        SweepRunner.Summary summary = new SweepRunner(client, "test").run(SweepConfig.load(sweep), Schedulers.fromFile(config, 1),
            (o, d, t, b) -> {});
        assertEquals(8, summary.count(RunStatus.FINISHED));
        Set<String> nodes = client.searchRuns(RunQuery.in(summary.parent().experimentId())
                .withFilter("tags.mlflow.parentRunId = '" + summary.parent().runId() + "'"))
            .stream().map(RunInfo::tags).map(t -> t.get(RunKeys.NODE)).collect(Collectors.toSet());
        assertEquals(2, nodes.size(), "trials ran on: " + nodes);
      }
    } finally {
      worker.stop();
    }
  }

  /** The sampler runs in the submitting process with at most 2 trials in flight; the worker prunes on the sweep's request tag. Epochs long enough that the sweep's 2 s look at MLflow sees them. */
  @Tag("slow")
  @Test
  void aTpeSweepWithAshaRunsAcrossNodesAndPrunesRemoteTrials() throws Exception {
    Path config = clusterConfig();
    String experiment = MlflowTestServer.uniqueName("cluster-tpe-it");
    Path sweep = dir.resolve("sweep.yaml");
    Files.writeString(sweep, """
        experiment: %s
        dataset: {synthetic: small, seed: 3}
        search: {strategy: tpe, trials: 6, startup_trials: 3}
        pruner: {strategy: asha, min_epochs: 1, reduction_factor: 3}
        models:
          - family: ials
            params: {factors: {int: [2, 32], log: true}, regularization: {loguniform: [0.01, 100]}, epochs: 30}
        """.formatted(experiment));
    Worker worker = Worker.start(config, dir.resolve("worker.log"), List.of());
    try {
      try (TrackingClient client = MlflowTestServer.client()) {
        SweepRunner.Summary summary = new SweepRunner(client, "test").run(SweepConfig.load(sweep), Schedulers.fromFile(config, 1),
            (o, d, t, b) -> {}, true, 2);
        assertTrue(summary.complete(), summary.unfinished().toString());
        List<RunInfo> children = client.searchRuns(RunQuery.in(summary.parent().experimentId())
            .withFilter("tags.mlflow.parentRunId = '" + summary.parent().runId() + "'"));
        assertEquals(6, children.size());
        assertEquals(6, children.stream().map(r -> r.tags().get(RunKeys.TRIAL_KEY)).distinct().count());
        List<RunInfo> pruned = children.stream().filter(r -> r.tags().containsKey(RunKeys.PRUNED)).toList();
        assertFalse(pruned.isEmpty(), "ASHA lets only the best of the first trials past epoch 1");
        for (RunInfo r : pruned) {
          assertTrue(r.tags().containsKey(RunKeys.PRUNE_REQUEST), "the sweep's process decided");
          assertTrue(r.metrics().get(RunKeys.EPOCHS_RUN) < 30, "it stopped before its last epoch");
        }
        assertEquals(6, client.metricHistory(summary.parent().runId(), RunKeys.OPTIMIZATION_HISTORY).size());
      }
    } finally {
      worker.stop();
    }
  }
}
