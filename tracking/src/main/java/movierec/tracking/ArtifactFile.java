package movierec.tracking;

/**
 * One entry of an artifact listing.
 *
 * @param path relative to the run's artifact root, '/'-separated
 * @param sizeBytes 0 for directories
 */
public record ArtifactFile(String path, boolean isDirectory, long sizeBytes) {
}
