package movierec.runners.trial;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetWriter;
import movierec.core.data.Interactions;
import movierec.core.eval.RankedLists;
import movierec.core.model.Model;
import movierec.core.model.ModelFamily;
import movierec.core.split.Split;
import movierec.core.train.EpochSink;
import movierec.core.train.Trainer;
import movierec.core.train.TrainingPlan;
import movierec.models.ModelRegistry;
import movierec.submissions.Submission;
import movierec.submissions.TopKFile;
import movierec.tracking.DatasetInput;

/**
 * Runs one trial from its spec, knowing nothing family-specific: load data, split, fit with
 * per-epoch validation, write the validation top-K, refit on all data, write the final top-K and the
 * submission, and the model file with its descriptor where the family has one. A trial the sink stopped
 * (pruned) ends after its validation top-K: its best epoch's metrics and lists are its result, and it is
 * not refitted.
 */
public final class TrialRunner {
  public static final String CONFIG = "config.json";
  /** Splits of the cached datasets: a sweep uses one, a worker a few. */
  static final RecentCache<String, Split> SPLITS = new RecentCache<>(4);

  private TrialRunner() {}

  public static TrialResult run(TrialSpec spec, Path outDir, EpochSink sink) throws IOException {
    ModelFamily<?> family = ModelRegistry.get(spec.family());
    family.params(spec.params()); // fail on bad params before loading data
    Files.createDirectories(outDir);
    DatasetWriter.atomically(outDir.resolve(CONFIG), w -> w.write(spec.resolved().toJson()));
    Dataset data = spec.dataset().load();
    Split split = SPLITS.get(data.hash() + "/" + spec.split(), k -> spec.split().apply(data.interactions()));
    TrainingPlan plan = spec.plan();

    Trainer.Validated validated = Trainer.validate(family.create(spec.params()), data, split, plan, sink);
    TopKFile.write(validated.evaluation().lists(), data, outDir.resolve(TopKFile.VALIDATION));
    if (validated.stoppedBy() != null) {
      return new TrialResult(validated.evaluation(), validated.bestEpoch(), validated.fitSeconds(), 0, data.hash(), split.hash(), outDir,
          inputs(spec.dataset(), split), null, validated.epochs(), validated.stoppedBy());
    }

    long refitStart = System.nanoTime();
    Model finalModel = family.create(spec.params());
    RankedLists lists = Trainer.refitAndRank(() -> finalModel, data, plan, validated.bestEpoch());
    double refitSeconds = (System.nanoTime() - refitStart) / 1e9;
    TopKFile.write(lists, data, outDir.resolve(TopKFile.FINAL));
    Submission.write(lists, data, outDir.resolve(Submission.FILE));
    Path modelDir = finalModel.persistable() ? save(finalModel, ModelDescriptor.of(spec.family(), family.resolve(spec.params()), finalModel, data,
        spec.filters()), outDir.resolve(ModelDescriptor.DIR)) : null;
    return new TrialResult(validated.evaluation(), validated.bestEpoch(), validated.fitSeconds(), refitSeconds, data.hash(), split.hash(), outDir,
        inputs(spec.dataset(), split), modelDir, validated.epochs(), null);
  }

  /** The model file and its descriptor in {@code dir}; returns {@code dir}. */
  private static Path save(Model model, ModelDescriptor descriptor, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(ModelDescriptor.MODEL_FILE + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      model.save(out);
    }
    Files.move(tmp, dir.resolve(ModelDescriptor.MODEL_FILE), StandardCopyOption.REPLACE_EXISTING);
    DatasetWriter.atomically(dir.resolve(ModelDescriptor.FILE), w -> w.write(descriptor.toJson()));
    return dir;
  }

  /** Training and validation data of the split; both carry the split hash, so the Dataset filter groups comparable runs. */
  static List<DatasetInput> inputs(DatasetSpec dataset, Split split) {
    String source = dataset.path() != null ? dataset.path() : "synthetic:" + dataset.synthetic() + " seed " + dataset.seed();
    String type = dataset.path() != null ? "local" : "synthetic";
    Interactions train = split.train();
    long answers = Arrays.stream(split.truth()).mapToLong(t -> t.length).sum();
    int answered = (int) Arrays.stream(split.truth()).filter(t -> t.length > 0).count();
    return List.of(
        new DatasetInput(dataset.label() + "/train", split.hash(), type, source, "training", train.numUsers(), train.numItems(), train.size()),
        new DatasetInput(dataset.label() + "/validation", split.hash(), type, source, "validation", answered, train.numItems(), answers));
  }
}
