package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import movierec.runners.trial.TrialSpec;
import movierec.tracking.MlflowTestServer;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code movierec sweep} process killed with SIGKILL mid-trial, then the same command again: it resumes
 * the sweep, and every trial key ends with exactly one FINISHED run. Heartbeats are shortened to 1 s
 * (grace 20 s) so the dead process's runs go stale within the test. The staleness judgement is the looking
 * process's own, so the too-early second process gets a grace no JVM start-up under load can outlast.
 */
@Tag("mlflow")
@Tag("slow")
class SweepResumeIntegrationTest {
  static final List<String> SHORT_HEARTBEAT = List.of("-Dmovierec.heartbeat.seconds=1", "-Dmovierec.heartbeat.grace.seconds=20");
  static final List<String> LONG_GRACE = List.of("-Dmovierec.heartbeat.seconds=1", "-Dmovierec.heartbeat.grace.seconds=600");

  @TempDir Path dir;

  /** A {@code movierec} process from the test class path, output to a file. */
  static Process movierec(Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "movierec.runners.cli.Main"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static List<RunInfo> children(TrackingClient client, RunInfo parent) {
    return client.searchRuns(RunQuery.in(parent.experimentId()).withFilter("tags.mlflow.parentRunId = '" + parent.runId() + "'"));
  }

  @Test
  void aKilledSweepResumesAndRunsEveryTrialExactlyOnce() throws Exception {
    String uri = MlflowTestServer.assumeUri();
    String experiment = MlflowTestServer.uniqueName("resume-it");
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, """
        experiment: %s
        dataset: {synthetic: small, seed: 4}
        max_parallel: 1
        models:
          - family: mostpop
          - family: ials
            params: {epochs: 8, factors: [8, 16, 24, 32]}
        """.formatted(experiment));
    List<TrialSpec> trials = SweepConfig.load(file).expand();

    try (TrackingClient client = MlflowTestServer.client()) {
      Process first = movierec(dir.resolve("first.log"), SHORT_HEARTBEAT, "sweep", file.toString(), "--tracking-uri", uri);
      String experimentId = client.getOrCreateExperiment(experiment);
      // Kill once one trial has finished and another has logged an epoch: the worst moment, mid-trial.
      Set<String> finishedBeforeKill = Set.of();
      RunInfo midTrial = null;
      for (int i = 0; i < 600 && midTrial == null; i++) {
        TimeUnit.MILLISECONDS.sleep(200);
        List<RunInfo> runs = client.searchRuns(RunQuery.in(experimentId).withFilter("tags.`movierec.kind` = 'trial'"));
        finishedBeforeKill = runs.stream().filter(r -> r.status() == RunStatus.FINISHED).map(RunInfo::runId).collect(Collectors.toSet());
        midTrial = finishedBeforeKill.isEmpty() ? null
            : runs.stream().filter(r -> r.status() == RunStatus.RUNNING && r.metrics().containsKey(RunKeys.loss("ials", null))).findFirst().orElse(null);
      }
      assertTrue(midTrial != null, "no trial was mid-way: " + Files.readString(dir.resolve("first.log")));
      first.destroyForcibly();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      RunInfo parent = client.searchRuns(RunQuery.in(experimentId).withFilter("tags.`movierec.kind` = 'sweep'")).get(0);
      assertEquals(RunStatus.RUNNING, parent.status(), "a SIGKILLed sweep cannot end its own runs");

      // At once, the parent's heartbeat is still fresh: a second process must not run the same trials beside it.
      Process tooEarly = movierec(dir.resolve("early.log"), LONG_GRACE, "sweep", file.toString(), "--tracking-uri", uri);
      assertTrue(tooEarly.waitFor(120, TimeUnit.SECONDS));
      String early = Files.readString(dir.resolve("early.log"));
      assertEquals(1, tooEarly.exitValue(), early);
      assertTrue(early.contains("still running"), early);

      TimeUnit.SECONDS.sleep(21);
      Process again = movierec(dir.resolve("again.log"), SHORT_HEARTBEAT, "sweep", file.toString(), "--tracking-uri", uri);
      assertTrue(again.waitFor(600, TimeUnit.SECONDS));
      String out = Files.readString(dir.resolve("again.log"), StandardCharsets.UTF_8);
      assertEquals(0, again.exitValue(), out);
      String resumed = out.lines().filter(l -> l.startsWith("resuming sweep " + parent.tags().get(RunKeys.SWEEP_ID))).findFirst().orElse("");
      assertTrue(resumed.contains(finishedBeforeKill.size() + " of " + trials.size() + " trials finished"), out);

      List<RunInfo> children = children(client, parent);
      Map<String, List<RunInfo>> finishedByKey = children.stream().filter(r -> r.status() == RunStatus.FINISHED)
          .collect(Collectors.groupingBy(r -> r.tags().get(RunKeys.TRIAL_KEY)));
      long staleClosed = children.stream().filter(r -> r.tags().containsKey(RunKeys.CLOSED_NOTE)).count();
      long duplicates = finishedByKey.values().stream().mapToLong(l -> l.size() - 1).sum();
      System.out.printf("kill -9 resume: trials %d, child runs %d, finished keys %d, duplicates %d, stale closed %d, finished before kill %d%n",
          trials.size(), children.size(), finishedByKey.size(), duplicates, staleClosed, finishedBeforeKill.size());
      assertEquals(trials.stream().map(TrialSpec::key).collect(Collectors.toSet()), finishedByKey.keySet(), "every trial key FINISHED");
      assertEquals(0, duplicates, "one FINISHED run per trial key");
      Set<String> finishedNow = children.stream().filter(r -> r.status() == RunStatus.FINISHED).map(RunInfo::runId).collect(Collectors.toSet());
      assertTrue(finishedNow.containsAll(finishedBeforeKill), "runs that had finished are kept, not rerun");
      assertEquals(RunStatus.FAILED, client.getRun(midTrial.runId()).status(), "the killed attempt is closed FAILED");
      assertTrue(client.getRun(midTrial.runId()).tags().get(RunKeys.CLOSED_NOTE).startsWith("stale: no heartbeat since"));
      assertTrue(staleClosed >= 1);
      assertTrue(children.stream().noneMatch(r -> r.status() == RunStatus.RUNNING), "no RUNNING run left");
      assertEquals(RunStatus.FINISHED, client.getRun(parent.runId()).status());
    }
  }

