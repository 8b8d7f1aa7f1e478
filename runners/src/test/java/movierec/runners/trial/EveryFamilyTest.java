package movierec.runners.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import movierec.core.eval.CandidateFilters;
import movierec.core.split.SplitProtocol;
import movierec.core.train.EpochSink;
import movierec.models.ModelRegistry;
import movierec.submissions.Submission;
import movierec.submissions.SubmissionValidator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/** The trial runner knows nothing family-specific: every registered family runs through it to a valid submission. */
@Tag("slow")
class EveryFamilyTest {
  @TempDir Path dir;

  static Stream<String> families() {
    return ModelRegistry.all().stream().map(f -> f.name());
  }

  @ParameterizedTest
  @MethodSource("families")
  void runsToAValidSubmission(String family) throws Exception {
    // Two epochs per training stage, through the family's own params (epochs, S3Rec's pretrain_epochs).
    Map<String, Object> params = new java.util.HashMap<>();
    ModelRegistry.get(family).defaultValues().keySet().stream().filter(k -> k.equals(TrialSpec.EPOCHS) || k.endsWith("_" + TrialSpec.EPOCHS))
        .forEach(k -> params.put(k, 2));
    TrialSpec spec = new TrialSpec("test", DatasetSpec.synthetic("tiny", 1), SplitProtocol.holdout(2), CandidateFilters.SEEN_ONLY,
        "recall_at_10", family, params, 3, 0);
    TrialResult result = TrialRunner.run(spec, dir, EpochSink.NONE);
    assertTrue(result.validation().recall() > 0, family + " found no held-out item");
    var report = SubmissionValidator.validate(dir.resolve(Submission.FILE), spec.dataset().load());
    assertTrue(report.ok(), family + ": " + report.describe());
    // A family with a model file serves the same submission from it, loaded without refitting.
    if (result.modelDir() != null) {
      Path again = dir.resolve("again.csv");
      Submission.write(StoredModel.load(result.modelDir()).rank(spec.dataset().load(), "tiny"), spec.dataset().load(), again);
      assertArrayEquals(Files.readAllBytes(dir.resolve(Submission.FILE)), Files.readAllBytes(again), family + ": stored model's submission");
    }
  }
}
