package movierec.submissions.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Evaluation;
import movierec.core.eval.Evaluator;
import movierec.core.eval.RankedLists;
import movierec.core.split.Split;
import movierec.core.train.TrainingPlan;
import movierec.submissions.Submission;

/**
 * Votes (or blends) the sources' validation lists into the ensemble's validation lists, evaluated on the
 * same split the sources were validated on, and their final lists into the submission's lists. Votes
 * come from each source's top {@link Submission#SIZE}, blending reads each source's whole stored list
 * with its scores (a trial's top {@link TrainingPlan#DEFAULT_DEPTH}); the kept lists are as deep as a trial's.
 */
public final class Ensemble {
  /** One source run's lists, read onto the dataset's indices. */
  public record Source(String runId, String family, double metric, double givenWeight, RankedLists validation, RankedLists finalLists) {}

  /** Normalized weights (hard voting: all equal) and the validation result they give. */
  public record Weighting(double[] weights, Evaluation validation) {
    public double metric(EnsembleSpec spec) {
      return validation.get(spec.metric().metric());
    }
  }

  /**
   * @param auto when the weights were tuned, what auto weights give, for comparison
   * @param sources each source's own validation result on the same split
   */
  public record Result(Weighting chosen, Optional<Weighting> auto, RankedLists finalLists, List<Evaluation> sources) {}

  private Ensemble() {}

  /**
   * @param split the validation split all sources were scored on
   * @param filters the candidate filters of the sources' trials; seen items are always excluded
   */
  public static Result build(List<Source> sources, EnsembleSpec spec, Dataset data, Split split, CandidateFilters filters) {
    if (sources.size() < 2) throw new IllegalArgumentException("an ensemble needs at least 2 source runs, got " + sources.size());
    int depth = TrainingPlan.DEFAULT_DEPTH;
    CandidateFilters.Exclusions validationExclusions = filters.build(split.train(), data.side());
    Evaluator evaluator = new Evaluator(split.truth(), validationExclusions, data.numItems(), spec.metric().k(), depth);
    int[] validationUsers = IntStream.range(0, split.truth().length).filter(u -> split.truth()[u].length > 0).toArray();
    List<RankedLists> validationLists = sources.stream().map(Source::validation).toList();

    // Validation lists are scored by the evaluator alone, so that every weighting is judged the same way.
    Function<double[], Evaluation> validate = w -> evaluator.score(
        spec.method().combiner(w, spec).combine(validationLists, validationUsers, validationExclusions, depth));

    double[] auto = WeightTuner.normalize(sources.stream().mapToDouble(s -> Math.max(0, s.metric())).toArray());
    double[] chosen = switch (spec.weights()) {
      case GIVEN -> WeightTuner.normalize(spec.method() == VotingMethod.HARD ? ones(sources.size())
          : sources.stream().mapToDouble(Source::givenWeight).toArray());
      case AUTO -> auto;
      case TUNED -> WeightTuner.tune(w -> validate.apply(w).get(spec.metric().metric()), auto, spec.tuneSamples(), spec.seed());
    };
    Weighting result = new Weighting(chosen, validate.apply(chosen));
    Optional<Weighting> autoResult = spec.weights() == WeightMode.TUNED ? Optional.of(new Weighting(auto, validate.apply(auto))) : Optional.empty();

    int[] allUsers = IntStream.range(0, data.numUsers()).toArray();
    RankedLists finalLists = spec.method().combiner(chosen, spec)
        .combine(sources.stream().map(Source::finalLists).toList(), allUsers, filters.build(data.interactions(), data.side()), depth);
    List<Evaluation> sourceResults = new ArrayList<>();
    for (Source s : sources) sourceResults.add(evaluator.score(s.validation()));
    return new Result(result, autoResult, finalLists, sourceResults);
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }
}
