package movierec.runners.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import movierec.models.ModelRegistry;
import movierec.runners.sweep.SweepConfig;
import movierec.runners.trial.TrialSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train}, sweep files and the README's defaults table agree on every default (they all come from RunDefaults). */
class SharedDefaultsTest {
  @TempDir Path dir;

  /** Each `train` option of the README's table and where a trial carries its value. */
  private static final Map<String, Function<TrialSpec, Object>> CARRIED = new LinkedHashMap<>();

  static {
    CARRIED.put("--metric", TrialSpec::metric);
    CARRIED.put("--patience", TrialSpec::patience);
    CARRIED.put("--seed", TrialSpec::seed);
    CARRIED.put("--split", t -> t.split().name());
    CARRIED.put("--last", t -> t.split().last());
    CARRIED.put("--random", t -> t.split().random());
    CARRIED.put("--split-seed", t -> t.split().seed());
    CARRIED.put("--data-seed", t -> t.dataset().seed());
  }

  private static TrainCommand train(String... args) {
    TrainCommand command = new TrainCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private TrialSpec sweepTrial(String family) throws IOException {
    Path f = Files.writeString(dir.resolve("sweep.yaml"), "experiment: cli\ndataset: {synthetic: tiny}\nmodels: [{family: " + family + "}]\n");
    return SweepConfig.load(f, dir).expand().get(0);
  }

  @Test
  void trainAndASweepLeftToDefaultsRunTheSameTrial() throws IOException {
    for (String family : new String[] {"ials", "ease", "multvae"}) {
      TrialSpec fromTrain = train("--synthetic", "tiny", "--model", family, "--out", dir.resolve("out").toString()).spec();
      TrialSpec fromSweep = sweepTrial(family);
      assertEquals(fromTrain.key(), fromSweep.key(), family + ": train " + fromTrain.toJson() + "\nsweep " + fromSweep.toJson());
      assertEquals(ModelRegistry.get(family).defaultValues().getOrDefault(TrialSpec.EPOCHS, 0), fromSweep.epochs(),
          "epochs come from the family's param alone");
    }
  }

  @Test
  void theReadmeTableIsWhatTrainAndSweepsUse() throws IOException {
    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("../README.md"))) {
      String[] cells = line.split("\\|");
      // | setting | sweep file | `train` | default |
      if (cells.length == 5 && cells[3].strip().startsWith("`--")) {
        String option = cells[3].strip().replace("`", "");
        documented.put(option, cells[4].strip().replace("`", ""));
      }
    }
    assertTrue(documented.keySet().containsAll(CARRIED.keySet()), "README defaults table rows: " + documented);
    CommandLine.Model.CommandSpec spec = new CommandLine(new TrainCommand()).getCommandSpec();
    TrialSpec fromSweep = sweepTrial("ials");
    TrialSpec fromTrain = train("--synthetic", "tiny", "--model", "ials", "--out", dir.resolve("out").toString()).spec();
    CARRIED.forEach((option, carried) -> {
      String readme = documented.get(option);
      CommandLine.Model.OptionSpec o = spec.findOption(option);
      assertNotNull(o, option);
      assertEquals(readme, o.defaultValue(), option + ": README against train --help");
      assertEquals(readme, String.valueOf(carried.apply(fromSweep)), option + ": README against a sweep file's default");
      assertEquals(readme, String.valueOf(carried.apply(fromTrain)), option + ": README against train's trial");
    });
  }
}
