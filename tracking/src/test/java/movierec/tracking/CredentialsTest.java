package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void basicAuthFromEnvironment() {
        Credentials c = Credentials.fromEnv(Map.of("MLFLOW_TRACKING_USERNAME", "alice", "MLFLOW_TRACKING_PASSWORD", "s3cret"));
        // base64("alice:s3cret")
        assertEquals(Optional.of("Basic YWxpY2U6czNjcmV0"), c.authorizationHeader());
        assertEquals("alice", c.toHostCreds("http://h:1").getUsername());
        assertEquals("s3cret", c.toHostCreds("http://h:1").getPassword());
    }

    @Test
    void tokenFromEnvironment() {
        Credentials c = Credentials.fromEnv(Map.of("MLFLOW_TRACKING_TOKEN", "tok-123"));
        assertEquals(Optional.of("Bearer tok-123"), c.authorizationHeader());
        assertEquals("tok-123", c.toHostCreds("http://h:1").getToken());
    }

    @Test
    void basicWinsOverToken() {
        Credentials c = Credentials.fromEnv(Map.of("MLFLOW_TRACKING_USERNAME", "alice", "MLFLOW_TRACKING_PASSWORD", "pw",
                "MLFLOW_TRACKING_TOKEN", "tok"));
        assertTrue(c.authorizationHeader().orElseThrow().startsWith("Basic "));
    }

    @Test
    void noVariablesMeanNoCredentials() {
        Credentials c = Credentials.fromEnv(Map.of("MLFLOW_TRACKING_TOKEN", " "));
        assertEquals(Optional.empty(), c.authorizationHeader());
        assertEquals("Credentials[none]", c.toString());
    }

    @Test
    void usernameWithoutPasswordIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Credentials.fromEnv(Map.of("MLFLOW_TRACKING_USERNAME", "alice")));
        assertTrue(e.getMessage().contains("MLFLOW_TRACKING_PASSWORD"), e.getMessage());
    }

    @Test
    void toStringRedactsSecrets() {
        String basic = Credentials.basic("alice", "s3cret").toString();
        assertTrue(basic.contains("alice"));
        assertFalse(basic.contains("s3cret"), basic);
        assertFalse(Credentials.token("tok-123").toString().contains("tok-123"));
    }
}
