package movierec.runners.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.data.InputException;
import movierec.core.eval.CandidateFilters;
import movierec.core.split.SplitProtocol;
import movierec.core.synth.SyntheticConfig;
import movierec.core.synth.SyntheticData;
import movierec.core.train.EpochSink;
import movierec.submissions.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial's model folder loads back without refitting and ranks exactly as the trial did. */
class StoredModelTest {
  @TempDir Path dir;

  private TrialResult trial(String family, Map<String, Object> params, long dataSeed) throws Exception {
    TrialSpec spec = new TrialSpec("t", DatasetSpec.synthetic("tiny", dataSeed), SplitProtocol.named(SplitProtocol.HOLDOUT, 1, 4, 2),
        new CandidateFilters(null, 2), "recall_at_10", family, params, 5, 3, 0);
    return TrialRunner.run(spec, dir.resolve(family + "-" + dataSeed), EpochSink.NONE);
  }

  @Test
  void aStoredModelGivesTheTrialsOwnSubmission() throws Exception {
    TrialResult result = trial("ease", Map.of("lambda", 50), 3);
    StoredModel stored = StoredModel.load(result.modelDir());
    assertEquals("ease", stored.descriptor().family());
    assertEquals(50.0, ((Number) stored.descriptor().params().get("lambda")).doubleValue());
    assertEquals(new CandidateFilters(null, 2), stored.descriptor().filters());
    Dataset data = DatasetSpec.synthetic("tiny", 3).load();
    Path again = dir.resolve("again.csv");
    Submission.write(stored.rank(data, "tiny"), data, again);
    assertArrayEquals(Files.readAllBytes(result.artifacts().resolve(Submission.FILE)), Files.readAllBytes(again));
  }

  @Test
  void dataWithOtherUsersOrItemsIsRefusedInOneLine() throws Exception {
    StoredModel stored = StoredModel.load(trial("ease", Map.of(), 3).modelDir());
    SyntheticConfig t = SyntheticConfig.TINY;
    Dataset fewerUsers = SyntheticData.generate(new SyntheticConfig(t.users() - 1, t.items(), t.medianHistory(), t.historySigma(), t.minHistory(),
        t.maxHistory(), t.genres(), t.directors(), t.writers()), 3, "fewer");
    InputException e = assertThrows(InputException.class, () -> stored.rank(fewerUsers, "data/other"));
    assertTrue(e.getMessage().startsWith("data/other: users and items ("), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aFileOfAnotherFormatIsRefusedNamingTheDescriptor() throws Exception {
    Path model = trial("ease", Map.of(), 3).modelDir();
    Path descriptor = model.resolve(ModelDescriptor.FILE);
    Files.writeString(descriptor, Files.readString(descriptor).replace("movierec.ease.v1", "movierec.ease.v0"));
    InputException e = assertThrows(InputException.class, () -> StoredModel.load(model));
    assertEquals(descriptor + ": format: model file is movierec.ease.v0, this version of ease reads movierec.ease.v1", e.getMessage());
  }

  @Test
  void aMissingOrCorruptModelFileIsAnInputError() throws Exception {
    Path model = trial("ease", Map.of(), 3).modelDir();
    Files.write(model.resolve(ModelDescriptor.MODEL_FILE), new byte[] {1, 2, 3});
    InputException e = assertThrows(InputException.class, () -> StoredModel.load(model));
    assertTrue(e.getMessage().startsWith(model.resolve(ModelDescriptor.MODEL_FILE) + ": model: cannot load: "), e.getMessage());
    Files.delete(model.resolve(ModelDescriptor.MODEL_FILE));
    assertEquals(model.resolve(ModelDescriptor.MODEL_FILE) + ": missing", assertThrows(InputException.class, () -> StoredModel.load(model)).getMessage());
  }
}
