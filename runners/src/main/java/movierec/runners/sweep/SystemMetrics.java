package movierec.runners.sweep;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import movierec.models.NativeMemory;
import movierec.tracking.Metric;
import movierec.tracking.TrackingClient;
import movierec.tracking.TrackingException;

/**
 * System metrics of the running trials, named as MLflow's own system-metrics monitor names them
 * ({@code system/...}, the run page's System metrics tab) plus the JVM heap, the native memory under
 * ND4J and the process's resident set: one sample at a trial's start and every {@link #INTERVAL}
 * (10 s, as MLflow; {@code -Dmovierec.system_metrics.seconds} changes it), step = sample index. They
 * are logged on a timer thread through the client's write path (journaled through an outage like any
 * metric), so a trial waits only for the first; a sample costs a few reads of kernel counters.
 */
final class SystemMetrics {
  static final Duration INTERVAL = Duration.ofSeconds(Long.getLong("movierec.system_metrics.seconds", 10));
  static final String CPU = "system/cpu_utilization_percentage";
  static final String MEMORY_MB = "system/system_memory_usage_megabytes";
  static final String MEMORY_PERCENT = "system/system_memory_usage_percentage";
  static final String HEAP_MB = "system/jvm_heap_used_megabytes";
  static final String OFF_HEAP_MB = "system/nd4j_offheap_megabytes";
  static final String RSS_MB = "system/process_rss_megabytes";
  private static final double MB = 1024.0 * 1024.0;
  private static final Path MEMINFO = Path.of("/proc/meminfo");

  private record Sampled(TrackingClient client, AtomicLong steps) {}

  private static final Map<String, Sampled> SAMPLED = new ConcurrentHashMap<>();
  private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "movierec-system-metrics");
    t.setDaemon(true);
    return t;
  });

  static {
    TIMER.scheduleAtFixedRate(() -> {
      if (SAMPLED.isEmpty()) return;
      List<Metric> sample = sample();
      SAMPLED.forEach((runId, s) -> log(runId, s, sample));
    }, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private SystemMetrics() {}

  /** Samples for {@code runId} now (as the heartbeat beats: the run shows it from its start) and every interval until {@link #stop}. */
  static void start(TrackingClient client, String runId) {
    Sampled s = new Sampled(client, new AtomicLong());
    log(runId, s, sample());
    SAMPLED.put(runId, s);
  }

  static void stop(String runId) {
    SAMPLED.remove(runId);
  }

  private static void log(String runId, Sampled s, List<Metric> sample) {
    long step = s.steps().getAndIncrement();
    try {
      s.client().logMetrics(runId, sample.stream().map(m -> new Metric(m.key(), m.value(), m.timestampMs(), step)).toList());
    } catch (TrackingException e) {
      // A lost sample: the next comes in an interval; the trial's own metrics matter more than these.
    }
  }

  /** One reading of every system metric the machine offers, rounded to 0.1; {@link #log} gives it each run's own step. */
  static List<Metric> sample() {
    List<Metric> m = new ArrayList<>();
    double cpu = OS.getCpuLoad();
    if (cpu >= 0) m.add(Metric.of(CPU, round(100 * cpu), 0));
    long[] memory = totalAndAvailableBytes();
    m.add(Metric.of(MEMORY_MB, round((memory[0] - memory[1]) / MB), 0));
    m.add(Metric.of(MEMORY_PERCENT, round(100.0 * (memory[0] - memory[1]) / memory[0]), 0));
    m.add(Metric.of(HEAP_MB, round(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB), 0));
    m.add(Metric.of(OFF_HEAP_MB, round(NativeMemory.offHeapBytes() / MB), 0));
    m.add(Metric.of(RSS_MB, round(NativeMemory.physicalBytes() / MB), 0));
    return m;
  }

  /**
   * MemTotal and MemAvailable of {@code /proc/meminfo} (what MLflow's psutil reads: page cache is not
   * "used"); elsewhere the JVM's total and free physical memory.
   */
  private static long[] totalAndAvailableBytes() {
    try {
      long total = -1;
      long available = -1;
      for (String line : Files.readAllLines(MEMINFO)) {
        if (line.startsWith("MemTotal:")) total = kilobytes(line);
        if (line.startsWith("MemAvailable:")) available = kilobytes(line);
      }
      if (total > 0 && available >= 0) return new long[] {total, available};
    } catch (IOException | RuntimeException e) {
      // Not Linux, or no /proc: fall back to the JVM's view.
    }
    return new long[] {OS.getTotalMemorySize(), OS.getFreeMemorySize()};
  }

  private static long kilobytes(String line) {
    return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
