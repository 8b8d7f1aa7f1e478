package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Prints how long logging 10,000 metric points (10 metrics x 1000 epochs) takes against the test
 * server; a figure for the notes, not a timed assertion.
 */
@Tag("mlflow")
class LoggingThroughputTest {

    private static final int METRICS = 10;
    private static final int STEPS = 1000;

    @Test
    void logTenThousandMetricPoints() {
        try (TrackingClient client = MlflowTestServer.client()) {
            String experimentId = client.getOrCreateExperiment(MlflowTestServer.uniqueName("tracking-bench"));
            RunInfo run = client.startRun(experimentId, "bench", Map.of());
            List<Metric> points = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                for (int m = 0; m < METRICS; m++) {
                    points.add(Metric.of("metric_" + m, Math.sin(step + m), step));
                }
            }

            long start = System.nanoTime();
            client.logMetrics(run.runId(), points);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            System.out.printf("logged %d metric points in %d ms (%.0f points/s, %d requests of <= %d)%n",
                    points.size(), elapsedMs, points.size() * 1000.0 / Math.max(1, elapsedMs),
                    (points.size() + MlflowLimits.MAX_METRICS_PER_BATCH - 1) / MlflowLimits.MAX_METRICS_PER_BATCH,
                    MlflowLimits.MAX_METRICS_PER_BATCH);
            assertEquals(STEPS, client.metricHistory(run.runId(), "metric_9").size());
            client.endRun(run.runId(), RunStatus.FINISHED);
        }
    }
}
