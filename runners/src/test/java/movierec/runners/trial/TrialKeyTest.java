package movierec.runners.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import movierec.runners.sweep.SweepConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialKeyTest {
  @TempDir Path dir;

  private List<TrialSpec> expand(String models) throws IOException {
    Path f = dir.resolve("sweep.yaml");
    Files.writeString(f, "experiment: e\ndataset: {synthetic: tiny}\nmodels:\n" + models);
    return SweepConfig.load(f).expand();
  }

  @Test
  void identicalTrialsOfOneSweepAreOneTrial() throws IOException {
    List<TrialSpec> trials = expand("""
          - family: ease
            params: {lambda: [100, 100, 200, 100.0]}
          - family: mostpop
          - family: mostpop
        """);
    assertEquals(3, trials.size(), "trials: " + trials);
    assertEquals(List.of("ease", "ease", "mostpop"), trials.stream().map(TrialSpec::family).toList());
  }

  @Test
  void aDefaultWrittenOutIsTheSameTrial() throws IOException {
    TrialSpec implicit = expand("  - family: ials\n").get(0);
    Object factors = movierec.models.ModelRegistry.get("ials").defaultValues().get("factors");
    TrialSpec explicit = expand("  - family: ials\n    params: {factors: " + factors + "}\n").get(0);
    assertEquals(implicit.key(), explicit.key());
    assertEquals(1, expand("  - family: ials\n  - family: ials\n    params: {factors: " + factors + "}\n").size());
  }

  @Test
  void everythingThatDecidesTheResultChangesTheKey() throws IOException {
    TrialSpec base = expand("  - family: ease\n    params: {lambda: 100}\n").get(0);
    assertEquals(base.key(), TrialSpec.fromJson(base.toJson()).key(), "the key survives the scheduler's JSON");
    assertEquals(base.key(), withExperiment(base, "other").key(), "the experiment is where a trial is filed, not what it is");
    assertNotEquals(base.key(), expand("  - family: ease\n    params: {lambda: 101}\n").get(0).key());
    assertNotEquals(base.key(), new TrialSpec(base.experiment(), base.dataset(), base.split(), base.filters(), base.metric(), base.family(),
        base.params(), base.seed() + 1, base.patience()).key());
    assertNotEquals(base.key(), new TrialSpec(base.experiment(), DatasetSpec.synthetic("tiny", 7), base.split(), base.filters(), base.metric(),
        base.family(), base.params(), base.seed(), base.patience()).key());
    assertNotEquals(base.key(), new TrialSpec(base.experiment(), base.dataset(), base.split(), base.filters(), base.metric(), base.family(),
        base.params(), base.seed(), base.patience() + 1).key());
    TrialSpec ials = expand("  - family: ials\n").get(0);
    assertNotEquals(ials.key(), expand("  - family: ials\n    params: {epochs: " + (ials.epochs() + 1) + "}\n").get(0).key(), "epochs are a param");
    assertEquals(16, base.key().length());
    assertEquals(Map.of("lambda", 100), base.params());
  }

  private static TrialSpec withExperiment(TrialSpec t, String experiment) {
    return new TrialSpec(experiment, t.dataset(), t.split(), t.filters(), t.metric(), t.family(), t.params(), t.seed(), t.patience());
  }
}
