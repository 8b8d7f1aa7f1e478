package movierec.runners.env;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import movierec.core.data.InputException;
import movierec.tracking.Credentials;
import movierec.tracking.MlflowLinks;
import movierec.tracking.TrackingClient;

/**
 * Finds the tracking server to use: the given URI, else MLFLOW_TRACKING_URI, else the project's local
 * server started (or reused) through {@code infra/mlflow/server.sh}.
 */
public final class LocalMlflow {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private LocalMlflow() {}

  /** The project folder: where the launcher sets {@code movierec.home}, or the working directory. */
  public static Path home() {
    return Path.of(System.getProperty("movierec.home", ".")).toAbsolutePath().normalize();
  }

  /**
   * The URI to use; a given one (option or environment) is checked first with one quick request, so
   * that an unreachable server or rejected credentials are a one-line input error, not a stack trace
   * after the client's retries.
   */
  public static String resolve(String explicitUri) throws IOException, InterruptedException {
    if (explicitUri != null && !explicitUri.isBlank()) return checked(explicitUri, "--tracking-uri");
    String env = System.getenv(TrackingClient.TRACKING_URI_ENV);
    if (env != null && !env.isBlank()) return checked(env, TrackingClient.TRACKING_URI_ENV);
    Path script = home().resolve("infra/mlflow/server.sh");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("no tracking server: set MLFLOW_TRACKING_URI or --tracking-uri (no " + script + " to start one)");
    }
    System.err.println("using the local MLflow server (infra/mlflow/server.sh start: starts it if needed; the first start installs it)");
    Process p = new ProcessBuilder("bash", script.toString(), "start").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) throw new IllegalStateException("infra/mlflow/server.sh start failed (exit " + p.exitValue() + ")");
    String[] lines = out.split("\n");
    return lines[lines.length - 1].trim();
  }

  private static String checked(String uri, String source) throws InterruptedException {
    URI parsed;
    try {
      parsed = new URI(uri.replaceAll("/+$", "") + "/api/2.0/mlflow/experiments/search?max_results=1");
    } catch (URISyntaxException e) {
      throw new InputException(source + ": not a URI: " + MlflowLinks.redact(uri));
    }
    // Anything but http(s) is left to TrackingClient, which says what it accepts.
    if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) return uri;
    HttpRequest.Builder request = HttpRequest.newBuilder(withoutUserInfo(parsed)).timeout(PROBE_TIMEOUT).GET();
    Credentials.fromEnv().authorizationHeader().ifPresent(h -> request.header("Authorization", h));
    int status;
    try {
      status = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new InputException(source + ": cannot reach an MLflow server at " + MlflowLinks.redact(uri) + " (" + describe(e)
          + "); start the local one with infra/mlflow/server.sh start, or leave " + source + " unset to use it");
    }
    if (status == 401 || status == 403) {
      String user = System.getenv(Credentials.USERNAME_ENV);
      throw new InputException(source + ": authentication failed for user " + (user == null ? "(none: set " + Credentials.USERNAME_ENV + " and "
          + Credentials.PASSWORD_ENV + ")" : user) + " at " + MlflowLinks.redact(uri) + " (HTTP " + status + ")");
    }
    return uri;
  }

  private static URI withoutUserInfo(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) return "connection refused";
    if (e instanceof java.net.http.HttpTimeoutException) return "no answer within " + PROBE_TIMEOUT.toSeconds() + " s";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The commit the code runs from, or "unknown" outside a git checkout. */
  public static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "-C", home().toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? out : "unknown";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }
}
