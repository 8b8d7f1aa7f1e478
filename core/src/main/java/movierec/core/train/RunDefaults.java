package movierec.core.train;

/**
 * The defaults of a training run, defined once: {@code train}, sweep files, the leaderboard and the
 * README's defaults table all read them here (a test checks the table). How many epochs a family
 * trains is its own {@code epochs} parameter, listed by {@code movierec families}.
 */
public final class RunDefaults {
  /** The competition's metric; it picks each run's best epoch and ranks runs. */
  public static final String METRIC = "recall_at_10";
  /** Early stopping after this many epochs without gain (0 = off): a family's first run ends near its best epoch at any data size. */
  public static final int PATIENCE = 10;
  /** Seed of the model's own randomness (initialization, sampling). */
  public static final long SEED = 0;
  /** Seed of the validation split, separate from the model seed so that changing one keeps the other. */
  public static final long SPLIT_SEED = 1;
  /** Items held out per user by the holdout split: the last ones, plus random earlier ones, as the hidden answers are drawn. */
  public static final int HOLDOUT_LAST = 1;
  public static final int HOLDOUT_RANDOM = 9;
  /** Generator seed of synthetic data. */
  public static final long DATA_SEED = 42;

  private RunDefaults() {}
}
