package movierec.tracking;

import java.util.regex.Pattern;

/**
 * The server's limits on keys and values (mlflow/utils/validation.py), checked here so that a bad
 * key fails before any request with an error naming it. Configs too large for a param belong in an
 * artifact.
 */
public final class MlflowLimits {

    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;
    public static final int MAX_TAG_VALUE_LENGTH = 8000;
    public static final int MAX_METRICS_PER_BATCH = 1000;
    public static final int MAX_PARAMS_PER_BATCH = 100;
    public static final int MAX_TAGS_PER_BATCH = 100;
    public static final int MAX_ITEMS_PER_BATCH = 1000;
    /**
     * MLflow documents 1 MB per log-batch request; 3.x no longer measures it, but older servers and
     * proxies in front of a team server (nginx's default body limit is 1 MB) still do.
     */
    public static final int MAX_BATCH_REQUEST_BYTES = 1_000_000;

    /** Python's {@code \w} is Unicode-aware, hence the flag. */
    private static final Pattern KEY = Pattern.compile("[/\\w.\\- :]+", Pattern.UNICODE_CHARACTER_CLASS);

    private MlflowLimits() {
    }

    /** Metric, param and tag keys: allowed characters, length, and a normalized relative path. */
    public static void checkKey(String kind, String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(kind + " key must not be empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(kind + " key '" + key.substring(0, 40) + "...' has " + key.length()
                    + " characters, MLflow allows " + MAX_KEY_LENGTH);
        }
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(kind + " key '" + key
                    + "' may only contain letters, digits, '_', '-', '.', ' ', ':' and '/'");
        }
        if (!isNormalizedRelativePath(key)) {
            throw new IllegalArgumentException(kind + " key '" + key
                    + "' must be a normalized relative path (no leading or doubled '/', no '.' or '..' parts)");
        }
    }

    public static void checkParam(String key, String value) {
        checkKey("param", key);
        checkValue("param", key, value, MAX_PARAM_VALUE_LENGTH);
    }

    public static void checkTag(String key, String value) {
        checkKey("tag", key);
        checkValue("tag", key, value, MAX_TAG_VALUE_LENGTH);
    }

    private static void checkValue(String kind, String key, String value, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(kind + " '" + key + "' has a null value");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(kind + " '" + key + "' value has " + value.length()
                    + " characters, MLflow allows " + maxLength + " (log large configs as an artifact)");
        }
    }

    /** What the server's {@code path_not_unique} accepts: posixpath.normpath(key) == key. */
    private static boolean isNormalizedRelativePath(String key) {
        if (key.startsWith("/") || key.endsWith("/")) {
            return false;
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
