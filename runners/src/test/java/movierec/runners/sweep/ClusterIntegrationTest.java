package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void trialsOfOneSweepRunOnTwoNodes() throws Exception {
    String clusterConfig = System.getProperty("quartz.test.cluster", "");
    MlflowTestServer.requireService(!clusterConfig.isBlank(), "no clustered job store: set -Dquartz.test.cluster=PROPERTIES");
    String experiment = MlflowTestServer.uniqueName("cluster-it");

    // A cluster name of its own keeps this run's jobs apart from anything else in the shared tables.
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(clusterConfig))) {
      props.load(in);
    }
    props.setProperty("org.quartz.scheduler.instanceName", "test-" + UUID.randomUUID());
    Path config = dir.resolve("cluster.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "test cluster");
    }
    Path sweep = dir.resolve("sweep.yaml");
    Files.writeString(sweep, """
        experiment: %s
        dataset: {synthetic: small, seed: 3}
        models:
          - family: mostpop
        """.formatted(experiment) + "  - family: mostpop\n".repeat(7));

    Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "movierec.runners.cli.Main", "worker", "--scheduler", config.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("worker ")) {
        // Skip start-up noise until the worker says it runs.
      }
      assertTrue(line != null, "worker exited before it started");
      Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
      drain.setDaemon(true);
      drain.start();

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
      worker.destroy();
      if (!worker.waitFor(15, TimeUnit.SECONDS)) worker.destroyForcibly();
    }
  }
}
