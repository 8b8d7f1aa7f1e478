package movierec.core.model;

/** Anything that scores items for users: a fitted model, or an ensemble's vote. */
@FunctionalInterface
public interface Recommender {
  /**
   * Scores every item for each of {@code users}; {@code out} is at least users.length × numItems,
   * row-major. Higher is better; masking of seen or filtered items is the caller's job.
   */
  void score(int[] users, float[] out);
}
