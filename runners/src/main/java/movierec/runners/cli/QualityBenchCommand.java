package movierec.runners.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import movierec.core.train.RunDefaults;
import movierec.runners.bench.QualityBench;
import movierec.runners.trial.DatasetSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench quality}: every family at its defaults on one dataset, as a table beside MostPopular and EASE. */
@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {"Train every family (or --families) at its defaults on a dataset with the standard holdout split",
        "(per user the last item plus 9 random earlier ones) and print validation Recall@10 and NDCG@10, their ratio",
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

  @Option(names = "--max-epochs", defaultValue = TrainCommand.DEFAULT_MAX_EPOCHS, description = "cap on epochs (default: ${DEFAULT-VALUE})")
  int maxEpochs;

  @Option(names = "--patience", defaultValue = "" + RunDefaults.PATIENCE, description = "early stopping after this many epochs without gain; 0 = off (default: ${DEFAULT-VALUE})")
  int patience;

  @Option(names = "--timeout", defaultValue = "600", description = "seconds per family before its JVM is killed (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    DatasetSpec dataset = source.folder != null ? DatasetSpec.folder(source.folder) : DatasetSpec.synthetic(source.preset, dataSeed);
    QualityBench.run(new QualityBench.Settings(dataset, families, seed, maxEpochs, patience, timeoutSeconds), System.out);
    return 0;
  }
}
