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
 *     (and for pruned trials, which are not refitted)
 * @param epochs epochs run (0 for closed-form families)
 * @param pruned why a pruner stopped the fit ({@code epoch 3: asha: ...}), null when it was not pruned; a pruned
 *     trial is not refitted, so it has validation lists only
 */
public record TrialResult(Evaluation validation, int bestEpoch, double fitSeconds, double refitSeconds, String datasetHash,
    String splitHash, Path artifacts, List<DatasetInput> inputs, Path modelDir, int epochs, String pruned) {}
