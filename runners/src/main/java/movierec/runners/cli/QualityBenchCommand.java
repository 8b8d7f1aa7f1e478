package movierec.runners.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import movierec.core.data.InputException;
import movierec.core.model.InvalidParamException;
import movierec.core.split.SplitProtocol;
import movierec.core.train.RunDefaults;
import movierec.core.train.TrainingPlan;
import movierec.models.ModelRegistry;
import movierec.runners.bench.QualityBench;
import movierec.runners.trial.DatasetSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench quality}: every family at its defaults on one dataset, as a table beside MostPopular and EASE. */
@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {"Train every family (or --families) at its defaults on a dataset with the standard holdout split",
        "(per user the last item plus 9 random earlier ones; --last/--random change it) and print validation Recall@10 and NDCG@10, their ratio",
        "to MostPopular and to EASE (always run first), epochs, seconds and peak memory. Each family runs in its own JVM."})
final class QualityBenchCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  TrainCommand.DataSource source;

  @Option(names = "--data-seed", defaultValue = "" + RunDefaults.DATA_SEED, description = "generator seed for --synthetic (default: ${DEFAULT-VALUE})")
  long dataSeed;

  @Option(names = "--families", split = ",", description = "families to run, comma-separated (default: every registered family)")
  List<String> families = new ArrayList<>();

  @Option(names = "--seed", defaultValue = "0", description = "seed of the split and of the models (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--last", defaultValue = "" + RunDefaults.HOLDOUT_LAST, description = "last items held out per user (default: ${DEFAULT-VALUE}; 0 for data without real time)")
  int last;

  @Option(names = "--random", defaultValue = "" + RunDefaults.HOLDOUT_RANDOM, description = "random earlier items held out per user (default: ${DEFAULT-VALUE})")
  int random;

  @Option(names = "--set", description = "leave a default: family.param=value (repeatable), e.g. --set ease.lambda=200; the header lists them")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--max-epochs", description = "cap on epochs below each family's own epochs param (default: none)")
  Integer maxEpochs;

  @Option(names = "--patience", defaultValue = "" + RunDefaults.PATIENCE, description = "early stopping after this many epochs without gain; 0 = off (default: ${DEFAULT-VALUE})")
  int patience;

  @Option(names = "--timeout", defaultValue = "600", description = "seconds per family before its JVM is killed (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    DatasetSpec dataset = source.folder != null ? DatasetSpec.folder(source.folder) : DatasetSpec.synthetic(source.preset, dataSeed);
    Map<String, Map<String, Object>> perFamily = perFamily(overrides);
    SplitProtocol split = SplitProtocol.named(SplitProtocol.HOLDOUT, last, random, seed);
    QualityBench.run(new QualityBench.Settings(dataset, families, split, perFamily, maxEpochs == null ? TrainingPlan.NO_CAP : maxEpochs, patience, timeoutSeconds), System.out);
    return 0;
  }

  /** {@code family.param=value} overrides grouped by family, each checked against the family's params. */
  static Map<String, Map<String, Object>> perFamily(Map<String, String> overrides) {
    Map<String, Map<String, Object>> perFamily = new LinkedHashMap<>();
    TrainCommand.parseOverrides(overrides).forEach((key, value) -> {
      int dot = key.indexOf('.');
      if (dot <= 0) throw new InputException("--set " + key + ": expected family.param=value");
      String family = ModelRegistry.get(key.substring(0, dot)).name();
      perFamily.computeIfAbsent(family, f -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
    });
    perFamily.forEach((family, params) -> {
      try {
        ModelRegistry.get(family).params(params);
      } catch (InvalidParamException e) {
        throw new InputException("--set " + family + "." + e.getMessage());
      }
    });
    return perFamily;
  }
}
