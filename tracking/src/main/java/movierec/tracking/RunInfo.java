package movierec.tracking;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run as search and get return it: identity, state, params, tags and the latest value of each
 * metric. Maps are sorted by key and unmodifiable.
 */
public record RunInfo(
        String runId,
        String experimentId,
        String runName,
        RunStatus status,
        Instant startTime,
        Optional<Instant> endTime,
        Map<String, String> params,
        Map<String, String> tags,
        Map<String, Double> metrics,
        String artifactUri) {

    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(status, "status");
        params = sortedCopy(params);
        tags = sortedCopy(tags);
        metrics = sortedCopy(metrics);
    }

    /** The run this one is nested under in the UI, if any. */
    public Optional<String> parentRunId() {
        return Optional.ofNullable(tags.get(TrackingClient.PARENT_RUN_ID_TAG));
    }

    private static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
