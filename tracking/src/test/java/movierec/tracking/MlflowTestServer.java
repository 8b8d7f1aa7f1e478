package movierec.tracking;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The switch for tests that need a real MLflow server, shared with other modules through the
 * test-jar: {@code mvn test -Dmlflow.test.uri=$(infra/mlflow/server.sh uri)} turns them on; without
 * it they are skipped on a developer's machine and fail under CI ({@link #requireService}).
 */
public final class MlflowTestServer {

    public static final String PROPERTY = "mlflow.test.uri";

    private MlflowTestServer() {
    }

    /** The server to test against, if one was given. */
    public static Optional<String> uri() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).filter(uri -> !uri.isBlank());
    }

    /** Skips (fails under CI) the calling test unless a server was given; returns its uri. */
    public static String assumeUri() {
        Optional<String> uri = uri();
        requireService(uri.isPresent(), "no MLflow server: set -D" + PROPERTY + "=http://127.0.0.1:PORT");
        return uri.get();
    }

    /**
     * A test whose service (MLflow server, PostgreSQL, browser) is missing is skipped on a
     * developer's machine but fails under CI ({@code CI=true}), so CI never passes by skipping.
     */
    public static void requireService(boolean present, String missing) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(missing + " (CI=true: a missing service fails the test)");
        }
        Assumptions.assumeTrue(false, missing);
    }

    /** A client for the test server (credentials from the environment); skips the test without one. */
    public static TrackingClient client() {
        return new TrackingClient(assumeUri(), Credentials.fromEnv());
    }

    /** An experiment name no earlier run of the tests used, so reruns on one server do not collide. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
