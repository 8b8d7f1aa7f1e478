package movierec.runners.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetLoader;
import movierec.core.data.DatasetWriter;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Evaluator;
import movierec.core.model.Model;
import movierec.core.model.ModelFamily;
import movierec.core.model.Recommender;
import movierec.core.model.TrainContext;
import movierec.core.split.Split;
import movierec.core.split.SplitProtocol;
import movierec.core.synth.SyntheticConfig;
import movierec.core.synth.SyntheticData;
import movierec.core.train.TrainingPlan;
import movierec.models.ModelRegistry;
import movierec.models.bpr.BprParams;
import movierec.models.ials.IalsParams;
import movierec.models.itemknn.ItemKnnParams;
import movierec.models.puresvd.PureSvdParams;

/**
 * Measures what the foundation issue sets targets for, on a synthetic dataset of the competition's
 * shape: loading train_ratings.csv (under 5 s), the EASE fit against the same fit in numpy/scipy (at
 * most half of numpy's time), and a full-ranking evaluation of every user over every item (under 2 s),
 * split into model scoring and masking/top-K/metrics; then PureSVD's fit and evaluation beside scipy's
 * {@code svds}, iALS's beside {@code implicit}, ItemKNN's beside a numpy/scipy cosine kNN, BPR's beside
 * {@code implicit}'s BPR, and Mult-VAE's evaluation after one epoch; CPU seconds beside wall seconds, and the
 * JVM's peak RSS. Prints figures; judges nothing by exit code.
 */
public final class Bench {
  static final double LOAD_TARGET_SECONDS = 5;
  static final double EVALUATION_TARGET_SECONDS = 2;
  static final double AUTOENCODER_EVALUATION_TARGET_SECONDS = 5;
  static final double FIT_TARGET_RATIO = 0.5;

  /**
   * @param cache where the generated dataset is kept between runs (generation takes ~9 s at competition scale)
   * @param home the project root, for the numpy script and its virtual environment
   */
  public record Settings(String preset, long seed, double lambda, Path cache, Path home, boolean numpy, int bprEpochs) {}

  private record Timed<T>(T value, double seconds) {
    static <T> Timed<T> of(Supplier<T> work) {
      long start = System.nanoTime();
      T value = work.get();
      return new Timed<>(value, (System.nanoTime() - start) / 1e9);
    }
  }

  private Bench() {}

