package movierec.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run's artifacts, read and written through the server's artifact proxy REST API over plain
 * HTTP (MLflow's Java client would start a Python process per call). Artifact paths are relative to
 * the run's artifact root and '/'-separated; {@code ""} names the root directory.
 */
public final class RunArtifacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpTransport transport;
    private final ArtifactRoot root;

    RunArtifacts(HttpTransport transport, ArtifactRoot root) {
        this.transport = transport;
        this.root = root;
    }

    public void uploadFile(Path file, String artifactPath) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a file: " + file);
        }
        try {
            put(artifactPath, HttpRequest.BodyPublishers.ofFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public void uploadBytes(String artifactPath, byte[] content) {
        put(artifactPath, HttpRequest.BodyPublishers.ofByteArray(content));
    }

    /** UTF-8. */
    public void uploadString(String artifactPath, String text) {
        uploadBytes(artifactPath, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Uploads every file below {@code dir}, keeping relative paths under {@code artifactDir}.
     *
     * @return the number of files uploaded
     */
    public int uploadDirectory(Path dir, String artifactDir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        String prefix = artifactDir.isEmpty() ? "" : artifactDir + "/";
        for (Path file : files) {
            uploadFile(file, prefix + toArtifactPath(dir.relativize(file)));
        }
        return files.size();
    }

    /** One level of {@code artifactDir}; empty when it does not exist. */
    public List<ArtifactFile> list(String artifactDir) {
        String prefix = artifactDir.isEmpty() ? "" : artifactDir + "/";
        JsonNode listing = transport.exchange("list artifacts '" + artifactDir + "' of " + root.rootPath(),
                transport.request(root.listUri(artifactDir)).GET().build(), JSON::readTree);
        List<ArtifactFile> files = new ArrayList<>();
        // The proxy answers {} for an empty or missing directory, and basenames otherwise.
        for (JsonNode file : listing.path("files")) {
            files.add(new ArtifactFile(prefix + file.path("path").asText(),
                    file.path("is_dir").asBoolean(), file.path("file_size").asLong(0)));
        }
        return files;
    }

    public byte[] readBytes(String artifactPath) {
        return transport.exchange("download artifact " + describe(artifactPath),
                transport.request(root.fileUri(artifactPath)).GET().build(), body -> body.readAllBytes());
    }

    /** UTF-8. */
    public String readString(String artifactPath) {
        return new String(readBytes(artifactPath), StandardCharsets.UTF_8);
    }

    /**
     * Downloads into a temporary file beside {@code target}, then renames it: {@code target} is
     * either the whole artifact or untouched.
     *
     * @return {@code target}
     */
    public Path download(String artifactPath, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        Path partial = null;
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            partial = temp;
            transport.exchange("download artifact " + describe(artifactPath),
                    transport.request(root.fileUri(artifactPath)).GET().build(),
                    body -> Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            partial = null;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /**
     * Downloads every file below {@code artifactDir} into {@code targetDir}, keeping relative paths.
     *
     * @return the files written
     * @throws TrackingException when there is no artifact below {@code artifactDir}
     */
    public List<Path> downloadDirectory(String artifactDir, Path targetDir) {
        List<Path> written = new ArrayList<>();
        downloadInto(artifactDir, artifactDir.isEmpty() ? "" : artifactDir + "/", targetDir, written);
        if (written.isEmpty()) {
            throw new TrackingException("no artifacts under " + describe(artifactDir));
        }
        return written;
    }

    private void downloadInto(String artifactDir, String stripPrefix, Path targetDir, List<Path> written) {
        for (ArtifactFile file : list(artifactDir)) {
            if (file.isDirectory()) {
                downloadInto(file.path(), stripPrefix, targetDir, written);
            } else {
                Path target = targetDir.resolve(file.path().substring(stripPrefix.length()));
                written.add(download(file.path(), target));
            }
        }
    }

    private void put(String artifactPath, HttpRequest.BodyPublisher content) {
        transport.exchange("upload artifact " + describe(artifactPath),
                transport.request(root.fileUri(artifactPath))
                        .header("Content-Type", "application/octet-stream").PUT(content).build(),
                HttpTransport::text);
    }

    private String describe(String artifactPath) {
        return "'" + artifactPath + "' of " + root.rootPath();
    }

    private static String toArtifactPath(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: the download already failed and reports that
        }
    }
}
