package movierec.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One metric point as MLflow stores it; charts plot {@code value} against {@code step}.
 *
 * @param modelId the MLflow 3 logged model the value describes (its page lists it), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metric(String key, double value, long timestampMs, long step, String modelId) {

    public Metric {
        Objects.requireNonNull(key, "key");
    }

    public Metric(String key, double value, long timestampMs, long step) {
        this(key, value, timestampMs, step, null);
    }

    /** A point stamped with the current time. */
    public static Metric of(String key, double value, long step) {
        return new Metric(key, value, System.currentTimeMillis(), step);
    }

    /** The same point, attributed to a logged model. */
    public Metric forModel(String id) {
        return new Metric(key, value, timestampMs, step, id);
    }
}
