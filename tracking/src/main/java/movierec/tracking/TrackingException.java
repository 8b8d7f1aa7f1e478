package movierec.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A tracking call that failed: an MLflow error response (with its {@code error_code}), or a
 * server that stayed unreachable or overloaded through every retry.
 */
public class TrackingException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Non-JSON error bodies (proxies, HTML pages) are cut to this many characters. */
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final int httpStatus;
    private final String errorCode;

    public TrackingException(String message) {
        this(message, 0, "", null);
    }

    public TrackingException(String message, Throwable cause) {
        this(message, 0, "", cause);
    }

    TrackingException(String message, int httpStatus, String errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** Builds the exception from an MLflow error body: {@code {"error_code": ..., "message": ...}}. */
    static TrackingException fromResponse(String what, int httpStatus, String body) {
        String errorCode = "";
        String message = body.length() > MAX_BODY_IN_MESSAGE ? body.substring(0, MAX_BODY_IN_MESSAGE) + "..." : body;
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.hasNonNull("error_code")) {
                errorCode = json.get("error_code").asText();
                message = json.path("message").asText();
            }
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        String detail = errorCode.isEmpty() ? message : errorCode + ": " + message;
        return new TrackingException(what + " failed: HTTP " + httpStatus + " " + detail, httpStatus, errorCode, null);
    }

    /** 0 when no HTTP response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /** MLflow's {@code error_code} such as {@code RESOURCE_DOES_NOT_EXIST}; empty when there is none. */
    public String errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return "RESOURCE_DOES_NOT_EXIST".equals(errorCode) || httpStatus == 404;
    }

    public boolean isAlreadyExists() {
        return "RESOURCE_ALREADY_EXISTS".equals(errorCode);
    }
}
