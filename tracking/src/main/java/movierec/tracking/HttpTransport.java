package movierec.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** HTTP calls to the MLflow server with credentials on every request, retries and MLflow errors. */
final class HttpTransport {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Time until the response headers arrive; an upload of a large model is sent within it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final HttpClient http;
    private final Credentials credentials;
    private final RetryPolicy retry;

    HttpTransport(Credentials credentials, RetryPolicy retry) {
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.credentials = credentials;
        this.retry = retry;
    }

    /** Reads a successful response body; runs inside the retried try, so a broken transfer is redone whole. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /** A request builder for {@code uri} carrying the credentials. */
    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        credentials.authorizationHeader().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    /**
     * Sends {@code request} until it gets an answer that is not 429/5xx; a 4xx becomes a
     * {@link TrackingException} carrying MLflow's error code. The request's body publisher must be
     * repeatable (byte arrays and files are).
     */
    <T> T exchange(String what, HttpRequest request, BodyReader<T> reader) {
        return retry.run(what, () -> {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    throw new RetryPolicy.RetryableStatus(status, text(body));
                }
                if (status >= 400) {
                    throw TrackingException.fromResponse(what, status, text(body));
                }
                return reader.read(body);
            }
        });
    }

    static String text(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
}
