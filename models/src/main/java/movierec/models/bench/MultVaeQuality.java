package movierec.models.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.data.Interactions;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Metric;
import movierec.core.split.Split;
import movierec.core.split.SplitProtocol;
import movierec.core.train.EpochSink;
import movierec.core.train.RunDefaults;
import movierec.core.train.Trainer;
import movierec.core.train.TrainingPlan;
import movierec.models.multvae.MultVae;
import movierec.models.multvae.MultVaeParams;
import movierec.models.nn.NeuralModel;

/**
 * Quality check (not a test): our Mult-VAE and the PyTorch reference ({@code models/bench/multvae_quality_torch.py})
 * trained with the same settings on the same holdout split, each scored by validation Recall@10 after every
 * epoch with early stopping. Tells an implementation gap from a limit of the model itself: the two should
 * end close together.
 *
 * <p>Run by {@code movierec bench multvae-quality}; the reference uses the same Python environment as {@link MultVaeBench}.
 */
public final class MultVaeQuality {
  private MultVaeQuality() {}

  /**
   * @param python interpreter with torch, or null for the project's .venv-bench (created when missing)
   */
  public static void run(Dataset data, MultVaeParams params, int maxEpochs, int patience, String python) throws Exception {
    System.out.printf(Locale.ROOT, "data: %s, %d users x %d items; split holdout (last 1 + 9 random, seed 1)%n", data.name(), data.numUsers(),
        data.numItems());
    Split split = SplitProtocol.holdout(RunDefaults.SPLIT_SEED).apply(data.interactions());
    TrainingPlan plan = new TrainingPlan(CandidateFilters.SEEN_ONLY, Metric.parse(RunDefaults.METRIC), TrainingPlan.DEFAULT_DEPTH, 0, maxEpochs, patience);
    EpochSink progress = (epoch, loss, evaluation, seconds) -> {
      System.out.printf(Locale.ROOT, "nd4j epoch %d: recall_at_10 %.4f (%.1f s)%n", epoch, evaluation.recall(), seconds);
      return null;
    };
    Trainer.Validated ours = Trainer.validate(new MultVae(params), data, split, plan, progress);
    System.out.printf(Locale.ROOT, "RESULT nd4j best_epoch=%d recall_at_10=%.4f%n", ours.bestEpoch(), ours.evaluation().recall());

    Path root = MultVaeBench.projectRoot();
    Path dir = Files.createTempDirectory("multvae-quality");
    try {
      writeSplit(split, dir);
      List<String> command = new ArrayList<>(List.of(python != null ? python : MultVaeBench.venvPython(root),
          root.resolve("models/bench/multvae_quality_torch.py").toString(), "--split", dir.toString()));
      int users = (int) IntStream.range(0, split.train().numUsers()).filter(u -> split.train().length(u) > 0).count();
      addArgs(command, "epochs", maxEpochs, "patience", patience == 0 ? maxEpochs : patience, "batch", NeuralModel.batchSizeFor(params.batchSize(), users),
          "hidden", params.hidden(), "latent", params.latent(), "dropout", params.dropout(), "lr", params.learningRate(), "beta_cap", params.betaCap(),
          "anneal_steps", MultVae.annealSteps(params, users), "weight_decay", params.weightDecay());
      double reference = MultVaeBench.run(command).stream().filter(l -> l.startsWith("RESULT"))
          .map(l -> Double.parseDouble(l.replaceAll(".*recall_at_10=([0-9.]+).*", "$1"))).findFirst()
          .orElseThrow(() -> new IllegalStateException("the PyTorch reference printed no RESULT line"));
      System.out.printf(Locale.ROOT, "RATIO nd4j/torch recall_at_10 = %.3f%n", ours.evaluation().recall() / reference);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void addArgs(List<String> command, Object... namesAndValues) {
    for (int k = 0; k < namesAndValues.length; k += 2) {
      command.add("--" + namesAndValues[k]);
      command.add(String.valueOf(namesAndValues[k + 1]));
    }
  }

  /** train.csv: a "users,items" header, then user,item per training interaction; truth.csv: user,item per held-out item. */
  private static void writeSplit(Split split, Path dir) throws IOException {
    Interactions train = split.train();
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("train.csv"))) {
      w.write(train.numUsers() + "," + train.numItems() + "\n");
      for (int u = 0; u < train.numUsers(); u++) for (int k = train.start(u); k < train.end(u); k++) w.write(u + "," + train.item(k) + "\n");
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("truth.csv"))) {
      int[][] truth = split.truth();
      for (int u = 0; u < truth.length; u++) if (truth[u] != null) for (int item : truth[u]) w.write(u + "," + item + "\n");
    }
  }
}
