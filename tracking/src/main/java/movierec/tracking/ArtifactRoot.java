package movierec.tracking;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a run's artifacts live on the server's artifact proxy: the run's artifact uri
 * {@code mlflow-artifacts:/<exp>/<run>/artifacts} maps to
 * {@code <server>/api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<path>}.
 *
 * @param serverUri scheme, host, port and any path prefix of the server, without a trailing '/'
 * @param rootPath {@code <exp>/<run>/artifacts}
 */
record ArtifactRoot(String serverUri, String rootPath) {

    static final String PROXY_PATH = "/api/2.0/mlflow-artifacts/artifacts";

    /**
     * An artifact uri with a host ({@code mlflow-artifacts://host:port/...}) names the server that
     * proxies it; without one, the tracking server does.
     */
    static ArtifactRoot of(String trackingUri, String artifactUri) {
        URI uri = URI.create(artifactUri);
        if (!"mlflow-artifacts".equals(uri.getScheme())) {
            throw new TrackingException("artifact uri " + artifactUri + " is not served through the MLflow artifact proxy:"
                    + " run the server with --serve-artifacts and --artifacts-destination (infra/mlflow/server.sh does)");
        }
        String server = trackingUri.replaceAll("/+$", "");
        if (uri.getAuthority() != null) {
            server = URI.create(trackingUri).getScheme() + "://" + uri.getAuthority();
        }
        return new ArtifactRoot(server, uri.getPath().replaceAll("^/+|/+$", ""));
    }

    /** The URL to PUT or GET one artifact file. */
    URI fileUri(String artifactPath) {
        if (artifactPath.isEmpty()) {
            throw new IllegalArgumentException("artifact path must not be empty");
        }
        checkRelativePath(artifactPath);
        StringBuilder url = new StringBuilder(serverUri).append(PROXY_PATH);
        for (String part : (rootPath + "/" + artifactPath).split("/")) {
            url.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(url.toString());
    }

    /** The URL listing one directory; {@code ""} is the root. */
    URI listUri(String artifactDir) {
        checkRelativePath(artifactDir);
        String path = artifactDir.isEmpty() ? rootPath : rootPath + "/" + artifactDir;
        return URI.create(serverUri + PROXY_PATH + "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    }

    /** A '/'-separated path below the root ({@code ""} is the root): no empty, '.' or '..' parts. */
    private static void checkRelativePath(String path) {
        if (path.isEmpty()) {
            return;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("\\")) {
                throw new IllegalArgumentException("artifact path '" + path
                        + "' must be relative, '/'-separated, without empty, '.' or '..' parts");
            }
        }
    }
}
