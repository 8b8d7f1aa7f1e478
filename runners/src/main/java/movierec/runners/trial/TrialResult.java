package movierec.runners.trial;

import java.nio.file.Path;
import java.util.List;
import movierec.core.eval.Evaluation;
import movierec.tracking.DatasetInput;

/**
 * What a finished trial produced: validation metrics at the best epoch, timings and its artifact
 * folder (resolved config, validation and final top-K lists, submission, model folder).
 *
 * @param splitHash proves which validation answers the metrics were computed on
 * @param inputs the training and validation data, as MLflow datasets
 * @param modelDir the model file and its {@link ModelDescriptor}, inside {@code artifacts}; null for families without one
 */
public record TrialResult(Evaluation validation, int bestEpoch, double fitSeconds, double refitSeconds, String datasetHash,
    String splitHash, Path artifacts, List<DatasetInput> inputs, Path modelDir) {}
