package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Against a real MLflow server; skipped unless {@code -Dmlflow.test.uri} is set. */
@Tag("mlflow")
class TrackingClientServerTest {

    private static TrackingClient client;
    private static String experimentId;

    @BeforeAll
    static void connect() {
        client = MlflowTestServer.client();
        experimentId = client.getOrCreateExperiment(MlflowTestServer.uniqueName("tracking-test"));
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void getOrCreateExperimentIsIdempotent() {
        String name = MlflowTestServer.uniqueName("tracking-test-idem");
        String id = client.getOrCreateExperiment(name);
        assertEquals(id, client.getOrCreateExperiment(name));
    }

    @Test
    void childRunIsNestedUnderItsParentAndCarriesStandardTags() {
        RunInfo parent = client.startRun(experimentId, "sweep-ease", Map.of());
        RunInfo child = client.startChildRun(parent, "ease-lambda-500", Map.of("family", "ease"));

        RunInfo read = client.getRun(child.runId());
        assertEquals("ease-lambda-500", read.runName());
        assertEquals(experimentId, read.experimentId());
        assertEquals(parent.runId(), read.parentRunId().orElseThrow());
        assertEquals("ease", read.tags().get("family"));
        assertEquals("ease-lambda-500", read.tags().get(TrackingClient.RUN_NAME_TAG));
        assertEquals(TrackingClient.DEFAULT_SOURCE_NAME, read.tags().get(TrackingClient.SOURCE_NAME_TAG));
        assertEquals(System.getProperty("user.name"), read.tags().get(TrackingClient.USER_TAG));
        assertEquals(RunStatus.RUNNING, read.status());
        assertTrue(read.endTime().isEmpty());
        assertTrue(parent.parentRunId().isEmpty());
    }

    @Test
    void loggedInputsAndRunRecordReadBackThroughRest() throws Exception {
        RunInfo run = client.startRun(experimentId, "record", Map.of());
        RunRecord record = new RunRecord("bpr", Map.of("factors", 64, "lr", 0.05), Map.of("factors", 64, "lr", 0.01),
                Map.of("seed", "42"), "small-seed42", "abc123", RunRecord.JOB, "experiments/q.yaml", "");
        client.logBatch(run.runId(), List.of(), record.params(), record.tags());
        client.logInputs(run.runId(), List.of(
                new DatasetInput("small-seed42/train", "split-hash-1", "synthetic", "synthetic:small seed 42", "training", 100, 50, 2000),
                new DatasetInput("small-seed42/validation", "split-hash-1", "synthetic", "synthetic:small seed 42", "validation", 100, 50, 1000)));

        RunInfo read = client.getRun(run.runId());
        assertEquals(record.params(), read.params());
        record.tags().forEach((k, v) -> assertEquals(v, read.tags().get(k), k));
        var inputs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                client.getJson("runs/get?run_id=" + run.runId())).path("run").path("inputs").path("dataset_inputs");
        assertEquals(2, inputs.size());
        assertEquals("split-hash-1", inputs.get(0).path("dataset").path("digest").asText());
        assertEquals("training", inputs.get(0).path("tags").get(0).path("value").asText());
        assertTrue(inputs.get(0).path("dataset").path("profile").asText().contains("\"interactions\":2000"));
    }

