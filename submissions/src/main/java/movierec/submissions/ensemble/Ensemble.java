package movierec.submissions.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
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
   * Tuned weights scored on validation users the tuning did not see (see {@link HonestTuning}).
   *
   * @param weights tuned on the other half of the validation users
   * @param ensemble the ensemble with those weights on the held-out half
   * @param autoWeights the ensemble with auto weights on the held-out half
   * @param sources each source on the held-out half
   */
  public record HeldOut(double[] weights, Evaluation ensemble, Evaluation autoWeights, List<Evaluation> sources) {}

  /**
   * @param auto when the weights were tuned, what auto weights give, for comparison
   * @param heldOut when the weights were tuned, the honest figures on held-out validation users
   * @param sources each source's own validation result on the same split
   */
  public record Result(Weighting chosen, Optional<Weighting> auto, Optional<HeldOut> heldOut, RankedLists finalLists, List<Evaluation> sources) {}

  private Ensemble() {}

  /**
   * @param split the validation split all sources were scored on
   * @param filters the candidate filters of the sources' trials; seen items are always excluded
   */
  public static Result build(List<Source> sources, EnsembleSpec spec, Dataset data, Split split, CandidateFilters filters) {
    if (sources.size() < 2) throw new IllegalArgumentException("an ensemble needs at least 2 source runs, got " + sources.size());
    if (spec.method() == VotingMethod.STACK) return stack(sources, spec, data, split, filters);
    int depth = TrainingPlan.DEFAULT_DEPTH;
    CandidateFilters.Exclusions validationExclusions = filters.build(split.train(), data.side());
    Evaluator evaluator = new Evaluator(split.truth(), validationExclusions, data.numItems(), spec.metric().k(), depth);
    int[] validationUsers = IntStream.range(0, split.truth().length).filter(u -> split.truth()[u].length > 0).toArray();
    List<RankedLists> validationLists = sources.stream().map(Source::validation).toList();

    // Validation lists are scored by the evaluator alone, so that every weighting is judged the same way;
    // on a subset of users, only their lists are combined and only their answers read.
    BiFunction<double[], int[], Evaluation> validateOn = (w, users) -> evaluatorOn(split.truth(), users, validationExclusions, data, spec, depth)
        .score(spec.method().combiner(w, spec).combine(validationLists, users, validationExclusions, depth));
    Function<double[], Evaluation> validate = w -> validateOn.apply(w, validationUsers);
    // A weight search tries hundreds of weightings: blending's candidates are normalized once for all of them.
    BiFunction<double[], int[], Evaluation> searchOn = validateOn;
    if (spec.method() == VotingMethod.BLEND) {
      BlendTable table = BlendTable.of(validationLists, spec.normalization(), validationUsers, validationExclusions);
      searchOn = (w, users) -> table.evaluate(w, users, split.truth(), spec.metric().k());
    }
    BiFunction<double[], int[], Evaluation> search = searchOn;

    double[] auto = WeightTuner.normalize(sources.stream().mapToDouble(s -> Math.max(0, s.metric())).toArray());
    double[] chosen = switch (spec.weights()) {
      case GIVEN -> WeightTuner.normalize(spec.method() == VotingMethod.HARD ? ones(sources.size())
          : sources.stream().mapToDouble(Source::givenWeight).toArray());
      case AUTO -> auto;
      case TUNED -> WeightTuner.tune(w -> search.apply(w, validationUsers).get(spec.metric().metric()), auto, spec.tuneSamples(), spec.seed());
    };
    Weighting result = new Weighting(chosen, validate.apply(chosen));
    Optional<Weighting> autoResult = spec.weights() == WeightMode.TUNED ? Optional.of(new Weighting(auto, validate.apply(auto))) : Optional.empty();
    Optional<HeldOut> heldOut = Optional.empty();
    // A single validation user cannot be split; such a toy split keeps only the optimistic figure.
    if (spec.weights() == WeightMode.TUNED && validationUsers.length >= 2) {
      HonestTuning.Outcome honest = HonestTuning.run(validationUsers, auto, spec.tuneSamples(), spec.seed(), search, e -> e.get(spec.metric().metric()));
      Evaluator heldOutEvaluator = evaluatorOn(split.truth(), honest.heldOutUsers(), validationExclusions, data, spec, depth);
      heldOut = Optional.of(new HeldOut(honest.weights(), honest.ensemble(), validateOn.apply(auto, honest.heldOutUsers()),
          sources.stream().map(s -> heldOutEvaluator.score(s.validation())).toList()));
    }

    int[] allUsers = IntStream.range(0, data.numUsers()).toArray();
    RankedLists finalLists = spec.method().combiner(chosen, spec)
        .combine(sources.stream().map(Source::finalLists).toList(), allUsers, filters.build(data.interactions(), data.side()), depth);
    List<Evaluation> sourceResults = new ArrayList<>();
    for (Source s : sources) sourceResults.add(evaluator.score(s.validation()));
    return new Result(result, autoResult, heldOut, finalLists, sourceResults);
  }

  /**
   * Stacking ({@link Stacking}): trained on the tuning half of the validation users and scored on the
   * held-out half, then trained on all validation users for the submission. The weights reported are each
   * source's share of the trees' split gain; the auto-weights figure beside it is an auto-weighted z-score
   * blend of the same sources, the weighting stacking has to beat.
   */
  private static Result stack(List<Source> sources, EnsembleSpec spec, Dataset data, Split split, CandidateFilters filters) {
    int depth = TrainingPlan.DEFAULT_DEPTH;
    int k = spec.metric().k();
    CandidateFilters.Exclusions exclusions = filters.build(split.train(), data.side());
    int[] validationUsers = IntStream.range(0, split.truth().length).filter(u -> split.truth()[u].length > 0).toArray();
    if (validationUsers.length < 6) throw new IllegalArgumentException("stacking needs at least 6 validation users, got " + validationUsers.length);
    List<RankedLists> validationLists = sources.stream().map(Source::validation).toList();
    Stacking.Context validationContext = Stacking.Context.of(split.train(), data.side());
    double[] auto = WeightTuner.normalize(sources.stream().mapToDouble(s -> Math.max(1e-12, s.metric())).toArray());
    EnsembleSpec blend = new EnsembleSpec(VotingMethod.BLEND, WeightMode.AUTO, RankDecay.NONE, ScoreNormalization.ZSCORE, spec.metric(), spec.tuneSamples(), spec.seed());

    int[][] parts = HonestTuning.parts(validationUsers, spec.seed());
    Stacking.Fitted honest = Stacking.fit(validationLists, parts[0], split.truth(), exclusions, validationContext, k, spec.seed());
    Evaluator heldOutEvaluator = evaluatorOn(split.truth(), parts[1], exclusions, data, spec, depth);
    HeldOut heldOut = new HeldOut(honest.sourceImportance(),
        heldOutEvaluator.score(honest.combine(validationLists, parts[1], exclusions, validationContext, depth)),
        heldOutEvaluator.score(blend.method().combiner(auto, blend).combine(validationLists, parts[1], exclusions, depth)),
        sources.stream().map(s -> heldOutEvaluator.score(s.validation())).toList());

    Stacking.Fitted all = Stacking.fit(validationLists, validationUsers, split.truth(), exclusions, validationContext, k, spec.seed());
    Evaluator evaluator = new Evaluator(split.truth(), exclusions, data.numItems(), k, depth);
    Weighting chosen = new Weighting(all.sourceImportance(), evaluator.score(all.combine(validationLists, validationUsers, exclusions, validationContext, depth)));
    Weighting autoBlend = new Weighting(auto, evaluator.score(blend.method().combiner(auto, blend).combine(validationLists, validationUsers, exclusions, depth)));
    int[] allUsers = IntStream.range(0, data.numUsers()).toArray();
    RankedLists finalLists = all.combine(sources.stream().map(Source::finalLists).toList(), allUsers, filters.build(data.interactions(), data.side()),
        Stacking.Context.of(data.interactions(), data.side()), depth);
    List<Evaluation> sourceResults = sources.stream().map(s -> evaluator.score(s.validation())).toList();
    return new Result(chosen, Optional.of(autoBlend), Optional.of(heldOut), finalLists, sourceResults);
  }

  /**
   * Greedy forward selection of at most {@code maxMembers} of {@code pool} (best first), judged by the
   * spec's method with auto weights on the tuning part of the validation users only, so that the
   * held-out part stays unseen by selection as by weight tuning.
   */
  public static List<MemberSelection.Step> selectMembers(List<Source> pool, EnsembleSpec spec, Dataset data, Split split, CandidateFilters filters,
      int maxMembers) {
    if (spec.method() == VotingMethod.STACK) {
      throw new IllegalArgumentException("greedy selection judges each set of members by combining them; stacking weighs all the members it is given itself");
    }
    int depth = TrainingPlan.DEFAULT_DEPTH;
    CandidateFilters.Exclusions exclusions = filters.build(split.train(), data.side());
    int[] validationUsers = IntStream.range(0, split.truth().length).filter(u -> split.truth()[u].length > 0).toArray();
    int[] tune = validationUsers.length >= 2 ? HonestTuning.parts(validationUsers, spec.seed())[0] : validationUsers;
    Evaluator evaluator = evaluatorOn(split.truth(), tune, exclusions, data, spec, depth);
    return MemberSelection.greedy(pool.size(), maxMembers, members -> {
      List<RankedLists> lists = Arrays.stream(members).mapToObj(m -> pool.get(m).validation()).toList();
      double[] auto = WeightTuner.normalize(Arrays.stream(members).mapToDouble(m -> Math.max(1e-12, pool.get(m).metric())).toArray());
      return evaluator.score(spec.method().combiner(auto, spec).combine(lists, tune, exclusions, depth)).get(spec.metric().metric());
    });
  }

  /**
   * An ensemble of fixed weights, beside auto weights and each source, on the held-out part of the
   * validation users: the part that {@link #build}'s honest tuning and {@link #selectMembers} never read,
   * so that ensembles of given, auto and tuned weights compare on the same users.
   */
  public static HeldOut heldOut(List<Source> sources, double[] weights, EnsembleSpec spec, Dataset data, Split split, CandidateFilters filters) {
    int depth = TrainingPlan.DEFAULT_DEPTH;
    CandidateFilters.Exclusions exclusions = filters.build(split.train(), data.side());
    int[] heldOut = heldOutUsers(split, spec.seed());
    Evaluator evaluator = evaluatorOn(split.truth(), heldOut, exclusions, data, spec, depth);
    List<RankedLists> lists = sources.stream().map(Source::validation).toList();
    double[] auto = WeightTuner.normalize(sources.stream().mapToDouble(s -> Math.max(1e-12, s.metric())).toArray());
    return new HeldOut(weights, evaluator.score(spec.method().combiner(weights, spec).combine(lists, heldOut, exclusions, depth)),
        evaluator.score(spec.method().combiner(auto, spec).combine(lists, heldOut, exclusions, depth)),
        sources.stream().map(s -> evaluator.score(s.validation())).toList());
  }

  /** The held-out part of the split's validation users for a tuning seed (at least 2 validation users). */
  public static int[] heldOutUsers(Split split, long seed) {
    int[] validationUsers = IntStream.range(0, split.truth().length).filter(u -> split.truth()[u].length > 0).toArray();
    return HonestTuning.parts(validationUsers, seed)[1];
  }

  /** An evaluator that reads the answers of {@code users} only. */
  private static Evaluator evaluatorOn(int[][] truth, int[] users, CandidateFilters.Exclusions exclusions, Dataset data, EnsembleSpec spec, int depth) {
    int[][] masked = new int[truth.length][0];
    for (int u : users) masked[u] = truth[u];
    return new Evaluator(masked, exclusions, data.numItems(), spec.metric().k(), depth);
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }
}
