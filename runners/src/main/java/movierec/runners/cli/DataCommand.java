package movierec.runners.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetWriter;
import movierec.core.synth.SyntheticConfig;
import movierec.core.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code movierec data ...}: make datasets in the competition layout. */
@Command(name = "data", description = "Generate or convert datasets into the competition layout.",
    mixinStandardHelpOptions = true, subcommands = {DataCommand.Synth.class})
public final class DataCommand {

  @Command(name = "synth", mixinStandardHelpOptions = true,
      description = "Write a synthetic dataset with planted structure (all six files).")
  static final class Synth implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "small", description = "tiny, small or competition (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--seed", defaultValue = "42", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Override
    public Integer call() {
      SyntheticConfig config = SyntheticConfig.preset(preset);
      Dataset data = SyntheticData.generate(config, seed, "synthetic-" + preset);
      DatasetWriter.write(data, out);
      System.out.printf("wrote %s: %,d users, %,d items, %,d interactions (hash %s)%n",
          out, data.numUsers(), data.numItems(), data.interactions().size(), data.hash());
      return 0;
    }
  }
}