    @Test
    void loggedModelIsLinkedToItsRunWithItsFilesAndMetrics(@TempDir Path dir) throws Exception {
        RunInfo run = client.startRun(experimentId, "ease-001", Map.of());
        Path modelDir = Files.createDirectories(dir.resolve("model"));
        byte[] weights = new byte[70_000];
        new Random(3).nextBytes(weights);
        Files.write(modelDir.resolve("model.bin"), weights);
        Files.writeString(modelDir.resolve("model.json"), "{\"family\":\"ease\"}");

        LoggedModel model = client.logModel(run, "ease-001", Map.of("lambda", "500"), Map.of("movierec.family", "ease"), modelDir);
        client.logMetrics(run.runId(), List.of(Metric.of("best_recall_at_10", 0.25, 0).forModel(model.modelId())));

        assertTrue(model.modelId().startsWith(LoggedModel.ID_PREFIX), model.modelId());
        assertEquals(LoggedModel.READY, model.status());
        LoggedModel read = client.getLoggedModel(model.modelId());
        assertEquals(run.runId(), read.sourceRunId());
        assertEquals(Map.of("lambda", "500"), read.params());
        assertEquals("ease", read.tags().get("movierec.family"));
        assertEquals(List.of(model.modelId()), client.loggedModelsOf(run.runId()).stream().map(LoggedModel::modelId).toList());
        assertArrayEquals(weights, client.artifacts(read).readBytes("model.bin"));
        assertEquals("{\"family\":\"ease\"}", client.artifacts(read).readString("model.json"));
        var metrics = new com.fasterxml.jackson.databind.ObjectMapper().readTree(client.getJson("logged-models/" + model.modelId()))
                .path("model").path("data").path("metrics");
        assertEquals("best_recall_at_10", metrics.get(0).path("key").asText());
        assertEquals(run.runId(), metrics.get(0).path("run_id").asText());
        assertEquals(0.25, client.getRun(run.runId()).metrics().get("best_recall_at_10"));
    }

    @Test
    void unknownLoggedModelIsNotFound() {
        TrackingException e = assertThrows(TrackingException.class, () -> client.getLoggedModel("m-0123456789abcdef0123456789abcdef"));
        assertTrue(e.isNotFound(), e.getMessage());
    }

    @Test
    void metricHistoryOfMoreThanOneRequestKeepsEveryStep() {
        RunInfo run = client.startRun(experimentId, "history", Map.of());
        List<Metric> points = new ArrayList<>();
        for (int step = 0; step < 700; step++) {
            points.add(Metric.of("loss", 1.0 / (step + 1), step));
            points.add(Metric.of("recall_at_10", step / 10_000.0, step));
        }
        client.logMetrics(run.runId(), points);

        List<Metric> loss = client.metricHistory(run.runId(), "loss");
        assertEquals(700, loss.size());
        for (int step = 0; step < 700; step++) {
            assertEquals(step, loss.get(step).step());
            assertEquals(1.0 / (step + 1), loss.get(step).value());
        }
        assertEquals(700, client.metricHistory(run.runId(), "recall_at_10").size());
        assertEquals(699 / 10_000.0, client.getRun(run.runId()).metrics().get("recall_at_10"));
    }

    @Test
    void moreParamsThanOneRequestTakes() {
        RunInfo run = client.startRun(experimentId, "params", Map.of());
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            params.put("p" + i, "value-" + i);
        }
        client.logBatch(run.runId(), List.of(), params, Map.of("stage", "tuning"));

