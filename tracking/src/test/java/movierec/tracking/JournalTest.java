package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir Path dir;

    @Test
    void entriesComeBackInOrderAndGoOnceAllAreAcknowledged() {
        Journal journal = Journal.at(dir);
        journal.append("run1", Journal.Entry.batch(new LogBatch(List.of(Metric.of("loss", Double.NaN, 1),
                Metric.of("best_loss", 0.5, 0).forModel("m-1")), Map.of("a", "1"), Map.of())));
        journal.append("run1", Journal.Entry.end(RunStatus.FINISHED, 42));
        List<Journal.Entry> entries = journal.entries("run1");
        assertEquals(2, entries.size());
        assertEquals(Map.of("a", "1"), entries.get(0).params());
        assertTrue(Double.isNaN(entries.get(0).metrics().get(0).value()), "NaN survives the JSON line");
        assertEquals(null, entries.get(0).metrics().get(0).modelId());
        assertEquals("m-1", entries.get(0).metrics().get(1).modelId(), "the logged model a value describes survives too");
        assertEquals(RunStatus.FINISHED, entries.get(1).endStatus());
        assertEquals(List.of("run1"), journal.runsWithPending());

        journal.ack("run1", 1);
        assertEquals(1, journal.acked("run1"));
        assertTrue(journal.hasPending("run1"));
        journal.ack("run1", 2);
        assertFalse(journal.hasPending("run1"));
        assertEquals(0, journal.acked("run1"));
        assertEquals(List.of(), journal.runsWithPending());
    }

    @Test
    void aTornLastLineFromACrashIsDroppedButATornMiddleLineIsAnError() throws Exception {
        Journal journal = Journal.at(dir);
        journal.append("run2", Journal.Entry.end(RunStatus.KILLED, 1));
        Path file = dir.resolve("run2.jsonl");
        Files.writeString(file, "{\"writtenMs\":1,\"metr", StandardOpenOption.APPEND);
        assertEquals(1, journal.entries("run2").size());
        Files.writeString(file, "\n{\"writtenMs\":2}\n", StandardOpenOption.APPEND);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal.entries("run2"));
        assertTrue(e.getMessage().startsWith(file + ":2: entry:"), e.getMessage());
    }

    @Test
    void aCallThatNeedsAnAnswerGivesUpWithOneLineWhenTheBudgetIsSpent() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (TrackingClient client = TrackingClient.durable("http://127.0.0.1:" + port, Credentials.NONE, Journal.at(dir),
                Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            TrackingException e = assertThrows(TrackingException.class, () -> client.getRun("abc"));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(e.getMessage().startsWith("get run abc failed: the tracking server stayed unreachable for the outage budget of 1 s"),
                    e.getMessage());
            assertTrue(seconds < 5, "gave up after " + seconds + " s");
        }
    }
}
