package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying a journal against the real server: in order, and a second replay changes nothing. */
@Tag("mlflow")
class JournalReplayTest {
    @TempDir Path dir;

    @Test
    void replayingTwiceLeavesTheSameRunAndNoDuplicatePoints() throws Exception {
        Journal journal = Journal.at(dir.resolve("journal"));
        try (TrackingClient client = TrackingClient.durable(MlflowTestServer.assumeUri(), Credentials.fromEnv(), journal, Duration.ofSeconds(60))) {
            String experiment = client.getOrCreateExperiment(MlflowTestServer.uniqueName("journal-replay"));
            String runId = client.startRun(experiment, "journaled", Map.of()).runId();
            List<LogBatch> batches = List.of(
                    new LogBatch(List.of(), Map.of("factors", "32", "seed", "7"), Map.of("phase", "fit")),
                    new LogBatch(List.of(Metric.of("recall_at_10", 0.1, 1), Metric.of("loss", 3.0, 1)), Map.of(), Map.of()),
                    new LogBatch(List.of(Metric.of("recall_at_10", 0.2, 2), Metric.of("loss", 2.0, 2)), Map.of("epochs", "2"), Map.of()),
                    new LogBatch(List.of(Metric.of("best_recall_at_10", 0.2, 0)), Map.of(), Map.of("phase", "done")));
            batches.forEach(b -> journal.append(runId, Journal.Entry.batch(b)));
            journal.append(runId, Journal.Entry.end(RunStatus.FINISHED, System.currentTimeMillis()));
            // The server took the first two entries but their acknowledgement was lost (a crash before the cursor was written).
            try (TrackingClient plain = new TrackingClient(client.trackingUri(), Credentials.fromEnv())) {
                plain.logBatch(runId, List.of(), batches.get(0).params(), batches.get(0).tags());
                plain.logMetrics(runId, batches.get(1).metrics());
            }
            Path copy = Files.createDirectories(dir.resolve("copy"));
            copyFiles(journal.dir(), copy);

            assertEquals(1, client.syncJournal());
            assertTrue(journal.runsWithPending().isEmpty(), "a replayed journal is removed");
            Map<String, Object> first = state(client, runId);

            copyFiles(copy, journal.dir());
            assertEquals(1, client.syncJournal());
            Map<String, Object> second = state(client, runId);

            System.out.printf("journal replay: %d entries replayed twice; state after 1st %s%n", batches.size() + 1, first);
            assertEquals(first, second, "a second replay of the same journal changes nothing");
            assertEquals(RunStatus.FINISHED, first.get("status"));
            assertEquals(Map.of("factors", "32", "seed", "7", "epochs", "2"), first.get("params"));
            assertEquals(Map.of("phase", "done"), Map.of("phase", ((Map<?, ?>) first.get("tags")).get("phase")));
            assertEquals(List.of(1L, 2L), first.get("recall_at_10"), "each step exactly once");
            assertEquals(List.of(1L, 2L), first.get("loss"));
            assertEquals(List.of(0L), first.get("best_recall_at_10"));
        }
    }

    private static Map<String, Object> state(TrackingClient client, String runId) {
        RunInfo run = client.getRun(runId);
        Map<String, Object> state = new TreeMap<>();
        state.put("status", run.status());
        state.put("params", new TreeMap<>(run.params()));
        state.put("tags", new TreeMap<>(run.tags()));
        state.put("end", run.endTime());
        for (String key : List.of("recall_at_10", "loss", "best_recall_at_10")) {
            state.put(key, client.metricHistory(runId, key).stream().map(Metric::step).sorted().toList());
        }
        return state;
    }

    private static void copyFiles(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
