package movierec.tracking;

import java.util.regex.Pattern;

/**
 * Links into the MLflow UI. MLflow 3 opens experiments and runs in its GenAI view ("Traces overview")
 * unless the link asks for the model-training view, so every printed link goes through here. The
 * 3.17 UI takes the view from the link's {@code workflowType}, else from what the browser last chose,
 * else GenAI; the experiment tag {@link #EXPERIMENT_KIND_TAG} (which the experiments that movierec
 * creates carry) is read only by UIs without that switch.
 */
public final class MlflowLinks {
  static final String TRAINING_VIEW = "?workflowType=machine_learning";
  /** The experiment tag older MLflow 3 UIs read for an experiment's kind, and its value for model training. */
  public static final String EXPERIMENT_KIND_TAG = "mlflow.experimentKind";
  public static final String EXPERIMENT_KIND_TRAINING = "custom_model_development";
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

  private MlflowLinks() {}

  public static String experiment(String trackingUri, String experimentId) {
    return base(trackingUri) + "/#/experiments/" + experimentId + TRAINING_VIEW;
  }

  public static String run(String trackingUri, String experimentId, String runId) {
    return base(trackingUri) + "/#/experiments/" + experimentId + "/runs/" + runId + TRAINING_VIEW;
  }

  /** The URI with any user:password@ part masked, for printing and for links in files. */
  public static String redact(String uri) {
    return USER_INFO.matcher(uri).replaceFirst("$1***@");
  }

  private static String base(String trackingUri) {
    return trackingUri.endsWith("/") ? trackingUri.substring(0, trackingUri.length() - 1) : trackingUri;
  }
}
