package movierec.models.features;

/** What {@link PairwiseSgd} trains: a score of one (user, item) pair and an SGD step on it. */
public interface PairScorer {

  /** The score s(u, i) at the current parameters. */
  float score(int user, int item);

  /**
   * One {@link Adagrad} step along coef ∂s(u, i)/∂θ + reg θ for the parameters that s(u, i) reads, with
   * the gradient taken at the values before the step.
   */
  void step(int user, int item, float coef, float lr, float reg);
}