  @Test
  void failedTrialsExitOneWithTheirReasonAndTheParentFails() throws Exception {
    String uri = MlflowTestServer.assumeUri();
    Path data = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(data.resolve("train_ratings.csv"), "user,item,time\n1,10,100\n1,11,101\n2,oops,102\n");
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        experiment: %s
        dataset: {path: %s}
        models:
          - family: mostpop
          - family: itemknn
        """.formatted(MlflowTestServer.uniqueName("outcome-it"), data));
    Process sweep = movierec(dir.resolve("bad.log"), List.of(), "sweep", file.toString(), "--tracking-uri", uri);
    assertTrue(sweep.waitFor(300, TimeUnit.SECONDS));
    String out = Files.readString(dir.resolve("bad.log"));
    assertEquals(1, sweep.exitValue(), out);
    List<String> failed = out.lines().filter(l -> l.matches("\\w+-\\d{3} FAILED: .*")).toList();
    assertEquals(2, failed.size(), out);
    assertTrue(failed.get(0).matches("(mostpop|itemknn)-00[01] FAILED: .*train_ratings.csv:4: item: .*"), failed.get(0));
    try (TrackingClient client = MlflowTestServer.client()) {
      String parentId = out.lines().filter(l -> l.startsWith("sweep run ")).findFirst().orElseThrow().replaceAll("sweep run (\\w+) .*", "$1");
      RunInfo parent = client.getRun(parentId);
      assertEquals(RunStatus.FAILED, parent.status(), "a sweep with failed trials does not end FINISHED");
      assertEquals(0.0, parent.metrics().get("trials_finished"));
      assertEquals(2.0, parent.metrics().get("trials_failed"));
    }
  }
}
