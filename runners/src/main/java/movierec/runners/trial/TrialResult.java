package movierec.runners.trial;

import java.util.List;
import movierec.tracking.DatasetInput;
import java.nio.file.Path;
import movierec.core.eval.Evaluation;

/**
 * What a finished trial produced: validation metrics at the best epoch, timings and its artifact
 * folder (resolved config, validation and final top-K lists, submission, model file).
 *
 * @param splitHash proves which validation answers the metrics were computed on
 * @param inputs the training and validation data, as MLflow datasets
 * @param epochs epochs run (0 for closed-form families)
 * @param pruned why a pruner stopped the fit ({@code epoch 3: asha: ...}), null when it was not pruned; a pruned
 *     trial is not refitted, so it has validation lists only
 */
public record TrialResult(Evaluation validation, int bestEpoch, double fitSeconds, double refitSeconds, String datasetHash,
    String splitHash, Path artifacts, List<DatasetInput> inputs, int epochs, String pruned) {}
