package movierec.tracking;

import java.util.Objects;

/** One metric point as MLflow stores it; charts plot {@code value} against {@code step}. */
public record Metric(String key, double value, long timestampMs, long step) {

    public Metric {
        Objects.requireNonNull(key, "key");
    }

    /** A point stamped with the current time. */
    public static Metric of(String key, double value, long step) {
        return new Metric(key, value, System.currentTimeMillis(), step);
    }
}
