package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the client checks before talking to any server. */
class TrackingClientTest {

    @Test
    void acceptsHttpUrisWithoutTrailingSlash() {
        try (TrackingClient client = new TrackingClient("http://127.0.0.1:5000/", Credentials.NONE)) {
            assertEquals("http://127.0.0.1:5000", client.trackingUri());
        }
    }

    @Test
    void rejectsUrisThatAreNotAServer() {
        for (String uri : List.of("file:///tmp/mlruns", "databricks", "127.0.0.1:5000", "http://bad host")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TrackingClient(uri, Credentials.NONE));
            assertEquals("tracking uri must be http(s)://host:port of an MLflow server, got " + uri, e.getMessage());
        }
    }

    @Test
    void endingARunNeedsATerminalStatus() {
        try (TrackingClient client = new TrackingClient("http://127.0.0.1:1", Credentials.NONE)) {
            assertThrows(IllegalArgumentException.class, () -> client.endRun("any", RunStatus.RUNNING));
        }
    }
}
