package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import movierec.tracking.Credentials;
import movierec.tracking.Metric;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RetryPolicy;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracking server goes away for 60 s in the middle of a sweep (its own server, stopped with
 * server.sh): the sweep still exits 0 with every trial FINISHED exactly once and every epoch's point
 * present once, the writes made during the outage having gone through the journal.
 */
@Tag("mlflow")
@Tag("slow")
class OutageIntegrationTest {
  private static final int TRIALS = 6;
  private static final int EPOCHS = 6;
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aSweepRidesOutASixtySecondOutageWithEveryTrialAndPointOnce() throws Exception {
    Path script = serverScript();
    MlflowTestServer.requireService(MlflowTestServer.uri().isPresent() && Files.isExecutable(script.resolveSibling(".venv/bin/mlflow")),
        "no MLflow install for an own server: set -D" + MlflowTestServer.PROPERTY + " and run infra/mlflow/server.sh install");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> serverEnv = Map.of("MLFLOW_PORT", Integer.toString(port), "MLFLOW_DATA_DIR", dir.resolve("mlflow").toString());
    String uri = server(script, serverEnv, "start");
    Process sweep = null;
    try {
      String experiment = MlflowTestServer.uniqueName("outage");
      Path file = dir.resolve("outage.yaml");
      Files.writeString(file, """
          experiment: %s
          dataset: {synthetic: small, seed: 4}
          split: {protocol: holdout, last: 1, random: 9, seed: 1}
          metric: {name: recall_at_10, direction: maximize}
          max_parallel: 2
          max_epochs: %d
          early_stopping: {patience: %d}
          seed: 3
          models:
            - family: bpr
              params: {factors: [16, 24, 32], epochs: %d}
            - family: ials
              params: {factors: [16, 24, 32], epochs: %d}
          """.formatted(experiment, EPOCHS, EPOCHS, EPOCHS, EPOCHS));
      Path log = dir.resolve("sweep.log");
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx1500m", "-Dorg.bytedeco.javacpp.maxbytes=2G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=3G",
          "-cp", System.getProperty("java.class.path"), "movierec.runners.cli.Main",
          "sweep", file.toString(), "--tracking-uri", uri, "--parallel", "2", "--outage-budget", "5m")
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("MOVIEREC_JOURNAL_DIR", dir.resolve("journal").toString());
      long started = System.nanoTime();
      sweep = builder.start();

      long outageStart;
      long outageEnd;
      try (TrackingClient watcher = new TrackingClient(uri, Credentials.fromEnv(), new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1)))) {
        awaitFirstEpochPoint(watcher, experiment, sweep);
        outageStart = System.currentTimeMillis();
        server(script, serverEnv, "stop");
        TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis());
        server(script, serverEnv, "start");
        outageEnd = System.currentTimeMillis();
      }
      assertTrue(sweep.waitFor(4, TimeUnit.MINUTES), "the sweep ended within 4 minutes after the outage");
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println(output.lines().filter(l -> !l.contains("DEBUG")).reduce("", (a, b) -> a + "  | " + b + "\n"));
      assertEquals(0, sweep.exitValue(), "sweep exit code");
      assertTrue(output.contains(TRIALS + " of " + TRIALS + " trials finished, 0 failed"), "summary line");

      try (TrackingClient client = new TrackingClient(uri, Credentials.fromEnv())) {
        String experimentId = client.findExperiment(experiment).orElseThrow();
        List<RunInfo> runs = client.searchRuns(RunQuery.in(experimentId));
        List<RunInfo> trials = runs.stream().filter(r -> RunKeys.KIND_TRIAL.equals(r.tags().get(RunKeys.KIND))).toList();
        long running = runs.stream().filter(r -> r.status() == RunStatus.RUNNING).count();
        long finished = trials.stream().filter(r -> r.status() == RunStatus.FINISHED).count();
        int expected = 0;
        int found = 0;
        int duplicates = 0;
        int duringOutage = 0;
        List<String> wrong = new ArrayList<>();
        for (RunInfo trial : trials) {
          List<Metric> points = client.metricHistory(trial.runId(), "recall_at_10");
          List<Long> steps = points.stream().map(Metric::step).sorted().toList();
          expected += EPOCHS;
          found += points.size();
          duplicates += points.size() - new HashSet<>(steps).size();
          duringOutage += (int) points.stream().filter(p -> p.timestampMs() >= outageStart && p.timestampMs() < outageEnd).count();
          if (!steps.equals(LongStream.rangeClosed(1, EPOCHS).boxed().toList())) wrong.add(trial.runName() + " steps " + steps);
        }
        System.out.printf("outage test: %d trials (%d runs, %d FINISHED, %d RUNNING), recall_at_10 points expected %d found %d "
                + "duplicates %d, logged during the %d s outage %d; sweep took %.0f s%n", TRIALS, trials.size(), finished, running,
            expected, found, duplicates, OUTAGE.toSeconds(), duringOutage, (System.nanoTime() - started) / 1e9);
        assertEquals(TRIALS, trials.size(), "one run per trial");
        assertEquals(TRIALS, finished, "every trial FINISHED");
        assertEquals(0, running, "no RUNNING run");
        assertEquals(List.of(), wrong, "every epoch's point exactly once");
        assertTrue(duringOutage > 0, "training went on during the outage: some points were journaled and replayed");
        RunInfo parent = runs.stream().filter(r -> RunKeys.KIND_SWEEP.equals(r.tags().get(RunKeys.KIND))).findFirst().orElseThrow();
        assertEquals(RunStatus.FINISHED, parent.status(), "parent run");
      }
    } finally {
      if (sweep != null && sweep.isAlive()) sweep.destroyForcibly();
      server(script, serverEnv, "stop");
    }
  }

  /** Waits until some trial has logged its first epoch, so the outage falls in the middle of training. */
  private static void awaitFirstEpochPoint(TrackingClient client, String experiment, Process sweep) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && sweep.isAlive()) {
      var id = client.findExperiment(experiment);
      if (id.isPresent()) {
        for (RunInfo run : client.searchRuns(RunQuery.in(id.get()))) {
          if (run.metrics().containsKey("recall_at_10")) return;
        }
      }
      TimeUnit.MILLISECONDS.sleep(300);
    }
    throw new AssertionError("no trial logged an epoch within 2 minutes (sweep alive: " + sweep.isAlive() + ")");
  }

  private static String server(Path script, Map<String, String> env, String command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), "server.sh " + command);
    String[] lines = out.split("\n");
    return lines[lines.length - 1].trim();
  }

  private static Path serverScript() {
    Path here = Path.of("").toAbsolutePath();
    Path inModule = here.resolveSibling("infra/mlflow/server.sh");
    return Files.isRegularFile(inModule) ? inModule : here.resolve("infra/mlflow/server.sh");
  }
}
