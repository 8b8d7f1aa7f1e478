package movierec.runners.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;
import movierec.runners.search.Assignment;
import movierec.runners.search.Distribution;
import movierec.runners.search.Pruner;
import movierec.runners.search.RandomSampler;
import movierec.runners.search.Sampler;
import movierec.runners.search.Search;
import movierec.runners.search.SearchSpace;
import movierec.runners.search.SearchTrial;
import movierec.runners.search.TpeSampler;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * {@code movierec bench search}: movierec's TPE against Optuna's {@code TPESampler} (pinned in
 * {@code runners/bench/search-requirements.txt}, run by {@code runners/bench/search_optuna.py}, which
 * defines the same functions and spaces) and random search, on Branin, Hartmann-6 and a conditional
 * mixed space, at the same trial budget; prints the median final regret over the repetitions, a
 * Mann-Whitney U test of movierec's regrets against Optuna's, and the time to ask for a trial once 500
 * are finished. Final regrets are bimodal (the global basin or a local minimum), so a median over few
 * repetitions mostly says how many runs fell into which basin: the test says whether a gap is more than that.
 */
public final class SearchBench {
  static final String SCRIPT = "runners/bench/search_optuna.py";
  static final String REQUIREMENTS = "runners/bench/search-requirements.txt";
  static final double ASK_TARGET_MS = 50;

  public record Settings(int trials, int reps, boolean univariate, boolean optuna, Path home) {}

  record Problem(String name, SearchSpace space, ToDoubleFunction<Assignment> objective, double optimum) {}

  private SearchBench() {}

  private static double num(Assignment a, String name) {
    return ((Number) a.params().get(name)).doubleValue();
  }

