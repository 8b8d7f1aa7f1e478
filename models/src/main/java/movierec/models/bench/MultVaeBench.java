package movierec.models.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetLoader;
import movierec.core.data.DatasetWriter;
import movierec.core.model.EpochListener;
import movierec.core.model.TrainContext;
import movierec.core.synth.SyntheticConfig;
import movierec.core.synth.SyntheticData;
import movierec.models.multvae.MultVae;
import movierec.models.multvae.MultVaeParams;

/**
 * Benchmark (not a test): Mult-VAE training epoch time and peak memory on the competition-scale
 * synthetic preset (31,360 × 6,807, batch 500), then the PyTorch CPU reference
 * ({@code models/bench/multvae_torch.py}) on the same data and shapes, and the ratio of epoch times.
 *
 * <p>Run by {@code movierec bench multvae}. The reference runs with {@code .venv-bench/bin/python} of the
 * project root; {@code models/bench/requirements.txt} (pinned torch from PyPI) is installed when torch is missing.
 */
public final class MultVaeBench {
  private MultVaeBench() {}

  /**
   * @param python interpreter for the reference, or null for the project's .venv-bench (created when missing)
   */
  public static void run(int epochs, int batch, boolean torch, String python) throws Exception {
    Dataset data = SyntheticData.generate(SyntheticConfig.COMPETITION, 42, "competition");
    System.out.printf(Locale.ROOT, "data: %d users x %d items, %d interactions%n", data.numUsers(), data.numItems(), data.interactions().size());

    MultVaeParams d = MultVaeParams.DEFAULTS;
    MultVae model = new MultVae(new MultVaeParams(epochs, batch, d.hidden(), d.latent(), d.dropout(), d.learningRate(), d.betaCap(), d.annealEpochs(), d.weightDecay()));
    List<Double> times = new ArrayList<>();
    long[] last = {System.nanoTime()};
    EpochListener timer = (epoch, loss) -> {
      long now = System.nanoTime();
      times.add((now - last[0]) / 1e9);
      System.out.printf(Locale.ROOT, "nd4j epoch %d: %.2f s, loss %.2f%n", epoch, times.get(times.size() - 1), loss);
      last[0] = System.nanoTime();
      return new EpochListener.Outcome(false, false);
    };
    model.fit(new TrainContext(data.interactions(), data.side(), 42, epochs, epochs, timer));
    double nd4j = median(times);
    long peakMb = peakRssKb() / 1024;
    System.out.printf(Locale.ROOT, "RESULT nd4j epoch_seconds=%.3f peak_rss_mb=%d%n", nd4j, peakMb);
    if (!torch) return;

    Path root = projectRoot();
    Path dir = Files.createTempDirectory("multvae-bench");
    DatasetWriter.write(data, dir);
    String py = python != null ? python : venvPython(root);
    List<String> out = run(List.of(py, root.resolve("models/bench/multvae_torch.py").toString(), "--ratings", dir.resolve(DatasetLoader.RATINGS).toString(),
        "--epochs", String.valueOf(epochs), "--batch", String.valueOf(batch), "--hidden", String.valueOf(d.hidden()), "--latent", String.valueOf(d.latent())));
    double reference = out.stream().filter(l -> l.startsWith("RESULT")).map(l -> Double.parseDouble(l.replaceAll(".*epoch_seconds=([0-9.]+).*", "$1")))
        .findFirst().orElseThrow(() -> new IllegalStateException("the PyTorch reference printed no RESULT line"));
    System.out.printf(Locale.ROOT, "RATIO nd4j/torch epoch time = %.2f (target <= 1.0)%n", nd4j / reference);
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Peak resident set size (VmHWM) of this process. */
  static long peakRssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
    }
    return -1;
  }

  /** The directory holding models/bench/multvae_torch.py: the working directory or one of its parents. */
  static Path projectRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("models/bench/multvae_torch.py"))) return p;
    }
    throw new IllegalStateException("run from the project (models/bench/multvae_torch.py not found above " + Path.of("").toAbsolutePath() + ")");
  }

  static String venvPython(Path root) throws IOException, InterruptedException {
    Path venv = root.resolve(".venv-bench");
    Path py = venv.resolve("bin/python");
    if (!Files.exists(venv.resolve("bin/torchrun"))) {
      System.out.println("installing torch into " + venv + " from PyPI (large download, once)");
      if (!Files.exists(py)) run(List.of("python3", "-m", "venv", venv.toString()));
      run(List.of(py.toString(), "-m", "pip", "install", "-q", "-r", root.resolve("models/bench/requirements.txt").toString()));
    }
    return py.toString();
  }

  /** Runs a command, echoing its output; fails on a non-zero exit. */
  static List<String> run(List<String> command) throws IOException, InterruptedException {
    Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        System.out.println("  " + line);
        lines.add(line);
      }
    }
    int code = proc.waitFor();
    if (code != 0) throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
    return lines;
  }
}
