package movierec.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A write-ahead log of tracking writes the server did not take: one append-only JSON-lines file per
 * run ({@code RUN_ID.jsonl}, each line fsync'd) and a cursor ({@code RUN_ID.acked}, the number of
 * entries the server acknowledged, replaced atomically). A run's files go once every entry is acked.
 * Replays of one run exclude each other, in this process and across processes ({@code RUN_ID.lock}).
 * One instance per directory ({@link #at}), so that every client of a process shares its locks.
 */
public final class Journal {

    /** Where journals live unless {@link #DIR_ENV} says otherwise: {@code ~/.movierec/journal}. */
    public static final String DIR_ENV = "MOVIEREC_JOURNAL_DIR";
    private static final String ENTRIES = ".jsonl";
    private static final String CURSOR = ".acked";
    private static final Pattern RUN_ID = Pattern.compile("[\\w-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One write to a run: a log-batch within MLflow's limits, or the run's end.
     *
     * @param endStatus null unless this ends the run
     */
    public record Entry(long writtenMs, List<Metric> metrics, Map<String, String> params, Map<String, String> tags,
            RunStatus endStatus, long endTimeMs) {
        static Entry batch(LogBatch batch) {
            return new Entry(System.currentTimeMillis(), batch.metrics(), batch.params(), batch.tags(), null, 0);
        }

        static Entry end(RunStatus status, long endTimeMs) {
            return new Entry(System.currentTimeMillis(), List.of(), Map.of(), Map.of(), status, endTimeMs);
        }
    }

    private static final String LOCK = ".lock";
    private static final Map<Path, Journal> BY_DIR = new ConcurrentHashMap<>();

    private final Path dir;
    private final Map<String, ReentrantLock> replayLocks = new ConcurrentHashMap<>();

    private Journal(Path dir) {
        this.dir = dir;
    }

    /** The journal in {@code dir}. */
    public static Journal at(Path dir) {
        return BY_DIR.computeIfAbsent(dir.toAbsolutePath().normalize(), Journal::new);
    }

    /** The directory from {@value #DIR_ENV}, else {@code ~/.movierec/journal}. */
    public static Journal fromEnv() {
        String env = System.getenv(DIR_ENV);
        return at(env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".movierec", "journal"));
    }

    public Path dir() {
        return dir;
    }

    /** Appends one entry and forces it to disk before returning. */
    synchronized void append(String runId, Entry entry) {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a journal entry for run " + runId, e);
        }
        try {
            Files.createDirectories(dir);
            try (FileChannel out = FileChannel.open(file(runId, ENTRIES), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tracking journal " + file(runId, ENTRIES), e);
        }
    }

    /** Whether the run has entries the server has not acknowledged. */
    synchronized boolean hasPending(String runId) {
        return Files.exists(file(runId, ENTRIES));
    }

    /** Every entry of the run, acknowledged or not; a torn last line (a crash mid-append) is dropped. */
    synchronized List<Entry> entries(String runId) {
        Path path = file(runId, ENTRIES);
        if (!Files.exists(path)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tracking journal " + path, e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                entries.add(JSON.readValue(lines.get(i), Entry.class));
            } catch (JsonProcessingException e) {
                if (i < lines.size() - 1) {
                    throw new IllegalStateException(path + ":" + (i + 1) + ": entry: not a journal entry: " + e.getOriginalMessage());
                }
            }
        }
        return entries;
    }

    /** How many of the run's entries the server acknowledged. */
    synchronized int acked(String runId) {
        Path path = file(runId, CURSOR);
        try {
            return Files.exists(path) ? Integer.parseInt(Files.readString(path).strip()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal cursor " + path, e);
        }
    }

    /**
     * Records that the first {@code count} entries reached the server; when that is all of them the
     * run's journal is removed, so later writes go straight to the server again.
     */
    synchronized void ack(String runId, int count) {
        try {
            if (count >= entries(runId).size()) {
                Files.deleteIfExists(file(runId, ENTRIES));
                Files.deleteIfExists(file(runId, CURSOR));
                return;
            }
            Path tmp = file(runId, CURSOR + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(Integer.toString(count).getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            Files.move(tmp, file(runId, CURSOR), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal cursor " + file(runId, CURSOR), e);
        }
    }

    /** Runs with unacknowledged entries, by run id. */
    synchronized List<String> runsWithPending() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(ENTRIES))
                    .sorted()
                    .map(p -> p.getFileName().toString())
                    .map(name -> name.substring(0, name.length() - ENTRIES.length()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the tracking journal " + dir, e);
        }
    }

    /**
     * Runs {@code replay} unless another thread or process is replaying the run; returns whether it ran.
     */
    boolean tryReplay(String runId, Runnable replay) {
        ReentrantLock local = replayLocks.computeIfAbsent(runId, id -> new ReentrantLock());
        if (!local.tryLock()) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file(runId, LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return false;
            }
            replay.run();
            if (!hasPending(runId)) {
                Files.deleteIfExists(file(runId, LOCK));
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the tracking journal " + file(runId, LOCK), e);
        } finally {
            local.unlock();
        }
    }

    private Path file(String runId, String suffix) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return dir.resolve(runId + suffix);
    }
}
