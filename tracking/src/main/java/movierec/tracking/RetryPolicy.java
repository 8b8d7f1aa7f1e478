package movierec.tracking;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries with exponential backoff for failures that may pass: connection errors and HTTP 429/5xx.
 * MLflow's 4xx answers are final and surface at once as {@link TrackingException}. A policy with a
 * {@code budget} also gives up once that much time has passed since the first try.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration budget) {

    /** 5 tries over about 7.5 s: rides out a server restart or a busy SQLite lock. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8));

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        this(maxAttempts, initialDelay, maxDelay, null);
    }

    /** Waits out an outage of the server for up to {@code budget}, backing off to one try every 10 s. */
    public static RetryPolicy outage(Duration budget) {
        return new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(500), Duration.ofSeconds(10), budget);
    }

    public RetryPolicy {
        if (budget != null && budget.isNegative()) {
            throw new IllegalArgumentException("budget must be >= 0, got " + budget);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, got " + initialDelay + ", " + maxDelay);
        }
    }

    /** One try of a call; throws {@link IOException} for a failure worth retrying. */
    @FunctionalInterface
    interface Attempt<T> {
        T call() throws IOException, InterruptedException;
    }

    /** An HTTP answer that is worth retrying (429, 5xx). */
    static final class RetryableStatus extends IOException {
        final int status;

        RetryableStatus(int status, String body) {
            super("HTTP " + status + (body.isBlank() ? "" : " " + body.strip()));
            this.status = status;
        }
    }

    <T> T run(String what, Attempt<T> attempt) {
        Duration delay = initialDelay;
        long start = System.nanoTime();
        for (int tries = 1; ; tries++) {
            try {
                return attempt.call();
            } catch (IOException e) {
                if (budget != null && Duration.ofNanos(System.nanoTime() - start).plus(delay).compareTo(budget) > 0) {
                    int status = e instanceof RetryableStatus retryable ? retryable.status : 0;
                    throw new TrackingException(what + " failed: the tracking server stayed unreachable for the outage budget of "
                            + describe(budget) + " (" + describe(e) + ")", status, "", e);
                }
                if (tries >= maxAttempts) {
                    int status = e instanceof RetryableStatus retryable ? retryable.status : 0;
                    throw new TrackingException(what + " failed after " + tries + " tries: " + describe(e), status, "", e);
                }
                if (budget != null) {
                    LOG.warn("{} failed (try {}, waiting up to {} for the server), retrying in {} ms: {}", what, tries, describe(budget),
                            delay.toMillis(), describe(e));
                } else {
                    LOG.warn("{} failed (try {} of {}), retrying in {} ms: {}", what, tries, maxAttempts, delay.toMillis(), describe(e));
                }
                sleep(what, delay);
                delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrackingException(what + " interrupted", e);
            }
        }
    }

    static String describe(Duration d) {
        return d.toSeconds() < 120 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }

    private static String describe(IOException e) {
        if (e instanceof RetryableStatus) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void sleep(String what, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingException(what + " interrupted while waiting to retry", e);
        }
    }
}