  static double branin(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] H_A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8},
      {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] H_P = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
      {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

  static double hartmann6(double[] x) {
    double total = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) inner += H_A[i][j] * Math.pow(x[j] - H_P[i][j] * 1e-4, 2);
      total += H_ALPHA[i] * Math.exp(-inner);
    }
    return -total;
  }

  static List<Problem> problems() {
    Map<String, Distribution> hartmann = new LinkedHashMap<>();
    for (int j = 0; j < 6; j++) hartmann.put("x" + j, new Distribution.Uniform(0, 1, false));
    Map<String, Distribution> sphere = new LinkedHashMap<>();
    sphere.put("x", new Distribution.Uniform(-5, 5, false));
    sphere.put("y", new Distribution.Uniform(-5, 5, false));
    sphere.put("n", new Distribution.IntRange(1, 64, true));
    Map<String, Distribution> lr = new LinkedHashMap<>();
    lr.put("lr", new Distribution.Uniform(1e-5, 1, true));
    lr.put("k", new Distribution.Choice(List.of("a", "b", "c")));
    lr.put("depth", new Distribution.IntRange(1, 10, false));
    Map<String, Distribution> branin = new LinkedHashMap<>();
    branin.put("x1", new Distribution.Uniform(-5, 10, false));
    branin.put("x2", new Distribution.Uniform(0, 15, false));
    Map<String, Double> kCost = Map.of("a", 0.3, "b", 0.0, "c", 0.6);
    return List.of(
        new Problem("branin", SearchSpace.builder().family("branin", branin).build(), a -> branin(num(a, "x1"), num(a, "x2")),
            0.397887357729738),
        new Problem("hartmann6", SearchSpace.builder().family("hartmann6", hartmann).build(),
            a -> hartmann6(new double[] {num(a, "x0"), num(a, "x1"), num(a, "x2"), num(a, "x3"), num(a, "x4"), num(a, "x5")}),
            -3.32236801141551),
        new Problem("conditional",
            SearchSpace.builder().family("sphere", sphere).family("lr", lr).family("flat", Map.of("u", new Distribution.Uniform(0, 1, false)))
                .build(),
            a -> switch (a.family()) {
              case "sphere" -> (Math.pow(num(a, "x"), 2) + Math.pow(num(a, "y"), 2)) / 10 + Math.pow(Math.log(num(a, "n")) / Math.log(2) - 3, 2) / 10;
              case "lr" -> 0.3 + Math.pow(Math.log10(num(a, "lr")) + 2.5, 2) / 4 + kCost.get((String) a.params().get("k"))
                  + Math.abs(num(a, "depth") - 4) / 10;
              default -> 1.0 + num(a, "u");
            },
            0.0));
  }

  static Search optimize(Problem p, Sampler sampler, int trials) {
    Search s = new Search(p.space(), sampler, Pruner.NONE, false);
    for (int i = 0; i < trials; i++) {
      SearchTrial t = s.ask();
      s.tell(t.number(), p.objective().applyAsDouble(t.assignment()));
    }
    return s;
  }

  static double[] regrets(Problem p, LongFunction<Sampler> sampler, int trials, int reps) {
    double[] regrets = new double[reps];
    for (int rep = 0; rep < reps; rep++) regrets[rep] = optimize(p, sampler.apply(rep), trials).best().loss() - p.optimum();
    return regrets;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  public static void run(Settings s, PrintStream out) throws IOException, InterruptedException {
    List<String> variants = s.univariate() ? List.of("multivariate", "univariate") : List.of("multivariate");
    JsonNode optuna = s.optuna() ? runOptuna(s, variants) : null;
    if (optuna != null) out.printf("Optuna %s (numpy %s), TPESampler defaults; multivariate = multivariate=True, group=True%n",
        optuna.get("optuna").asText(), optuna.get("numpy").asText());
    out.printf("movierec TPE %s%n", TpeSampler.Settings.DEFAULTS);
    out.printf("median final regret (best value found - optimum) over %d repetitions (seeds 0..%d) of %d trials%n", s.reps(), s.reps() - 1, s.trials());
    out.printf("%-12s %-13s %14s %14s %14s %12s%n", "problem", "tpe variant", "movierec TPE", "Optuna TPE", "random", "p (U test)");
    for (Problem p : problems()) {
      double random = median(regrets(p, RandomSampler::new, s.trials(), s.reps()));
      for (String variant : variants) {
        TpeSampler.Settings settings = TpeSampler.Settings.DEFAULTS.withMultivariate(variant.equals("multivariate"));
        double[] ours = regrets(p, seed -> new TpeSampler(seed, settings), s.trials(), s.reps());
        String theirs = "-";
        String pValue = "-";
        if (optuna != null) {
          double[] best = new double[s.reps()];
          JsonNode values = optuna.get("best").get(p.name() + "/" + variant);
          for (int rep = 0; rep < best.length; rep++) best[rep] = values.get(rep).asDouble() - p.optimum();
          theirs = String.format("%.4g", median(best));
          pValue = String.format("%.3f", new MannWhitneyUTest().mannWhitneyUTest(ours, best));
        }
        out.printf("%-12s %-13s %14.4g %14s %14.4g %12s%n", p.name(), variant, median(ours), theirs, random, pValue);
      }
    }
    if (optuna != null) out.println("p: two-sided Mann-Whitney U test of movierec's final regrets against Optuna's (small: the samplers differ)");
    double askMs = askMillis(problems().get(1), 500);
    out.printf("ask latency, hartmann6 with 500 finished trials: movierec TPE %.2f ms (median of 20; target < %.0f ms: %s)%s%n", askMs,
        ASK_TARGET_MS, askMs < ASK_TARGET_MS ? "met" : "NOT met",
        optuna != null ? String.format(", Optuna %.2f ms", optuna.get("ask_ms_median").asDouble()) : "");
  }

  static double askMillis(Problem p, int finished) {
    Search search = optimize(p, new TpeSampler(0, TpeSampler.Settings.DEFAULTS), finished);
    double[] ms = new double[20];
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      SearchTrial t = search.ask();
      ms[i] = (System.nanoTime() - start) / 1e6;
      search.tell(t.number(), p.objective().applyAsDouble(t.assignment()));
    }
    return median(ms);
  }

  private static JsonNode runOptuna(Settings s, List<String> variants) throws IOException, InterruptedException {
    Path python = s.home().resolve(NumpyReference.VENV_PYTHON);
    if (!python.toFile().canExecute()) {
      int made = new ProcessBuilder("python3", "-m", "venv", s.home().resolve(".venv-bench").toString()).inheritIO().start().waitFor();
      if (made != 0) throw new IOException("python3 -m venv .venv-bench failed (exit " + made + ")");
    }
    // Idempotent: about a second once the pinned versions are there.
    int pip = new ProcessBuilder(python.toString(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r",
        s.home().resolve(REQUIREMENTS).toString()).inheritIO().start().waitFor();
    if (pip != 0) throw new IOException("pip install -r " + REQUIREMENTS + " failed (exit " + pip + ")");
    List<String> cmd = new ArrayList<>(List.of(python.toString(), s.home().resolve(SCRIPT).toString(), "--trials", Integer.toString(s.trials()),
        "--reps", Integer.toString(s.reps()), "--variants", String.join(",", variants)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException(SCRIPT + " exited with " + p.exitValue());
    return new ObjectMapper().readTree(output);
  }
}
