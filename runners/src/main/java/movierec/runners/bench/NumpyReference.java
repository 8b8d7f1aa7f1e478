package movierec.runners.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code runners/bench/ease_numpy.py}, {@code puresvd_scipy.py}, {@code itemknn_scipy.py}, {@code ials_implicit.py} and
 * {@code bpr_implicit.py} in the project's {@code .venv-bench/} (made or updated by
 * {@code runners/bench/setup-venv.sh}, with pinned numpy, scipy and implicit) and reads the timings it prints.
 */
final class NumpyReference {
  static final String SCRIPT = "runners/bench/ease_numpy.py";
  static final String PURESVD_SCRIPT = "runners/bench/puresvd_scipy.py";
  static final String IALS_SCRIPT = "runners/bench/ials_implicit.py";
  static final String ITEMKNN_SCRIPT = "runners/bench/itemknn_scipy.py";
  static final String BPR_SCRIPT = "runners/bench/bpr_implicit.py";
  static final String SETUP = "runners/bench/setup-venv.sh";
  static final String VENV_PYTHON = ".venv-bench/bin/python";

  /** Seconds of each part of the numpy fit; {@code fitSeconds} is gram + inverse + weights (loading excluded, as on the Java side). */
  record Fit(double fitSeconds, double gramSeconds, double inverseSeconds, double weightsSeconds, String dtype, String numpyVersion,
      String scipyVersion) {}

  private NumpyReference() {}

  static Fit fitEase(Path home, Path ratings, double lambda) throws IOException, InterruptedException {
    JsonNode json = run(home, SCRIPT, "--ratings", ratings.toString(), "--lambda", Double.toString(lambda));
    JsonNode s = json.get("seconds");
    return new Fit(s.get("fit").asDouble(), s.get("gram").asDouble(), s.get("inverse").asDouble(), s.get("weights").asDouble(),
        json.get("dtype").asText(), json.get("numpy").asText(), json.get("scipy").asText());
  }

  /** Seconds of scipy's {@code svds} of X and the user factors X V (loading excluded). */
  static double fitPureSvd(Path home, Path ratings, int factors) throws IOException, InterruptedException {
    return run(home, PURESVD_SCRIPT, "--ratings", ratings.toString(), "--factors", Integer.toString(factors)).get("seconds").get("fit").asDouble();
  }

  /** The reference iALS fit in {@code implicit}: seconds (loading excluded) and the Python process's peak RSS. */
  record ImplicitFit(double fitSeconds, long peakRssMb, String version) {}

  static ImplicitFit fitIals(Path home, Path ratings, int factors, double regularization, double alpha, int iterations)
      throws IOException, InterruptedException {
    JsonNode json = run(home, IALS_SCRIPT, "--ratings", ratings.toString(), "--factors", Integer.toString(factors), "--regularization",
        Double.toString(regularization), "--alpha", Double.toString(alpha), "--iterations", Integer.toString(iterations));
    return new ImplicitFit(json.get("seconds").get("fit").asDouble(), json.get("peak_rss_mb").asLong(), json.get("implicit").asText());
  }

  /** The reference BPR fit in {@code implicit}, same factors, learning rate, regularization and epochs. */
  static ImplicitFit fitBpr(Path home, Path ratings, int factors, double learningRate, double regularization, int iterations)
      throws IOException, InterruptedException {
    JsonNode json = run(home, BPR_SCRIPT, "--ratings", ratings.toString(), "--factors", Integer.toString(factors), "--learning-rate",
        Double.toString(learningRate), "--regularization", Double.toString(regularization), "--iterations", Integer.toString(iterations));
    return new ImplicitFit(json.get("seconds").get("fit").asDouble(), json.get("peak_rss_mb").asLong(), json.get("implicit").asText());
  }

  /** Seconds of the numpy/scipy cosine kNN's fit and of its evaluation (every user scored, seen masked, top 10), and its peak RSS. */
  record KnnRun(double fitSeconds, double evaluationSeconds, long peakRssMb, String scipyVersion) {}

  static KnnRun itemKnn(Path home, Path ratings, int k, double shrink) throws IOException, InterruptedException {
    JsonNode json = run(home, ITEMKNN_SCRIPT, "--ratings", ratings.toString(), "--k", Integer.toString(k), "--shrink", Double.toString(shrink));
    JsonNode s = json.get("seconds");
    return new KnnRun(s.get("fit").asDouble(), s.get("evaluation").asDouble(), json.get("peak_rss_mb").asLong(), json.get("scipy").asText());
  }

  private static JsonNode run(Path home, String script, String... args) throws IOException, InterruptedException {
    // The setup is idempotent: a no-op (about a second) once the pinned versions are installed.
    int setup = new ProcessBuilder("bash", home.resolve(SETUP).toString()).inheritIO().start().waitFor();
    if (setup != 0) throw new IOException(SETUP + " failed (exit " + setup + ")");
    List<String> command = new ArrayList<>(List.of(home.resolve(VENV_PYTHON).toString(), home.resolve(script).toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException(script + " exited with " + p.exitValue());
    return new ObjectMapper().readTree(output);
  }
}
