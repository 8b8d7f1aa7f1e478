package movierec.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A dataset a run used, as MLflow's {@code runs/log-inputs} takes it: it fills the run table's
 * Dataset column and filter.
 *
 * @param name e.g. {@code small-seed42/train}
 * @param digest the dataset/split hash, so runs on the same data carry the same digest
 * @param source the folder path or the synthetic preset and seed
 * @param context {@code training} or {@code validation} (MLflow's {@code mlflow.data.context} tag)
 */
public record DatasetInput(String name, String digest, String sourceType, String source, String context, int users, int items,
    long interactions) {
  static final String SCHEMA = "{\"mlflow_colspec\":[{\"name\":\"user\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"long\"},"
      + "{\"name\":\"time\",\"type\":\"long\"}]}";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The request body of {@code runs/log-inputs} for {@code inputs}. */
  static String request(String runId, List<DatasetInput> inputs) {
    ObjectNode body = JSON.createObjectNode().put("run_id", runId);
    ArrayNode datasets = body.putArray("datasets");
    for (DatasetInput in : inputs) {
      ObjectNode entry = datasets.addObject();
      entry.putObject("dataset").put("name", in.name).put("digest", in.digest).put("source_type", in.sourceType)
          .put("source", JSON.createObjectNode().put("uri", in.source).toString()).put("schema", SCHEMA)
          .put("profile", JSON.createObjectNode().put("users", in.users).put("items", in.items).put("interactions", in.interactions).toString());
      entry.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", in.context);
    }
    return body.toString();
  }
}
