package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogBatchTest {

    private static List<Metric> metrics(int count) {
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            metrics.add(new Metric("loss", i * 0.5, 1_000L + i, i));
        }
        return metrics;
    }

    private static Map<String, String> entries(String prefix, int count, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(prefix + i, value);
        }
        return map;
    }

    @Test
    void splitsWithinMlflowLimitsKeepingEveryItemInOrder() {
        List<Metric> metrics = metrics(2500);
        Map<String, String> params = entries("param_", 150, "v");
        Map<String, String> tags = entries("tag_", 120, "t");

        List<LogBatch> batches = LogBatch.split(metrics, params, tags);

        List<Metric> sentMetrics = new ArrayList<>();
        Map<String, String> sentParams = new LinkedHashMap<>();
        Map<String, String> sentTags = new LinkedHashMap<>();
        for (LogBatch batch : batches) {
            assertTrue(batch.metrics().size() <= 1000);
            assertTrue(batch.params().size() <= 100);
            assertTrue(batch.tags().size() <= 100);
            assertTrue(batch.metrics().size() + batch.params().size() + batch.tags().size() <= 1000);
            sentMetrics.addAll(batch.metrics());
            sentParams.putAll(batch.params());
            sentTags.putAll(batch.tags());
        }
        assertEquals(metrics, sentMetrics);
        assertEquals(List.copyOf(params.entrySet()), List.copyOf(sentParams.entrySet()));
        assertEquals(tags, sentTags);
        // 2770 items, 1000 per request at most: 3 requests; params and tags go first.
        assertEquals(3, batches.size());
        assertEquals(100, batches.get(0).params().size());
        assertEquals(100, batches.get(0).tags().size());
        assertEquals(800, batches.get(0).metrics().size());
    }

    @Test
    void largeValuesAreSplitByRequestSize() {
        Map<String, String> tags = entries("tag_", 100, "x".repeat(MlflowLimits.MAX_TAG_VALUE_LENGTH));

        List<LogBatch> batches = LogBatch.split(List.of(), Map.of(), tags);

        assertTrue(batches.size() > 1, "100 tags of 8000 characters exceed 1 MB");
        batches.forEach(b -> assertTrue(
                b.tags().size() * 2 * MlflowLimits.MAX_TAG_VALUE_LENGTH < MlflowLimits.MAX_BATCH_REQUEST_BYTES));
        assertEquals(100, batches.stream().mapToInt(b -> b.tags().size()).sum());
    }

    @Test
    void nothingToLogMeansNoRequest() {
        assertEquals(List.of(), LogBatch.split(List.of(), Map.of(), Map.of()));
    }

    @Test
    void tooLongParamValueIsRejectedNamingTheKey() {
        Map<String, String> params = Map.of("ok", "1", "model_config", "x".repeat(6001));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogBatch.split(metrics(3), params, Map.of()));

        assertTrue(e.getMessage().contains("model_config"), e.getMessage());
        assertTrue(e.getMessage().contains("6001"), e.getMessage());
    }

    @Test
    void paramValueAtTheLimitIsAccepted() {
        List<LogBatch> batches = LogBatch.split(List.of(), Map.of("config", "x".repeat(6000)), Map.of());
        assertEquals(6000, batches.get(0).params().get("config").length());
    }

    @Test
    void tooLongTagValueIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> LogBatch.split(List.of(), Map.of(), Map.of("note", "x".repeat(8001))));
    }

    @Test
    void keysFollowTheServerRules() {
        for (String good : List.of("recall_at_10", "val/loss", "a-b.c d:e", "épreuve", "k".repeat(250))) {
            MlflowLimits.checkKey("metric", good);
        }
        for (String bad : List.of("", "loss!", "a,b", "k".repeat(251), "/abs", "a//b", "a/", "./a", "a/../b", "..")) {
            assertThrows(IllegalArgumentException.class, () -> MlflowLimits.checkKey("metric", bad), bad);
        }
    }

    @Test
    void invalidMetricKeyFailsTheWholeSplit() {
        List<Metric> metrics = new ArrayList<>(metrics(5));
        metrics.add(Metric.of("bad key!", 1.0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogBatch.split(metrics, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("bad key!"), e.getMessage());
    }

    @Test
    void theRequestNamesTheLoggedModelOfAMetricOnlyWhenThereIsOne() throws Exception {
        String body = LogBatch.request("r1", List.of(new Metric("best_recall_at_10", 0.25, 7, 0).forModel("m-1"), new Metric("loss/bpr", 0.5, 8, 1)),
                Map.of("lambda", "500"), Map.of("movierec.kind", "trial"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        assertEquals("r1", json.path("run_id").asText());
        assertEquals("m-1", json.path("metrics").get(0).path("model_id").asText());
        assertEquals(7, json.path("metrics").get(0).path("timestamp").asLong());
        assertTrue(json.path("metrics").get(1).path("model_id").isMissingNode());
        assertEquals(1, json.path("metrics").get(1).path("step").asLong());
        assertEquals("500", json.path("params").get(0).path("value").asText());
        assertEquals("movierec.kind", json.path("tags").get(0).path("key").asText());
    }
}
