package movierec.runners.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import movierec.core.data.DatasetLoader;
import movierec.models.ModelRegistry;
import movierec.runners.trial.ModelDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes of the CLI, run in-process: 0 success, 2 bad input or usage. */
class MainTest {
  @TempDir Path dir;

  @Test
  void synthTrainValidateOnTiny() throws IOException {
    Path data = dir.resolve("tiny");
    assertEquals(0, Main.run("data", "synth", "--preset", "tiny", "--seed", "3", "--out", data.toString()));
    Path run = dir.resolve("run");
    assertEquals(0, Main.run("train", "--data", data.toString(), "--model", "mostpop", "--out", run.toString()));
    Path submission = run.resolve("submission.csv");
    assertEquals(1 + DatasetLoader.load(data).numUsers() * 10, Files.readAllLines(submission).size());
    assertEquals(0, Main.run("validate", "--data", data.toString(), submission.toString()));

    List<String> lines = Files.readAllLines(submission);
    Files.write(submission, lines.subList(0, lines.size() - 1));
    assertEquals(Main.BAD_INPUT, Main.run("validate", "--data", data.toString(), submission.toString()), "a user with 9 rows");
  }

  @Test
  void trainRecordsEveryResolvedParamAndTheModelFolder() throws IOException {
    Path run = dir.resolve("run");
    assertEquals(0, train("--model", "ease", "--set", "lambda=50"));
    var config = movierec.runners.trial.TrialSpec.fromJson(Files.readString(run.resolve("config.json")));
    assertEquals(ModelRegistry.get("ease").resolve(Map.of("lambda", 50)), config.params(), "defaults included");
    var descriptor = ModelDescriptor.fromJson(Files.readString(run.resolve("model").resolve(ModelDescriptor.FILE)), "model.json");
    assertEquals(config.params(), descriptor.params());
    assertTrue(Files.size(run.resolve("model").resolve(ModelDescriptor.MODEL_FILE)) > 0);
  }

  @Test
  void dryRunShowsEveryResolvedParam() throws IOException {
    Path sweep = dir.resolve("sweep.yaml");
    Files.writeString(sweep, "experiment: e\ndataset: {synthetic: tiny}\nmodels:\n  - family: bpr\n    params: {factors: [8, 16]}\n");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.run("sweep", sweep.toString(), "--dry-run"));
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    for (int factors : new int[] {8, 16}) {
      String resolved = ModelRegistry.get("bpr").resolve(Map.of("factors", factors)).toString();
      assertTrue(printed.contains("bpr        " + resolved), resolved + " in\n" + printed);
    }
  }

  @Test
  void badParameterOverrideIsBadInput() {
    assertEquals(Main.BAD_INPUT, train("--set", "no_such_param=1"));
    assertEquals(Main.BAD_INPUT, train("--set", "missing_equals_sign"));
    assertFalse(Files.exists(dir.resolve("run").resolve("submission.csv")));
  }

  @Test
  void unknownFamilyIsBadInput() {
    assertEquals(Main.BAD_INPUT, Main.run("train", "--synthetic", "tiny", "--model", "no-such-family", "--out", dir.resolve("run").toString()));
  }

  @Test
  void unknownOptionIsBadInput() {
    assertEquals(Main.BAD_INPUT, Main.run("data", "synth", "--preset", "tiny", "--bogus"));
  }

  @Test
  void convertLinesThenTrain() throws IOException {
    Path lines = dir.resolve("seq.txt");
    StringBuilder sb = new StringBuilder();
    for (int u = 1; u <= 30; u++) {
      sb.append(u);
      for (int k = 0; k < 20; k++) sb.append(' ').append(1 + (u * 7 + k * 3) % 40);
      sb.append('\n');
    }
    Files.writeString(lines, sb);
    Path data = dir.resolve("converted");
    assertEquals(0, Main.run("data", "convert", "--from", "lines", lines.toString(), "--out", data.toString()));
    assertEquals(30, DatasetLoader.load(data).numUsers());
    assertEquals(0, Main.run("train", "--data", data.toString(), "--model", "mostpop", "--out", dir.resolve("run").toString()));
  }

  @Test
  void convertWithBadInputExitsTwoAndWritesNothing() throws IOException {
    Path lines = dir.resolve("seq.txt");
    Files.writeString(lines, "1 2 3\n2 x 4\n");
    Path out = dir.resolve("converted");
    assertEquals(Main.BAD_INPUT, Main.run("data", "convert", "--from", "lines", lines.toString(), "--out", out.toString()));
    assertFalse(Files.exists(out));
    assertEquals(Main.BAD_INPUT, Main.run("data", "convert", "--from", "netflix", lines.toString(), "--out", out.toString()));
    assertEquals(Main.BAD_INPUT, Main.run("data", "convert", "--from", "ml-1m", dir.resolve("none").toString(), "--out", out.toString()));
    assertTrue(Files.exists(lines), "the source is untouched");
  }

  private int train(String... extra) {
    boolean model = java.util.Arrays.asList(extra).contains("--model");
    String[] base = model ? new String[] {"train", "--synthetic", "tiny", "--out", dir.resolve("run").toString()}
        : new String[] {"train", "--synthetic", "tiny", "--model", "mostpop", "--out", dir.resolve("run").toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Main.run(args);
  }
}
