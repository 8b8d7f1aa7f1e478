package movierec.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.MathContext;
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

    /** Significant digits of {@link #rounded} points: finer than any difference a metric or a timing here can show. */
    public static final int SIGNIFICANT_DIGITS = 6;

    /**
     * A point of a computed value (a metric, a loss, a duration) stamped now, rounded to {@value
     * #SIGNIFICANT_DIGITS} significant digits so that the UI and the tables read 0.232233 rather than
     * 0.23223333333333334.
     */
    public static Metric rounded(String key, double value, long step) {
        return of(key, round(value), step);
    }

    static double round(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS)).doubleValue();
    }

    /** The same point, attributed to a logged model. */
    public Metric forModel(String id) {
        return new Metric(key, value, timestampMs, step, id);
    }
}
