package movierec.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * How to authenticate to the MLflow server: nothing (local server), basic auth (server run with
 * {@code --app-name basic-auth}) or a bearer token. Secrets never appear in {@link #toString()}.
 */
public final class Credentials {

    public static final String USERNAME_ENV = "MLFLOW_TRACKING_USERNAME";
    public static final String PASSWORD_ENV = "MLFLOW_TRACKING_PASSWORD";
    public static final String TOKEN_ENV = "MLFLOW_TRACKING_TOKEN";

    public static final Credentials NONE = new Credentials(null, null, null);

    private final String username;
    private final String password;
    private final String token;

    private Credentials(String username, String password, String token) {
        this.username = username;
        this.password = password;
        this.token = token;
    }

    public static Credentials basic(String username, String password) {
        requireNonBlank(username, "username");
        requireNonBlank(password, "password");
        return new Credentials(username, password, null);
    }

    public static Credentials token(String token) {
        requireNonBlank(token, "token");
        return new Credentials(null, null, token);
    }

    /** From the variables MLflow's own clients read. */
    public static Credentials fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Basic auth wins over a token when both are set, as in MLflow's Python and Java clients. */
    public static Credentials fromEnv(Map<String, String> env) {
        String user = blankToNull(env.get(USERNAME_ENV));
        String pass = blankToNull(env.get(PASSWORD_ENV));
        if ((user == null) != (pass == null)) {
            throw new IllegalArgumentException(
                    (user == null ? PASSWORD_ENV : USERNAME_ENV) + " is set but "
                            + (user == null ? USERNAME_ENV : PASSWORD_ENV) + " is not");
        }
        if (user != null) {
            return basic(user, pass);
        }
        String tok = blankToNull(env.get(TOKEN_ENV));
        return tok == null ? NONE : token(tok);
    }

    /** The {@code Authorization} header value, if any credentials are set. */
    public Optional<String> authorizationHeader() {
        if (username != null) {
            String pair = username + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.ofNullable(token).map(t -> "Bearer " + t);
    }

    /** The same credentials in the form {@link org.mlflow.tracking.MlflowClient} takes. */
    BasicMlflowHostCreds toHostCreds(String trackingUri) {
        if (username != null) {
            return new BasicMlflowHostCreds(trackingUri, username, password);
        }
        return token == null ? new BasicMlflowHostCreds(trackingUri) : new BasicMlflowHostCreds(trackingUri, token);
    }

    @Override
    public String toString() {
        if (username != null) {
            return "Credentials[basic, username=" + username + ", password=***]";
        }
        return token == null ? "Credentials[none]" : "Credentials[token=***]";
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
