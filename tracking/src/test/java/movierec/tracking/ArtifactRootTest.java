package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactRootTest {

    private final ArtifactRoot root = ArtifactRoot.of("http://127.0.0.1:5000/", "mlflow-artifacts:/7/0a1b/artifacts");

    @Test
    void mapsFilesOntoTheProxyApi() {
        assertEquals(URI.create("http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/7/0a1b/artifacts/model/a%20b%2Bc.json"),
                root.fileUri("model/a b+c.json"));
    }

    @Test
    void mapsListingsOntoAPathQuery() {
        assertEquals(URI.create("http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts?path=7%2F0a1b%2Fartifacts"),
                root.listUri(""));
        assertEquals(URI.create("http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts?path=7%2F0a1b%2Fartifacts%2Fmodel"),
                root.listUri("model"));
    }

    @Test
    void keepsAServerPathPrefix() {
        ArtifactRoot behindProxy = ArtifactRoot.of("https://ml.example.org/mlflow", "mlflow-artifacts:/1/r/artifacts");
        assertEquals(URI.create("https://ml.example.org/mlflow/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/x"),
                behindProxy.fileUri("x"));
    }

    @Test
    void anArtifactUriWithAHostNamesTheProxyServer() {
        ArtifactRoot other = ArtifactRoot.of("http://127.0.0.1:5000", "mlflow-artifacts://artifacts.internal:8080/1/r/artifacts");
        assertEquals(URI.create("http://artifacts.internal:8080/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/x"),
                other.fileUri("x"));
    }

    @Test
    void otherSchemesAskForTheArtifactProxy() {
        for (String uri : List.of("file:///tmp/mlruns/1/r/artifacts", "s3://bucket/1/r/artifacts")) {
            TrackingException e = assertThrows(TrackingException.class, () -> ArtifactRoot.of("http://127.0.0.1:5000", uri));
            assertTrue(e.getMessage().contains("--serve-artifacts"), e.getMessage());
        }
    }

    @Test
    void rejectsPathsLeavingTheRunRoot() {
        for (String bad : List.of("", "/etc/passwd", "../other/artifacts", "a//b", "a/./b", "a\\b")) {
            assertThrows(IllegalArgumentException.class, () -> root.fileUri(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> root.listUri("a/.."));
    }
}