  public static void run(Settings s, PrintStream out) throws IOException, InterruptedException {
    Path dir = s.cache().resolve(s.preset() + "-" + s.seed());
    if (!Files.exists(dir.resolve(DatasetLoader.RATINGS))) {
      Timed<Dataset> generated = Timed.of(() -> SyntheticData.generate(SyntheticConfig.preset(s.preset()), s.seed(), "bench"));
      DatasetWriter.write(generated.value(), dir);
      out.printf("generated %s in %.1f s (kept for later runs)%n", dir, generated.seconds());
    }
    // Other jobs on the machine inflate every figure: say how busy it was.
    out.printf("machine: %d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    // Loaded twice: the first load pays JIT warm-up, as every CLI invocation does.
    Timed<Dataset> firstLoad = Timed.of(() -> DatasetLoader.load(dir));
    Timed<Dataset> load = Timed.of(() -> DatasetLoader.load(dir));
    Dataset data = load.value();
    out.printf("data: synthetic %s, seed %d: %,d users x %,d items, %,d interactions%n", s.preset(), s.seed(), data.numUsers(),
        data.numItems(), data.interactions().size());
    out.printf("load                %6.2f s first, %.2f s second  (target < %.0f s: %s)%n", firstLoad.seconds(), load.seconds(),
        LOAD_TARGET_SECONDS, verdict(firstLoad.seconds() < LOAD_TARGET_SECONDS));

    ModelFamily<?> ease = ModelRegistry.all().stream().filter(f -> f.name().equals("ease")).findFirst().orElse(null);
    Model model;
    Double javaFit = null;
    if (ease != null) {
      model = ease.create(Map.of("lambda", s.lambda()));
      CpuTimed fit = CpuTimed.of(() -> fit(model, data));
      javaFit = fit.seconds();
      out.printf("ease fit (Java)     %6.2f s  (cpu %.2f s; lambda %s)%n", javaFit, fit.cpuSeconds(), s.lambda());
    } else {
      model = ModelRegistry.get("mostpop").create(Map.of());
      fit(model, data);
      out.println("ease fit (Java)     skipped: no 'ease' family in this build's ModelRegistry; evaluation below uses mostpop");
    }

    evaluate(ease != null ? "ease" : "mostpop", model, data, out);

    if (javaFit != null && s.numpy()) {
      NumpyReference.Fit numpy = NumpyReference.fitEase(s.home(), dir.resolve(DatasetLoader.RATINGS), s.lambda());
      double ratio = javaFit / numpy.fitSeconds();
      out.printf("ease fit (numpy)    %6.2f s  (gram %.2f, inverse %.2f, weights %.2f; %s, numpy %s, scipy %s)%n", numpy.fitSeconds(),
          numpy.gramSeconds(), numpy.inverseSeconds(), numpy.weightsSeconds(), numpy.dtype(), numpy.numpyVersion(), numpy.scipyVersion());
      out.printf("ease Java/numpy     %6.2f     (target <= %.1f: %s)%n", ratio, FIT_TARGET_RATIO, verdict(ratio <= FIT_TARGET_RATIO));
    }
    pureSvd(s, dir, data, out);
    ials(s, dir, data, out);
    itemKnn(s, dir, data, out);
    bpr(s, dir, data, out);
    multVae(data, out);
    out.printf("peak RSS (Java)     %,d MB%n", peakRssMb());
  }

  /** iALS at its defaults against {@code implicit}'s CPU ALS with the same factors, regularization, alpha and iterations. */
  private static void ials(Settings s, Path dir, Dataset data, PrintStream out) throws IOException, InterruptedException {
    IalsParams p = new IalsParams();
    Model model = ModelRegistry.get("ials").create(Map.of());
    CpuTimed fit = CpuTimed.of(() -> fit(model, data));
    double javaFit = fit.seconds();
    out.printf("ials fit (Java)     %6.2f s  (cpu %.2f s; factors %d, %d epochs)%n", javaFit, fit.cpuSeconds(), p.factors(), p.epochs());
    evaluate("ials", model, data, out);
    if (s.numpy()) {
      NumpyReference.ImplicitFit ref = NumpyReference.fitIals(s.home(), dir.resolve(DatasetLoader.RATINGS), p.factors(), p.regularization(),
          p.alpha(), p.epochs());
      out.printf("ials fit (implicit) %6.2f s  (implicit %s, peak RSS %,d MB)%n", ref.fitSeconds(), ref.version(), ref.peakRssMb());
      out.printf("ials Java/implicit  %6.2f%n", javaFit / ref.fitSeconds());
    }
  }

  /** ItemKNN at its defaults against the same cosine kNN in numpy/scipy (same k and shrink), fit and evaluation. */
  private static void itemKnn(Settings s, Path dir, Dataset data, PrintStream out) throws IOException, InterruptedException {
    ItemKnnParams p = new ItemKnnParams();
    Model model = ModelRegistry.get("itemknn").create(Map.of());
    CpuTimed fit = CpuTimed.of(() -> fit(model, data));
    out.printf("itemknn fit (Java)  %6.2f s  (cpu %.2f s; k %d, shrink %s)%n", fit.seconds(), fit.cpuSeconds(), p.k(), p.shrink());
    double evaluation = evaluate("itemknn", model, data, out);
    if (s.numpy()) {
      NumpyReference.KnnRun ref = NumpyReference.itemKnn(s.home(), dir.resolve(DatasetLoader.RATINGS), p.k(), p.shrink());
      out.printf("itemknn (scipy)     fit %.2f s, evaluation %.2f s  (scipy %s, peak RSS %,d MB)%n", ref.fitSeconds(), ref.evaluationSeconds(),
          ref.scipyVersion(), ref.peakRssMb());
      out.printf("itemknn Java/scipy  fit %.2f, evaluation %.2f  (Java peak RSS so far %,d MB)%n", fit.seconds() / ref.fitSeconds(),
          evaluation / ref.evaluationSeconds(), peakRssMb());
    }
  }

  /** BPR against {@code implicit}'s CPU BPR with the same factors, learning rate, regularization and epochs. */
  private static void bpr(Settings s, Path dir, Dataset data, PrintStream out) throws IOException, InterruptedException {
    BprParams d = new BprParams();
    BprParams p = new BprParams(d.factors(), d.learningRate(), d.regularization(), s.bprEpochs(), d.negatives());
    Model model = ModelRegistry.get("bpr").create(Map.of("epochs", p.epochs()));
    CpuTimed fit = CpuTimed.of(() -> fit(model, data));
    out.printf("bpr fit (Java)      %6.2f s  (cpu %.2f s; factors %d, %d epochs, one thread)%n", fit.seconds(), fit.cpuSeconds(), p.factors(),
        p.epochs());
    evaluate("bpr", model, data, out);
    if (s.numpy()) {
      NumpyReference.ImplicitFit ref = NumpyReference.fitBpr(s.home(), dir.resolve(DatasetLoader.RATINGS), p.factors(), p.learningRate(),
          p.regularization(), p.epochs());
      out.printf("bpr fit (implicit)  %6.2f s  (implicit %s, all cores, peak RSS %,d MB)%n", ref.fitSeconds(), ref.version(), ref.peakRssMb());
      out.printf("bpr Java/implicit   %6.2f     (Java peak RSS so far %,d MB)%n", fit.seconds() / ref.fitSeconds(), peakRssMb());
    }
  }

  /** Mult-VAE after one epoch at its defaults: its evaluation (target < 5 s) is what each epoch of a training adds. */
  private static void multVae(Dataset data, PrintStream out) {
    Model model = ModelRegistry.get("multvae").create(Map.of("epochs", 1));
    CpuTimed fit = CpuTimed.of(() -> fit(model, data));
    out.printf("multvae fit (Java)  %6.2f s  (cpu %.2f s; one epoch)%n", fit.seconds(), fit.cpuSeconds());
    evaluate("multvae", model, data, out, AUTOENCODER_EVALUATION_TARGET_SECONDS);
  }

  /** Wall and process CPU seconds of a piece of work. */
  record CpuTimed(double seconds, double cpuSeconds) {
    static CpuTimed of(Runnable work) {
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      work.run();
      return new CpuTimed((System.nanoTime() - start) / 1e9, (processCpuNanos() - cpu) / 1e9);
    }
  }

  /** The JVM process's peak resident set (VmHWM), heap and off-heap; -1 where /proc is missing. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** PureSVD at its default rank: our randomized SVD against scipy's {@code svds} (Lanczos) on the same X. */
  private static void pureSvd(Settings s, Path dir, Dataset data, PrintStream out) throws IOException, InterruptedException {
    int factors = new PureSvdParams().factors();
    Model model = ModelRegistry.get("puresvd").create(Map.of("factors", factors));
    CpuTimed fit = CpuTimed.of(() -> fit(model, data));
    double javaFit = fit.seconds();
    out.printf("puresvd fit (Java)  %6.2f s  (cpu %.2f s; factors %d)%n", javaFit, fit.cpuSeconds(), factors);
    evaluate("puresvd", model, data, out);
    if (s.numpy()) {
      double scipy = NumpyReference.fitPureSvd(s.home(), dir.resolve(DatasetLoader.RATINGS), factors);
      out.printf("puresvd fit (scipy) %6.2f s  (svds + X V)%n", scipy);
      out.printf("puresvd Java/scipy  %6.2f%n", javaFit / scipy);
    }
  }

  static Model fit(Model model, Dataset data) {
    model.fit(TrainContext.of(data.interactions(), data.side(), 0));
    return model;
  }

  /**
   * Times {@link Evaluator#evaluate} on the default holdout's answers, twice (the second run is what
   * each epoch of a training costs). The model was fitted on all data: the figures are timings, its
   * metrics would be meaningless and are not shown.
   */
  private static double evaluate(String family, Model model, Dataset data, PrintStream out) {
    return evaluate(family, model, data, out, EVALUATION_TARGET_SECONDS);
  }

  /**
   * As above, against {@code target} seconds. On a shared machine the wall figure mostly measures the other jobs;
   * half the CPU seconds is what the two cores of an idle machine would take (the work runs on both), so the
   * verdict is given for both.
   */
  private static double evaluate(String family, Model model, Dataset data, PrintStream out, double target) {
    Split split = SplitProtocol.holdout(0).apply(data.interactions());
    var exclusions = CandidateFilters.SEEN_ONLY.build(split.train(), data.side());
    Evaluator evaluator = new Evaluator(split.truth(), exclusions, data.numItems(), 10, TrainingPlan.DEFAULT_DEPTH);
    double seconds = 0;
    for (String run : new String[] {"first", "second"}) {
      ScoringClock clock = new ScoringClock(model);
      long cpuStart = processCpuNanos();
      Timed<?> total = Timed.of(() -> evaluator.evaluate(clock));
      double cpu = (processCpuNanos() - cpuStart) / 1e9;
      double scoring = clock.nanos / 1e9;
      boolean judged = run.equals("second");
      out.printf("%s evaluation (%-6s) %6.2f s  (cpu %.2f s; model scoring %.2f s, cpu %.2f s; masking/top-K/metrics %.2f s; %,d users x %,d items)%s%n",
          family, run, total.seconds(), cpu, scoring, clock.cpuNanos / 1e9, total.seconds() - scoring, data.numUsers(), data.numItems(),
          judged ? String.format("  (target < %.0f s: wall %s, idle 2-core projection cpu/2 = %.2f s %s)", target,
              verdict(total.seconds() < target), cpu / 2, verdict(cpu / 2 < target)) : "");
      seconds = total.seconds();
    }
    return seconds;
  }

  /** CPU time of every thread of this process, OpenBLAS's included: on a shared machine wall time alone says little. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  /** Adds up the time spent in the model's {@code score}, the rest of an evaluation being masking, top-K and metrics. */
  private static final class ScoringClock implements Recommender {
    private final Recommender model;
    private long nanos;
    private long cpuNanos;

    ScoringClock(Recommender model) {
      this.model = model;
    }

    @Override
    public void score(int[] users, float[] out) {
      long start = System.nanoTime();
      long cpu = processCpuNanos();
      model.score(users, out);
      nanos += System.nanoTime() - start;
      cpuNanos += processCpuNanos() - cpu;
    }
  }
}
