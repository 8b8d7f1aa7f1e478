package movierec.runners.trial;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import movierec.core.data.Dataset;
import movierec.core.data.InputException;
import movierec.core.eval.RankedLists;
import movierec.core.model.Model;
import movierec.core.train.Trainer;
import movierec.core.train.TrainingPlan;
import movierec.models.ModelRegistry;

/** A model folder ({@link ModelDescriptor#DIR}) loaded back without refitting, ready to rank. */
public record StoredModel(ModelDescriptor descriptor, Model model) {

  /**
   * Builds the descriptor's family with its params and loads the model file into it.
   *
   * @throws InputException naming the file when the folder is not a model of a format this code reads
   */
  public static StoredModel load(Path dir) throws IOException {
    Path descriptorFile = dir.resolve(ModelDescriptor.FILE);
    Path modelFile = dir.resolve(ModelDescriptor.MODEL_FILE);
    ModelDescriptor descriptor = ModelDescriptor.fromJson(read(descriptorFile), descriptorFile.toString());
    Model model;
    try {
      model = ModelRegistry.get(descriptor.family()).create(descriptor.params());
    } catch (InputException e) {
      throw new InputException(descriptorFile + ": " + e.getMessage());
    }
    descriptor.requireFormat(model, descriptorFile.toString());
    try (InputStream in = Files.newInputStream(modelFile)) {
      model.load(in);
    } catch (NoSuchFileException e) {
      throw new InputException(modelFile + ": missing");
    } catch (IOException | RuntimeException e) {
      throw new InputException(modelFile + ": model: cannot load: " + e.getMessage(), e);
    }
    return new StoredModel(descriptor, model);
  }

  /** Every user's ranked list on {@code data}, which must index the model's users and items, under the trial's filters. */
  public RankedLists rank(Dataset data, String where) {
    descriptor.requireSameIds(data, where);
    return Trainer.rankAll(model, data, TrainingPlan.defaults(0).withFilters(descriptor.filters()));
  }

  private static String read(Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": missing");
    }
  }
}
