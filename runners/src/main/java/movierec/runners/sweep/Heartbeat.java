package movierec.runners.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import movierec.tracking.RunInfo;
import movierec.tracking.RunKeys;
import movierec.tracking.RunQuery;
import movierec.tracking.RunStatus;
import movierec.tracking.TrackingClient;
import movierec.tracking.TrackingException;

/**
 * Heartbeats of the runs this process owns (sweep parents, running trials): the {@link RunKeys#HEARTBEAT}
 * tag, epoch ms, refreshed every {@link #INTERVAL}. A RUNNING run whose heartbeat is older than
 * {@link #GRACE} lost its process: resume, cluster recovery and {@code movierec runs clean} close it
 * FAILED with a note. Both periods can be shortened by system property (tests):
 * {@code movierec.heartbeat.seconds}, {@code movierec.heartbeat.grace.seconds}.
 */
public final class Heartbeat {
  public static final Duration INTERVAL = Duration.ofSeconds(Long.getLong("movierec.heartbeat.seconds", 15));
  /** Four missed beats: a slow tracking call or a long GC pause does not make a live run stale. */
  public static final Duration GRACE = Duration.ofSeconds(Long.getLong("movierec.heartbeat.grace.seconds", 4 * INTERVAL.toSeconds()));

  private static final Map<String, TrackingClient> BEATING = new ConcurrentHashMap<>();
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "movierec-heartbeat");
    t.setDaemon(true);
    return t;
  });

  static {
    TIMER.scheduleAtFixedRate(() -> BEATING.forEach(Heartbeat::beat), INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Heartbeat() {}

  /** Beats for {@code runId} now and every interval until {@link #stop}. */
  static void start(TrackingClient client, String runId) {
    beat(runId, client);
    BEATING.put(runId, client);
  }

  static void stop(String runId) {
    BEATING.remove(runId);
  }

  /** A stopping worker: ends every run this process beats for (its running trials) with a note; returns how many. */
  public static int closeOwnRuns(RunStatus status, String note) {
    int closed = 0;
    for (String runId : Set.copyOf(BEATING.keySet())) {
      TrackingClient client = BEATING.remove(runId);
      if (client == null) continue;
      try {
        close(client, runId, status, note);
        closed++;
      } catch (TrackingException e) {
        // Unreachable server: the run goes stale and the job's recovery on another node closes it.
      }
    }
    return closed;
  }

  private static void beat(String runId, TrackingClient client) {
    try {
      client.setTag(runId, RunKeys.HEARTBEAT, Long.toString(System.currentTimeMillis()));
    } catch (TrackingException e) {
      // A missed beat: the next one comes in an interval, and the grace period covers several.
    }
  }

  /** This process, as a note names it: host and pid. */
  public static String thisProcess() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid();
  }

  /** When the run last showed life: its heartbeat, else (older runs) its start. */
  public static Instant lastBeat(RunInfo run) {
    String beat = run.tags().get(RunKeys.HEARTBEAT);
    return beat != null ? Instant.ofEpochMilli(Long.parseLong(beat)) : run.startTime();
  }

  public static boolean isStale(RunInfo run, Instant now) {
    return run.status() == RunStatus.RUNNING && lastBeat(run).plus(GRACE).isBefore(now);
  }

  /** Ends a run that its own process cannot end any more, saying why. */
  public static void close(TrackingClient client, String runId, RunStatus status, String note) {
    client.setTag(runId, RunKeys.CLOSED_NOTE, note);
    client.endRun(runId, status);
  }

  /** Closes the stale sweep and trial runs of some experiments FAILED; returns them. */
  public static java.util.List<RunInfo> closeStale(TrackingClient client, String closer, String... experimentIds) {
    Instant now = Instant.now();
    var stale = client.searchRuns(RunQuery.in(experimentIds).withFilter("attributes.status = 'RUNNING'")).stream()
        .filter(r -> r.tags().containsKey(RunKeys.KIND) && !r.tags().get(RunKeys.KIND).equals(RunKeys.KIND_ENSEMBLE))
        .filter(r -> isStale(r, now)).toList();
    for (RunInfo r : stale) close(client, r.runId(), RunStatus.FAILED, staleNote(r, closer, now));
    return stale;
  }

  static String staleNote(RunInfo run, String closer, Instant now) {
    return "stale: no heartbeat since " + lastBeat(run) + " (process on node " + run.tags().getOrDefault(RunKeys.NODE, "unknown")
        + " gone); closed by " + closer + " at " + now;
  }
}
