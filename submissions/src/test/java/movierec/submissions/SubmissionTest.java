package movierec.submissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.data.InputException;
import movierec.core.eval.CandidateFilters;
import movierec.core.eval.Evaluator;
import movierec.core.eval.RankedLists;
import movierec.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionTest {
  private static final Dataset DATA = Fixtures.tiny();
  @TempDir Path dir;

  /** Top 20 unseen items per user, scored by a fixed per-user permutation so that lists differ. */
  private static RankedLists lists() {
    int n = DATA.numItems();
    int[] users = IntStream.range(0, DATA.numUsers()).toArray();
    var exclusions = CandidateFilters.SEEN_ONLY.build(DATA.interactions(), DATA.side());
    return Evaluator.rank((batch, out) -> {
      for (int b = 0; b < batch.length; b++) for (int i = 0; i < n; i++) out[b * n + i] = ((i * 31 + batch[b] * 17) % n) / (float) n;
    }, users, exclusions, DATA.numUsers(), n, 20);
  }

  @Test
  void writtenSubmissionIsValid() throws IOException {
    Path file = dir.resolve(Submission.FILE);
    Submission.write(lists(), DATA, file);
    List<String> lines = Files.readAllLines(file);
    assertEquals(Submission.HEADER, lines.get(0));
    assertEquals(1 + DATA.numUsers() * Submission.SIZE, lines.size());
    SubmissionValidator.Report report = SubmissionValidator.validate(file, DATA);
    assertTrue(report.ok(), report.describe());
  }

  @Test
  void refusesListsShorterThanTen() {
    RankedLists full = lists();
    int[][] items = full.items().clone();
    items[3] = java.util.Arrays.copyOf(items[3], 9);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Submission.write(new RankedLists(20, items, full.scores()), DATA, dir.resolve("s.csv")));
    assertTrue(e.getMessage().contains("user " + DATA.users().externalId(3) + " has only 9"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("s.csv")));
  }

  @Test
  void everyKindOfProblemIsReportedWithItsLine() throws IOException {
    Path valid = dir.resolve("valid.csv");
    Submission.write(lists(), DATA, valid);
    List<String> lines = new ArrayList<>(Files.readAllLines(valid));
    int user0 = DATA.users().externalId(0);
    int seenItem = DATA.items().externalId(DATA.interactions().item(DATA.interactions().start(0)));
    String firstOfUser0 = lines.get(1);
    lines.set(0, "user,movie");                                   // line 1: header
    lines.set(1, user0 + "," + seenItem);                         // line 2: seen item
    lines.set(2, firstOfUser0);                                   // line 3: repeats line 2's original item...
    lines.set(3, firstOfUser0);                                   // line 4: ...so this one is a duplicate
    lines.set(4, user0 + ",ten");                                 // line 5: not an integer
    lines.set(5, user0 + ",1,2");                                 // line 6: field count
    lines.set(6, "999999999," + seenItem);                        // line 7: unknown user
    lines.set(7, user0 + ",999999999");                           // line 8: unknown item
    int lastUser = DATA.users().externalId(DATA.numUsers() - 1);
    lines.removeIf(l -> l.startsWith(lastUser + ","));            // a missing user
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, lines);

    SubmissionValidator.Report report = SubmissionValidator.validate(bad, DATA, Integer.MAX_VALUE);
    assertFalse(report.ok());
    List<String> expected = List.of(
        bad + ":1: header: expected 'user,item', found 'user,movie'",
        bad + ":2: item: item " + seenItem + " was already seen by user " + user0,
        bad + ":4: item: duplicate item " + firstOfUser0.split(",")[1] + " for user " + user0,
        bad + ":5: item: expected an integer, found 'ten'",
        bad + ":6: expected 2 fields 'user,item', found '" + user0 + ",1,2'",
        bad + ":7: user: unknown user 999999999",
        bad + ":8: item: unknown item 999999999",
        bad + ": user " + user0 + " has 6 rows, expected 10",
        bad + ": user " + lastUser + " is missing");
    assertEquals(expected, report.problems());
    assertEquals(expected.size(), report.totalProblems());
  }

  @Test
  void listingStopsAtTheLimitButCountsEverything() throws IOException {
    Path file = dir.resolve("header-only.csv");
    Files.writeString(file, Submission.HEADER + "\n");
    SubmissionValidator.Report report = SubmissionValidator.validate(file, DATA);
    assertEquals(DATA.numUsers(), report.totalProblems());
    assertEquals(SubmissionValidator.DEFAULT_LISTED, report.problems().size());
    assertTrue(report.describe().endsWith("... and " + (DATA.numUsers() - SubmissionValidator.DEFAULT_LISTED) + " more problems\n"));
  }

  @Test
  void topKFileRoundTrip() throws IOException {
    RankedLists original = lists();
    Path file = dir.resolve(TopKFile.VALIDATION);
    TopKFile.write(original, DATA, file);
    RankedLists read = TopKFile.read(file, DATA);
    assertEquals(original.depth(), read.depth());
    for (int u = 0; u < DATA.numUsers(); u++) {
      assertArrayEquals(original.items()[u], read.items()[u]);
      assertArrayEquals(original.scores()[u], read.scores()[u], "scores survive the text round trip exactly");
    }
  }

  @Test
  void topKFileWithRanksOutOfOrderNamesTheLine() throws IOException {
    Path file = dir.resolve("topk.csv");
    int user = DATA.users().externalId(0);
    int item = DATA.items().externalId(0);
    Files.writeString(file, TopKFile.HEADER + "\n" + user + "," + item + ",2,0.5\n");
    InputException e = assertThrows(InputException.class, () -> TopKFile.read(file, DATA));
    assertEquals(file + ":2: rank: expected rank 1, found 2", e.getMessage());
  }
}
