package movierec.tracking;

/**
 * Links into the MLflow UI. MLflow 3 opens experiments and runs in its GenAI view ("Traces overview")
 * unless the link asks for the model-training view, so every printed link goes through here.
 */
public final class MlflowLinks {
  static final String TRAINING_VIEW = "?workflowType=machine_learning";

  private MlflowLinks() {}

  public static String experiment(String trackingUri, String experimentId) {
    return base(trackingUri) + "/#/experiments/" + experimentId + TRAINING_VIEW;
  }

  public static String run(String trackingUri, String experimentId, String runId) {
    return base(trackingUri) + "/#/experiments/" + experimentId + "/runs/" + runId + TRAINING_VIEW;
  }

  private static String base(String trackingUri) {
    return trackingUri.endsWith("/") ? trackingUri.substring(0, trackingUri.length() - 1) : trackingUri;
  }
}
