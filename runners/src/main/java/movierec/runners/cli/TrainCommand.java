package movierec.runners.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import movierec.core.data.InputException;
import movierec.core.data.StagedFolder;
import movierec.core.eval.CandidateFilters;
import movierec.core.model.InvalidParamException;
import movierec.core.split.SplitProtocol;
import movierec.core.train.RunDefaults;
import movierec.models.ModelRegistry;
import movierec.runners.trial.DatasetSpec;
import movierec.runners.trial.TrialResult;
import movierec.runners.trial.TrialRunner;
import movierec.runners.trial.TrialSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec train}: one model, validated then refitted on all data, with its submission. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Fit one model on the training part, print validation metrics, refit on all data and write submission.csv and top-K files.")
final class TrainCommand implements Callable<Integer> {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String DEFAULT_MAX_EPOCHS = "500";

  @ArgGroup(exclusive = true, multiplicity = "1")
  DataSource source;

  static final class DataSource {
    @Option(names = "--data", description = "folder in the competition layout (train_ratings.csv + side files)")
    Path folder;

    @Option(names = "--synthetic", description = "synthetic preset instead of a folder: tiny, small, competition")
    String preset;
  }

  @Option(names = "--data-seed", defaultValue = "" + RunDefaults.DATA_SEED, description = "generator seed for --synthetic (default: ${DEFAULT-VALUE})")
  long dataSeed;

  @Option(names = "--model", required = true, description = "model family, e.g. ease, itemknn, bpr")
  String family;

  @Option(names = "--set", description = "parameter override name=value (repeatable), e.g. --set lambda=500")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--split", defaultValue = SplitProtocol.HOLDOUT, description = "holdout or leave-last-out (default: ${DEFAULT-VALUE})")
  String split;

  @Option(names = "--last", defaultValue = "" + RunDefaults.HOLDOUT_LAST, description = "holdout: last items held out per user (default: ${DEFAULT-VALUE})")
  int last;

  @Option(names = "--random", defaultValue = "" + RunDefaults.HOLDOUT_RANDOM, description = "holdout: random earlier items held out per user (default: ${DEFAULT-VALUE})")
  int random;

  @Option(names = "--split-seed", defaultValue = "" + RunDefaults.SPLIT_SEED, description = "seed of the split's random part (default: ${DEFAULT-VALUE})")
  long splitSeed;

  @Option(names = "--seed", defaultValue = "" + RunDefaults.SEED, description = "seed of the model (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--future-margin", description = "exclude items released after the user's last active year plus this margin")
  Integer futureMargin;

  @Option(names = "--min-item-interactions", defaultValue = "0", description = "exclude items with fewer interactions (default: ${DEFAULT-VALUE})")
  int minItemInteractions;

  @Option(names = "--metric", defaultValue = RunDefaults.METRIC, description = "metric that picks the best epoch (default: ${DEFAULT-VALUE})")
  String metric;

  @Option(names = "--max-epochs", defaultValue = DEFAULT_MAX_EPOCHS, description = "cap on epochs of iterative families (default: ${DEFAULT-VALUE})")
  int maxEpochs;

  @Option(names = "--patience", defaultValue = "" + RunDefaults.PATIENCE, description = "early stopping after this many epochs without gain; 0 = off (default: ${DEFAULT-VALUE})")
  int patience;

  @Option(names = "--out", required = true, description = "output folder for submission.csv, top-K files, config and model")
  Path out;

  /** The trial these options describe; a sweep file with the same settings written out (or left to defaults) has the same key. */
  TrialSpec spec() {
    DatasetSpec dataset = source.folder != null ? DatasetSpec.folder(source.folder) : DatasetSpec.synthetic(source.preset, dataSeed);
    return new TrialSpec("cli", dataset, SplitProtocol.named(split, last, random, splitSeed),
        new CandidateFilters(futureMargin, minItemInteractions), metric, family, parseOverrides(overrides), seed, maxEpochs, patience);
  }

  @Override
  public Integer call() throws Exception {
    TrialSpec spec = spec();
    DatasetSpec dataset = spec.dataset();
    try {
      ModelRegistry.get(family).params(spec.params());
    } catch (InvalidParamException e) {
      throw new InputException("--set " + e.getMessage());
    }
    // A failed fit leaves no half-written --out: the files appear together, or not at all.
    TrialResult result = StagedFolder.write(out, "training", staging -> TrialRunner.run(spec, staging, (epoch, loss, e, seconds) -> {
      System.out.printf("epoch %3d  loss %10.4f  recall@%d %.4f  ndcg@%d %.4f  (%.1fs)%n", epoch, loss, e.k(), e.recall(), e.k(), e.ndcg(), seconds);
      return null;
    }));
    var v = result.validation();
    System.out.printf("%s on %s, split %s (hash %s)%n", family, dataset.label(), spec.split(), result.splitHash());
    System.out.printf("validation: recall@%d %.4f  ndcg@%d %.4f  hit_rate %.4f  coverage %.4f  (%d users)%s%n",
        v.k(), v.recall(), v.k(), v.ndcg(), v.hitRate(), v.coverage(), v.usersEvaluated(),
        result.bestEpoch() > 0 ? "  best epoch " + result.bestEpoch() : "");
    System.out.printf("fit %.1fs, refit on all data %.1fs; wrote %s%n", result.fitSeconds(), result.refitSeconds(), out.resolve("submission.csv"));
    return 0;
  }

  /** Values are read as YAML scalars: 500 is a number, true a boolean, anything else a string. */
  static Map<String, Object> parseOverrides(Map<String, String> raw) {
    Map<String, Object> parsed = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      try {
        parsed.put(k, YAML.readValue(v, Object.class));
      } catch (Exception e) {
        throw new InputException("--set " + k + ": cannot read value '" + v + "'");
      }
    });
    return parsed;
  }
}
