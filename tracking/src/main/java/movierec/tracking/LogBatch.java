package movierec.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The content of one log-batch request, within {@link MlflowLimits}. */
record LogBatch(List<Metric> metrics, Map<String, String> params, Map<String, String> tags) {

    /** Room kept in a request for the run id and the JSON around the items. */
    private static final int ENVELOPE_BYTES = 10_000;
    /** Field names, quotes and numbers around one item's key and value. */
    private static final int ITEM_OVERHEAD_BYTES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    LogBatch {
        metrics = List.copyOf(metrics);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * Validates every item first, so that nothing is sent when one is invalid, then packs them in
     * order: params and tags first, metrics filling the rest of each request.
     */
    static List<LogBatch> split(List<Metric> metrics, Map<String, String> params, Map<String, String> tags) {
        metrics.forEach(m -> MlflowLimits.checkKey("metric", m.key()));
        params.forEach(MlflowLimits::checkParam);
        tags.forEach(MlflowLimits::checkTag);

        List<Map.Entry<String, String>> paramList = List.copyOf(params.entrySet());
        List<Map.Entry<String, String>> tagList = List.copyOf(tags.entrySet());
        int m = 0;
        int p = 0;
        int t = 0;
        List<LogBatch> batches = new ArrayList<>();
        while (m < metrics.size() || p < paramList.size() || t < tagList.size()) {
            Packer packer = new Packer();
            Map<String, String> batchParams = new LinkedHashMap<>();
            while (p < paramList.size() && batchParams.size() < MlflowLimits.MAX_PARAMS_PER_BATCH
                    && packer.tryAdd(entryBytes(paramList.get(p)))) {
                batchParams.put(paramList.get(p).getKey(), paramList.get(p).getValue());
                p++;
            }
            Map<String, String> batchTags = new LinkedHashMap<>();
            while (t < tagList.size() && batchTags.size() < MlflowLimits.MAX_TAGS_PER_BATCH
                    && packer.tryAdd(entryBytes(tagList.get(t)))) {
                batchTags.put(tagList.get(t).getKey(), tagList.get(t).getValue());
                t++;
            }
            List<Metric> batchMetrics = new ArrayList<>();
            while (m < metrics.size() && batchMetrics.size() < MlflowLimits.MAX_METRICS_PER_BATCH
                    && packer.tryAdd(utf8Bytes(metrics.get(m).key()))) {
                batchMetrics.add(metrics.get(m));
                m++;
            }
            batches.add(new LogBatch(batchMetrics, batchParams, batchTags));
        }
        return batches;
    }

    /**
     * The body of {@code runs/log-batch}, written here rather than by the Java client, whose 2.x
     * protos have no metric {@code model_id} (the link of a value to an MLflow 3 logged model).
     */
    static String request(String runId, List<Metric> metrics, Map<String, String> params, Map<String, String> tags) {
        ObjectNode body = JSON.createObjectNode().put("run_id", runId);
        ArrayNode m = body.putArray("metrics");
        for (Metric metric : metrics) {
            ObjectNode point = m.addObject().put("key", metric.key()).put("value", metric.value())
                    .put("timestamp", metric.timestampMs()).put("step", metric.step());
            if (metric.modelId() != null) {
                point.put("model_id", metric.modelId());
            }
        }
        ArrayNode p = body.putArray("params");
        params.forEach((k, v) -> p.addObject().put("key", k).put("value", v));
        ArrayNode t = body.putArray("tags");
        tags.forEach((k, v) -> t.addObject().put("key", k).put("value", v));
        return body.toString();
    }

    /** Doubled: JSON escaping of quotes and backslashes in values such as embedded JSON. */
    private static int entryBytes(Map.Entry<String, String> entry) {
        return utf8Bytes(entry.getKey()) + 2 * utf8Bytes(entry.getValue());
    }

    private static int utf8Bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Counts items and estimated bytes of one request; any single valid item fits an empty one. */
    private static final class Packer {
        private int items;
        private int bytes = ENVELOPE_BYTES;

        boolean tryAdd(int itemBytes) {
            int newBytes = bytes + ITEM_OVERHEAD_BYTES + itemBytes;
            if (items >= MlflowLimits.MAX_ITEMS_PER_BATCH || newBytes > MlflowLimits.MAX_BATCH_REQUEST_BYTES) {
                return false;
            }
            items++;
            bytes = newBytes;
            return true;
        }
    }
}
