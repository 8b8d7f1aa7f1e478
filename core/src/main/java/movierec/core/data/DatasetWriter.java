package movierec.core.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Writes a dataset in the competition layout. Each file is written to a temporary name and moved into
 * place, so an interrupted write leaves no half-written file behind. A side file is written only when it
 * has rows (MovieLens has no directors or writers); the loader reads a missing side file as empty.
 */
public final class DatasetWriter {
  private DatasetWriter() {}

  public static void write(Dataset data, Path dir) {
    try {
      Files.createDirectories(dir);
      Interactions in = data.interactions();
      IdMap users = data.users();
      IdMap items = data.items();
      atomically(dir.resolve(DatasetLoader.RATINGS), w -> {
        w.write("user,item,time\n");
        StringBuilder sb = new StringBuilder(64);
        for (int u = 0; u < in.numUsers(); u++) {
          for (int k = in.start(u); k < in.end(u); k++) {
            sb.setLength(0);
            sb.append(users.externalId(u)).append(',').append(items.externalId(in.item(k))).append(',').append(in.time(k)).append('\n');
            w.append(sb);
          }
        }
      });
      ItemSide side = data.side();
      if (IntStream.range(0, items.size()).anyMatch(side::hasYear)) {
        atomically(dir.resolve("years.tsv"), w -> {
          w.write("item\tyear\n");
          for (int i = 0; i < items.size(); i++) if (side.hasYear(i)) w.write(items.externalId(i) + "\t" + side.years()[i] + "\n");
        });
      }
      if (Arrays.stream(side.titles()).anyMatch(Objects::nonNull)) {
        atomically(dir.resolve("titles.tsv"), w -> {
          w.write("item\ttitle\n");
          for (int i = 0; i < items.size(); i++) if (side.titles()[i] != null) w.write(items.externalId(i) + "\t" + side.titles()[i] + "\n");
        });
      }
      writeAttribute(dir.resolve("genres.tsv"), side.genres(), items);
      writeAttribute(dir.resolve("directors.tsv"), side.directors(), items);
      writeAttribute(dir.resolve("writers.tsv"), side.writers(), items);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write dataset to " + dir, e);
    }
  }

  private static void writeAttribute(Path file, ItemAttribute attr, IdMap items) throws IOException {
    if (attr.isEmpty()) return;
    atomically(file, w -> {
      w.write("item\t" + attr.name() + "\n");
      for (int i = 0; i < items.size(); i++) for (int v : attr.of(i)) w.write(items.externalId(i) + "\t" + attr.values()[v] + "\n");
    });
  }

  /** Body that writes to a text writer. */
  public interface TextBody {
    void write(BufferedWriter w) throws IOException;
  }

  /** Writes {@code file} through a temporary sibling and an atomic move. */
  public static void atomically(Path file, TextBody body) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // Not Files.createTempFile: its owner-only permissions would stay on the result, unreadable to the team.
    Path tmp = Files.createFile(parent.resolve("." + file.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp"));
    try {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.write(w);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
