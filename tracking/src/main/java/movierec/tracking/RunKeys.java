package movierec.tracking;

/**
 * Tag and metric names movierec writes and reads back: the contract between the sweep runner that
 * logs runs and the leaderboard, ensembles and pull that read them.
 */
public final class RunKeys {
  /** {@code sweep}, {@code trial} or {@code ensemble}. */
  public static final String KIND = "movierec.kind";
  public static final String FAMILY = "movierec.family";
  public static final String SWEEP_ID = "movierec.sweep_id";
  public static final String CONFIG_HASH = "movierec.config_hash";
  public static final String DATASET = "movierec.dataset";
  public static final String DATASET_HASH = "movierec.dataset_hash";
  public static final String SPLIT_HASH = "movierec.split_hash";
  public static final String SEED = "movierec.seed";
  /** The scheduler instance that ran a trial. */
  public static final String NODE = "movierec.node";
  /** A trial's identity (hash of everything that decides its result): one FINISHED run per key and sweep. */
  public static final String TRIAL_KEY = "movierec.trial_key";
  /** A trial's spec as JSON: a resumed search rebuilds its sampler's history from it. */
  public static final String TRIAL_SPEC = "movierec.trial_spec";
  /** A trial's number in its sweep (the {@code -003} of {@code ials-003}). */
  public static final String TRIAL_NUMBER = "movierec.trial_number";
  /** Set on a trial the pruner stopped: at which epoch and why. The leaderboard leaves such trials out unless asked. */
  public static final String PRUNED = "movierec.pruned";
  /** Set by a clustered sweep's process on a running trial it decided to prune; the worker stops after its epoch. */
  public static final String PRUNE_REQUEST = "movierec.prune_request";
  /** Epoch milliseconds, refreshed while the run's process lives; an old one marks a stale run. */
  public static final String HEARTBEAT = "movierec.heartbeat";
  /** A failed trial's reason in one line, e.g. {@code data/x/train_ratings.csv:50: item: expected ...}. */
  public static final String ERROR = "movierec.error";
  /** Why a run was ended by someone other than its own process (stale, its worker stopped). */
  public static final String CLOSED_NOTE = "movierec.closed_note";
  /** The versioned format of the run's model file ({@code movierec.ease.v1}), also a tag of its logged model. */
  public static final String MODEL_FORMAT = "movierec.model_format";
  /** Ensembles: comma-separated source run ids and their weights. */
  public static final String SOURCE_RUNS = "movierec.source_runs";
  public static final String SOURCE_WEIGHTS = "movierec.source_weights";

  public static final String KIND_SWEEP = "sweep";
  public static final String KIND_TRIAL = "trial";
  public static final String KIND_ENSEMBLE = "ensemble";

  /** Per-epoch metrics use the plain key (step = epoch); the best epoch's value is logged under this prefix. */
  public static final String BEST_PREFIX = "best_";
  public static final String BEST_EPOCH = "best_epoch";
  public static final String FIT_SECONDS = "fit_seconds";
  public static final String REFIT_SECONDS = "refit_seconds";
  /** Wall time of the trial's own work (fit, validation, refit, files) without the tracking calls. */
  public static final String TRIAL_SECONDS = "trial_seconds";
  private static final String LOSS = "loss";
  public static final String EPOCH_SECONDS = "epoch_seconds";
  /** Epochs a trial ran (pruning and early stopping cut it short). */
  public static final String EPOCHS_RUN = "epochs_run";
  /** A sweep's best value after each finished trial, step = the trial's place in finishing order. */
  public static final String OPTIMIZATION_HISTORY = "optimization_history";
  /** A sweep's wall seconds so far, every process of a resumed sweep included: what its wall budget has spent. */
  public static final String WALL_SECONDS_SPENT = "wall_seconds_spent";

  private RunKeys() {}

  /** A sweep's best trial value: not {@code best_}, so that charts of the trials' {@code best_} bars leave the parent out. */
  public static final String SWEEP_BEST_PREFIX = "sweep_best_";

  /** The sweep parent's best trial value, e.g. sweep_best_recall_at_10. */
  public static String sweepBest(String metricKey) {
    return SWEEP_BEST_PREFIX + metricKey;
  }

  /**
   * A training loss: one key per family and objective ({@code loss/bpr}, {@code loss/fm_logloss}), so
   * that one chart never puts two meanings of "loss" side by side; MLflow groups them under "loss".
   */
  public static String loss(String family, Object objective) {
    return LOSS + "/" + family + (objective == null ? "" : "_" + objective);
  }

  /** The summary metric that ranks runs, e.g. best_recall_at_10. */
  public static String best(String metricKey) {
    return BEST_PREFIX + metricKey;
  }
}