        RunInfo read = client.getRun(run.runId());
        assertEquals(params, read.params());
        assertEquals("tuning", read.tags().get("stage"));
    }

    @Test
    void changingALoggedParamIsAnMlflowError() {
        RunInfo run = client.startRun(experimentId, "param-change", Map.of());
        client.logParams(run.runId(), Map.of("lambda", "500"));

        TrackingException e = assertThrows(TrackingException.class,
                () -> client.logParams(run.runId(), Map.of("lambda", "600")));

        assertEquals("INVALID_PARAMETER_VALUE", e.errorCode());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void endRunRecordsStatusAndEndTime() {
        RunInfo finished = client.startRun(experimentId, "finished", Map.of());
        RunInfo failed = client.startRun(experimentId, "failed", Map.of());

        client.endRun(finished.runId(), RunStatus.FINISHED);
        client.endRun(failed.runId(), RunStatus.FAILED);

        RunInfo read = client.getRun(finished.runId());
        assertEquals(RunStatus.FINISHED, read.status());
        assertTrue(read.endTime().orElseThrow().compareTo(read.startTime()) >= 0);
        assertEquals(RunStatus.FAILED, client.getRun(failed.runId()).status());
        assertThrows(IllegalArgumentException.class, () -> client.endRun(finished.runId(), RunStatus.RUNNING));
    }

    @Test
    void missingRunIsNotFound() {
        TrackingException e = assertThrows(TrackingException.class, () -> client.getRun("0123456789abcdef0123456789abcdef"));
        assertTrue(e.isNotFound(), e.getMessage());
    }

    @Test
    void searchPagesThroughEveryMatchInOrder() {
        String searchExperiment = client.getOrCreateExperiment(MlflowTestServer.uniqueName("tracking-test-search"));
        for (int i = 0; i < 7; i++) {
            RunInfo run = client.startRun(searchExperiment, "run-" + i, Map.of());
            client.logBatch(run.runId(), List.of(Metric.of("score", i, 0)), Map.of("i", String.valueOf(i),
                    "family", i % 2 == 0 ? "even" : "odd"), Map.of());
        }

        List<RunInfo> all = client.searchRuns(RunQuery.in(searchExperiment).withPageSize(3).withOrderBy("metrics.score DESC"));
        assertEquals(List.of("run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "run-0"),
                all.stream().map(RunInfo::runName).toList());
        assertEquals(3.0, all.get(3).metrics().get("score"));
        assertEquals("3", all.get(3).params().get("i"));

        List<RunInfo> even = client.searchRuns(RunQuery.in(searchExperiment).withPageSize(2)
                .withFilter("params.family = 'even' AND metrics.score >= 2"));
        assertEquals(3, even.size());
    }

    @Test
    void directoryRoundTripsThroughTheArtifactProxy(@TempDir Path tmp) throws IOException {
        RunInfo run = client.startRun(experimentId, "artifacts", Map.of());
        Path source = tmp.resolve("model");
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] weights = new byte[300_000];
        new Random(42).nextBytes(weights);
        files.put("config.json", "{\"lambda\": 500}".getBytes(StandardCharsets.UTF_8));
        files.put("weights/item factors.bin", weights);
        files.put("weights/deeper/empty.txt", new byte[0]);
        files.put("notes/é.txt", "accents".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = source.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }

        RunArtifacts artifacts = client.artifacts(run.runId());
        assertEquals(4, artifacts.uploadDirectory(source, "model"));
        artifacts.uploadString("summary.txt", "recall 0.16");

        assertEquals(List.of(new ArtifactFile("model", true, 0), new ArtifactFile("summary.txt", false, 11)),
                artifacts.list(""));
        assertEquals(List.of(new ArtifactFile("model/weights/deeper", true, 0),
                        new ArtifactFile("model/weights/item factors.bin", false, weights.length)),
                artifacts.list("model/weights"));
        assertEquals(List.of(), artifacts.list("nothing/here"));

        Path target = tmp.resolve("downloaded");
        List<Path> written = artifacts.downloadDirectory("model", target);
        assertEquals(4, written.size());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(target.resolve(file.getKey())), file.getKey());
        }
        try (Stream<Path> all = Files.walk(target)) {
            assertEquals(4, all.filter(Files::isRegularFile).count(), "no partial files left behind");
        }
        assertEquals("recall 0.16", artifacts.readString("summary.txt"));
        assertArrayEquals(weights, Files.readAllBytes(artifacts.download("model/weights/item factors.bin", tmp.resolve("w.bin"))));
    }

    @Test
    void missingArtifactIsNotFoundAndLeavesNoFile(@TempDir Path tmp) {
        RunArtifacts artifacts = client.artifacts(client.startRun(experimentId, "no-artifacts", Map.of()));

        TrackingException e = assertThrows(TrackingException.class, () -> artifacts.download("absent.bin", tmp.resolve("absent.bin")));

        assertTrue(e.isNotFound(), e.getMessage());
        assertEquals(0, tmp.toFile().list().length);
        assertThrows(TrackingException.class, () -> artifacts.downloadDirectory("absent", tmp.resolve("dir")));
    }
}
