package movierec.runners.cli;

import java.util.concurrent.Callable;
import movierec.runners.bench.SlimBench;
import movierec.runners.trial.DatasetSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec bench admm-slim}: ADMM-SLIM's fit time against EASE's on the same data, same run. */
@Command(name = "admm-slim", mixinStandardHelpOptions = true,
    description = {"Fit EASE (lambda = ADMM-SLIM's lambda2) and ADMM-SLIM at its defaults on all of a dataset, one after the other",
        "in this process, and print wall and CPU seconds and the ratio (target <= 3)."})
final class SlimBenchCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  TrainCommand.DataSource source;

  @Option(names = "--data-seed", defaultValue = "42", description = "generator seed for --synthetic (default: ${DEFAULT-VALUE})")
  long dataSeed;

  @Override
  public Integer call() throws Exception {
    DatasetSpec dataset = source.folder != null ? DatasetSpec.folder(source.folder) : DatasetSpec.synthetic(source.preset, dataSeed);
    SlimBench.run(dataset.load(), System.out);
    return 0;
  }
}
