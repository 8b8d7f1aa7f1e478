package movierec.models.seq;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;

/**
 * DJL's PyTorch engine as the sequential families use it: libtorch from the Maven artifact on the class path
 * (DJL's offline mode, so a fresh machine needs only Maven), a fixed number of intra-op threads, and one lock
 * around every training step.
 *
 * <p>The lock exists because DJL's PyTorch gradient collector is global: a second collector open at once in the
 * process throws. Nothing draws from libtorch's global generator (dropout masks come from the model's own, see
 * {@link Net#dropout}), so parallel trials in one process stay reproducible.
 */
public final class Torch {
  private static final Object STEP = new Object();
  private static final Engine ENGINE = load();

  private Torch() {}

  private static Engine load() {
    // Each setting only when the user has not chosen one (-D on the command line wins).
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", String.valueOf(threads())));
    // Inter-op threads only serve TorchScript graphs, which eager training never runs.
    System.setProperty("ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    System.setProperty("ai.djl.pytorch.graph_optimizer", System.getProperty("ai.djl.pytorch.graph_optimizer", "false"));
    return Engine.getEngine("PyTorch");
  }

  /**
   * libtorch's intra-op threads: OMP_NUM_THREADS when set (as ND4J, OpenBLAS and the Python reference read
   * it), else one per core.
   */
  public static int threads() {
    String env = System.getenv("OMP_NUM_THREADS");
    return env != null && env.matches("[1-9]\\d*") ? Integer.parseInt(env) : Runtime.getRuntime().availableProcessors();
  }

  /** The engine's name and version, for benchmark output. */
  public static String describe() {
    return ENGINE.getEngineName() + " " + ENGINE.getVersion() + ", " + System.getProperty("ai.djl.pytorch.num_threads") + " threads";
  }

  static NDManager newManager() {
    return ENGINE.newBaseManager();
  }

  /** Runs {@code step} (forward, backward and update) holding the process-wide step lock. */
  static <T> T train(Supplier<T> step) {
    synchronized (STEP) {
      return step.get();
    }
  }

  static GradientCollector gradients() {
    return ENGINE.newGradientCollector();
  }

  /**
   * Turns autograd recording off on this thread (libtorch's grad mode is per thread; DJL sets it only on the
   * thread that loaded the engine): scoring and parameter copies then record no graph.
   */
  static void noGrad() {
    JniUtils.setGradMode(false);
  }
}
