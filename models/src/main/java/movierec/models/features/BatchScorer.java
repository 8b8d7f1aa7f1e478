package movierec.models.features;

/** What {@link PairwiseSgd} trains: scores of a {@link PairBatch} and an AdaGrad step on them. */
public interface BatchScorer {

  /** Writes s(u, i) of every row into {@code scores}, keeping what {@link #step} needs. */
  void forward(PairBatch batch, float[] scores);

  /**
   * One {@link Adagrad} step along Σ_r coef[r] ∂s_r/∂θ + reg θ for the parameters the batch read, the
   * gradient taken at the values of the last {@link #forward} on this batch.
   */
  void step(PairBatch batch, float[] coef, float lr, float reg);

  /** s(u, i) of one pair (a batch of one row). */
  default float score(int user, int item, int numItems) {
    float[] s = new float[1];
    forward(PairBatch.of(user, item, numItems), s);
    return s[0];
  }
}
