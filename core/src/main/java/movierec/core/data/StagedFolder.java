package movierec.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output folder written all or nothing: the body writes into a hidden sibling (same file system,
 * so moves are atomic) that is moved into place only when the body succeeds, and deleted otherwise.
 */
public final class StagedFolder {
  private StagedFolder() {}

  /** What fills the staging folder. */
  public interface Body<T> {
    T write(Path staging) throws IOException;
  }

  /** A bad {@code --out} as a one-line input error: an existing file where a folder goes. */
  public static void requireFolderOrAbsent(Path out) {
    if (Files.exists(out) && !Files.isDirectory(out)) throw new InputException("--out: " + out + " is an existing file, not a folder");
  }

  /**
   * Runs {@code body} into a staging sibling of {@code out}, then publishes it: a missing or empty
   * {@code out} is replaced by the staging folder, an existing one gets its files replaced one by one.
   */
  public static <T> T write(Path out, String purpose, Body<T> body) {
    requireFolderOrAbsent(out);
    Path target = out.toAbsolutePath().normalize();
    Path staging = null;
    try {
      Files.createDirectories(target.getParent());
      staging = Files.createDirectory(target.resolveSibling("." + target.getFileName() + "." + purpose + "-" + ProcessHandle.current().pid()));
      T result = body.write(staging);
      if (isEmptyFolder(target)) Files.delete(target);
      if (!Files.exists(target)) {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        for (Path p : list(staging)) Files.move(p, target.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(staging);
      }
      staging = null;
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      if (staging != null) deleteTree(staging);
    }
  }

  public static boolean isEmptyFolder(Path dir) {
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // Best effort: the staging folder is hidden and named after the target.
    }
  }
}
