package movierec.runners.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import movierec.core.convert.Conversion;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetWriter;
import movierec.core.data.StagedFolder;
import movierec.core.synth.SyntheticConfig;
import movierec.core.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movierec data ...}: make datasets in the competition layout. */
@Command(name = "data", description = "Generate or convert datasets into the competition layout.",
    mixinStandardHelpOptions = true, subcommands = {DataCommand.Synth.class, DataCommand.Convert.class})
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
      StagedFolder.requireFolderOrAbsent(out);
      SyntheticConfig config = SyntheticConfig.preset(preset);
      Dataset data = SyntheticData.generate(config, seed, "synthetic-" + preset);
      DatasetWriter.write(data, out);
      System.out.printf("wrote %s: %,d users, %,d items, %,d interactions (hash %s)%n",
          out, data.numUsers(), data.numItems(), data.interactions().size(), data.hash());
      return 0;
    }
  }

  @Command(name = "convert", mixinStandardHelpOptions = true,
      description = {"Convert MovieLens files or 'user item item ...' lines into the competition layout; every rating counts as watched.",
          "ml-latest-small, ml-20m: folder with ratings.csv + movies.csv; ml-100k: folder with u.data + u.item;",
          "ml-1m: folder with ratings.dat + movies.dat; lines: files of 'user item item ...' in time order (times are",
          "synthesized: 2000-01-01 UTC + position in seconds), with titles, years and genres from a movies.dat beside the first file."})
  static final class Convert implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "source format: ml-latest-small, ml-20m, ml-100k, ml-1m or lines")
    String format;

    @Parameters(arity = "1..*", paramLabel = "SRC", description = "the source folder, or for lines the files in time order")
    List<Path> sources;

    @Option(names = "--out", required = true, description = "output folder (must not exist or be empty)")
    Path out;

    @Option(names = "--id-offset", defaultValue = "0",
        description = "lines only: added to every user and item id; 1 restores MovieLens ids in the ml-1m lines, which count from 0")
    int idOffset;

    @Override
    public Integer call() {
      Conversion.Result result = Conversion.convert(Conversion.format(format, idOffset), sources, out);
      Dataset data = result.dataset();
      result.notes().forEach(note -> System.out.println("note: " + note));
      System.out.printf("wrote %s: %,d users, %,d items, %,d interactions (hash %s)%n",
          out, data.numUsers(), data.numItems(), data.interactions().size(), data.hash());
      return 0;
    }
  }
}
