package movierec.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An MLflow 3 logged model: a model file with its own id, params, tags and artifact folder, linked
 * to the run that produced it (the run table's Models column).
 *
 * @param status {@code LOGGED_MODEL_PENDING} while its files upload, then {@code LOGGED_MODEL_READY}
 */
public record LoggedModel(String modelId, String experimentId, String name, String sourceRunId, String artifactUri, String status,
        Map<String, String> params, Map<String, String> tags) {

    public static final String READY = "LOGGED_MODEL_READY";
    static final String UPLOAD_FAILED = "LOGGED_MODEL_UPLOAD_FAILED";
    /** Every logged model id starts so; run ids are plain hex. */
    public static final String ID_PREFIX = "m-";

    /** From the {@code model} object of a logged-models answer. */
    static LoggedModel fromJson(JsonNode model) {
        JsonNode info = model.path("info");
        return new LoggedModel(info.path("model_id").asText(), info.path("experiment_id").asText(), info.path("name").asText(),
                info.path("source_run_id").asText(), info.path("artifact_uri").asText(), info.path("status").asText(),
                pairs(model.path("data").path("params")), pairs(info.path("tags")));
    }

    private static Map<String, String> pairs(JsonNode list) {
        Map<String, String> map = new LinkedHashMap<>();
        list.forEach(p -> map.put(p.path("key").asText(), p.path("value").asText()));
        return map;
    }
}
