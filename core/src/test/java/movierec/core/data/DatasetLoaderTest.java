package movierec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import movierec.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
  @TempDir Path dir;

  @Test
  void writtenDatasetLoadsBackIdentical() {
    Dataset original = Fixtures.tiny();
    DatasetWriter.write(original, dir);
    Dataset loaded = DatasetLoader.load(dir);
    assertEquals(original.hash(), loaded.hash());
    assertArrayEquals(original.users().externalIds(), loaded.users().externalIds());
    assertArrayEquals(original.items().externalIds(), loaded.items().externalIds());
    assertEquals(original.interactions().size(), loaded.interactions().size());
    assertArrayEquals(original.side().titles(), loaded.side().titles());
    assertArrayEquals(original.side().directors().values(), loaded.side().directors().values());
  }

  @Test
  void readsRowsInTimeOrderWithSideFiles() throws IOException {
    ratings("user,item,time", "7,30,200", "7,10,100", "9,10,50");
    Files.writeString(dir.resolve("years.tsv"), "item\tyear\n10\t1995\n");
    Files.writeString(dir.resolve("genres.tsv"), "item\tgenre\n10\tDrama\n10\tComedy\n30\tDrama\n99\tWestern\n");
    Dataset d = DatasetLoader.load(dir);
    assertEquals(2, d.numUsers());
    int user7 = d.users().index(7);
    int[] items = d.interactions().itemsOf(user7);
    assertArrayEquals(new int[] {d.items().index(10), d.items().index(30)}, items, "items in time order");
    assertEquals(1995, d.side().years()[d.items().index(10)]);
    assertFalse(d.side().hasYear(d.items().index(30)));
    // Side rows of items without interactions (99) are dropped, so Western is not a genre.
    assertArrayEquals(new String[] {"Comedy", "Drama"}, d.side().genres().values());
    assertTrue(d.side().directors().isEmpty(), "no directors.tsv: empty attribute");
  }

  @Test
  void missingFileIsNamed() {
    assertProblem("train_ratings.csv: file not found");
  }

  @Test
  void wrongHeader() throws IOException {
    ratings("userId,movieId,time", "1,2,3");
    assertProblem("train_ratings.csv:1: header: expected 'user,item,time', found 'userId,movieId,time'");
  }

  @Test
  void nonIntegerId() throws IOException {
    ratings("user,item,time", "1,2,3", "1,x7,4");
    assertProblem("train_ratings.csv:3: item: expected a non-negative integer, found 'x7'");
  }

  @Test
  void shortRowNamesTheMissingField() throws IOException {
    ratings("user,item,time", "1,2,3", "4,5");
    assertProblem("train_ratings.csv:3: time: missing");
  }

  @Test
  void extraField() throws IOException {
    ratings("user,item,time", "1,2,3,4");
    assertProblem("train_ratings.csv:2: expected 3 fields 'user,item,time', found more");
  }

  @Test
  void emptyFile() throws IOException {
    Files.writeString(dir.resolve(DatasetLoader.RATINGS), "");
    assertProblem("train_ratings.csv:1: empty file");
  }

  @Test
  void headerOnly() throws IOException {
    ratings("user,item,time");
    assertProblem("train_ratings.csv:2: no rows after the header");
  }

  @Test
  void duplicateRowNamesBothLines() throws IOException {
    ratings("user,item,time", "1,2,3", "1,5,4", "1,2,9");
    assertProblem("train_ratings.csv:4: duplicate row: the same user,item pair as line 2");
  }

  @Test
  void badYearInSideFile() throws IOException {
    ratings("user,item,time", "1,2,3");
    Files.writeString(dir.resolve("years.tsv"), "item\tyear\n2\tnineteen\n");
    assertProblem("years.tsv:2: year: expected an integer year, found 'nineteen'");
  }

  @Test
  void sideFileWithWrongHeader() throws IOException {
    ratings("user,item,time", "1,2,3");
    Files.writeString(dir.resolve("genres.tsv"), "movie\tgenre\n2\tDrama\n");
    assertProblem("genres.tsv:1: header: expected 'item<TAB>genre'");
  }

  private void ratings(String... lines) throws IOException {
    Files.writeString(dir.resolve(DatasetLoader.RATINGS), String.join("\n", lines) + "\n");
  }

  /** The message starts with the file's path and contains the expected file:line: field: problem part. */
  private void assertProblem(String expected) {
    InputException e = assertThrows(InputException.class, () -> DatasetLoader.load(dir));
    assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), "one-line message");
  }
}
