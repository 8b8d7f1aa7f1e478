package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and error mapping against a scripted local HTTP server. */
class HttpTransportTest {

    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4));

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> authHeaders = new CopyOnWriteArrayList<>();
    /** Status to answer for request n (0-based); the last entry repeats. */
    private volatile int[] statuses;
    private volatile String errorBody = "";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int n = requests.getAndIncrement();
            authHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int status = statuses[Math.min(n, statuses.length - 1)];
            byte[] body = (status == 200 ? "ok" : errorBody).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
    }

    private String get(HttpTransport transport, URI uri) {
        return transport.exchange("test call", transport.request(uri).GET().build(), HttpTransport::text);
    }

    @Test
    void retriesServerErrorsAndRateLimitsThenSucceeds() {
        statuses = new int[] {503, 429, 200};
        HttpTransport transport = new HttpTransport(Credentials.token("tok"), FAST);

        assertEquals("ok", get(transport, uri()));
        assertEquals(3, requests.get());
        assertEquals(List.of("Bearer tok", "Bearer tok", "Bearer tok"), authHeaders);
    }

    @Test
    void clientErrorsFailAtOnceWithMlflowErrorCode() {
        statuses = new int[] {404};
        errorBody = "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"No such artifact: 'x'\"}";
        HttpTransport transport = new HttpTransport(Credentials.NONE, FAST);

        TrackingException e = assertThrows(TrackingException.class, () -> get(transport, uri()));

        assertEquals(1, requests.get());
        assertEquals(404, e.httpStatus());
        assertEquals("RESOURCE_DOES_NOT_EXIST", e.errorCode());
        assertTrue(e.isNotFound());
        assertEquals("test call failed: HTTP 404 RESOURCE_DOES_NOT_EXIST: No such artifact: 'x'", e.getMessage());
        assertEquals(List.of("null"), authHeaders);
    }

    @Test
    void nonJsonErrorBodyBecomesTheMessage() {
        statuses = new int[] {403};
        errorBody = "Invalid Host header";
        HttpTransport transport = new HttpTransport(Credentials.NONE, FAST);

        TrackingException e = assertThrows(TrackingException.class, () -> get(transport, uri()));

        assertEquals("", e.errorCode());
        assertEquals("test call failed: HTTP 403 Invalid Host header", e.getMessage());
    }

    @Test
    void givesUpAfterMaxAttemptsOfServerErrors() {
        statuses = new int[] {500};
        errorBody = "boom";
        HttpTransport transport = new HttpTransport(Credentials.NONE, FAST);

        TrackingException e = assertThrows(TrackingException.class, () -> get(transport, uri()));

        assertEquals(4, requests.get());
        assertEquals(500, e.httpStatus());
        assertEquals("test call failed after 4 tries: HTTP 500 boom", e.getMessage());
    }

    @Test
    void retriesConnectionErrors() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpTransport transport = new HttpTransport(Credentials.NONE, FAST);

        TrackingException e = assertThrows(TrackingException.class,
                () -> get(transport, URI.create("http://127.0.0.1:" + closedPort + "/x")));

        assertEquals(0, e.httpStatus());
        assertTrue(e.getMessage().startsWith("test call failed after 4 tries: ConnectException"), e.getMessage());
    }
}
