package movierec.runners.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import movierec.tracking.Metric;
import org.junit.jupiter.api.Test;

class SystemMetricsTest {
  @Test
  void aSampleReadsMemoryAndCpuInPlausibleUnitsRoundedToATenth() {
    Map<String, Double> sample = SystemMetrics.sample().stream().collect(Collectors.toMap(Metric::key, Metric::value));
    double totalMb = com.sun.management.OperatingSystemMXBean.class.cast(java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize() / (1024.0 * 1024.0);
    double used = sample.get(SystemMetrics.MEMORY_MB);
    assertTrue(used > 0 && used < 2 * totalMb, "used " + used + " MB of " + totalMb);
    double percent = sample.get(SystemMetrics.MEMORY_PERCENT);
    assertTrue(percent > 0 && percent <= 100, "percent " + percent);
    double heap = sample.get(SystemMetrics.HEAP_MB);
    assertTrue(heap > 0 && heap <= Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0), "heap " + heap);
    assertTrue(sample.get(SystemMetrics.RSS_MB) >= heap * 0.5, "resident set " + sample.get(SystemMetrics.RSS_MB) + " vs heap " + heap);
    assertTrue(sample.get(SystemMetrics.OFF_HEAP_MB) >= 0);
    if (sample.containsKey(SystemMetrics.CPU)) assertTrue(sample.get(SystemMetrics.CPU) <= 100);
    sample.forEach((k, v) -> {
      assertTrue(k.startsWith("system/"), k);
      assertEquals(Math.round(v * 10) / 10.0, v, k + " rounded");
    });
  }
}
