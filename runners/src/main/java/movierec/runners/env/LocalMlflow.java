package movierec.runners.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the tracking server to use: the given URI, else MLFLOW_TRACKING_URI, else the project's local
 * server started (or reused) through {@code infra/mlflow/server.sh}.
 */
public final class LocalMlflow {
  private LocalMlflow() {}

  /** The project folder: where the launcher sets {@code movierec.home}, or the working directory. */
  public static Path home() {
    return Path.of(System.getProperty("movierec.home", ".")).toAbsolutePath().normalize();
  }

  public static String resolve(String explicitUri) throws IOException, InterruptedException {
    if (explicitUri != null && !explicitUri.isBlank()) return explicitUri;
    String env = System.getenv("MLFLOW_TRACKING_URI");
    if (env != null && !env.isBlank()) return env;
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
