package movierec.submissions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import movierec.core.data.Dataset;
import movierec.core.data.Interactions;

/**
 * Checks a submission against the data it answers: header, integer fields, known users and items, no
 * seen item, no duplicate, exactly ten items for every user. Reports every problem, not just the first.
 */
public final class SubmissionValidator {
  /** By default, problems past this many are counted, not listed. */
  public static final int DEFAULT_LISTED = 50;

  private SubmissionValidator() {}

  public record Report(Path file, List<String> problems, int totalProblems) {
    public boolean ok() {
      return totalProblems == 0;
    }

    /** One line per problem, then a count of the ones not listed. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      for (String p : problems) sb.append(p).append('\n');
      if (totalProblems > problems.size()) sb.append("... and ").append(totalProblems - problems.size()).append(" more problems\n");
      return sb.toString();
    }
  }

  public static Report validate(Path file, Dataset data) throws IOException {
    return validate(file, data, DEFAULT_LISTED);
  }

  /** @param maxListed problems past this many are counted, not listed */
  public static Report validate(Path file, Dataset data, int maxListed) throws IOException {
    List<String> problems = new ArrayList<>();
    int[] total = {0};
    java.util.function.BiConsumer<Integer, String> problem = (line, text) -> {
      total[0]++;
      if (problems.size() < maxListed) problems.add(file + (line > 0 ? ":" + line : "") + ": " + text);
    };
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problem.accept(0, "file not found");
      return new Report(file, problems, total[0]);
    }
    if (lines.isEmpty() || !lines.get(0).trim().equals(Submission.HEADER)) {
      problem.accept(1, "header: expected '" + Submission.HEADER + "', found '" + (lines.isEmpty() ? "" : lines.get(0)) + "'");
    }
    Interactions seen = data.interactions();
    int[] counts = new int[data.numUsers()];
    List<Set<Integer>> chosen = new ArrayList<>();
    for (int u = 0; u < data.numUsers(); u++) chosen.add(new HashSet<>());
    int[][] seenSets = seen.sortedItemSets();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      int lineNo = i + 1;
      if (line.isEmpty()) continue;
      String[] f = line.split(",", -1);
      if (f.length != 2) {
        problem.accept(lineNo, "expected 2 fields 'user,item', found '" + line + "'");
        continue;
      }
      Integer userId = parse(f[0]);
      Integer itemId = parse(f[1]);
      if (userId == null) problem.accept(lineNo, "user: expected an integer, found '" + f[0] + "'");
      if (itemId == null) problem.accept(lineNo, "item: expected an integer, found '" + f[1] + "'");
      if (userId == null || itemId == null) continue;
      int u = data.users().index(userId);
      int it = data.items().index(itemId);
      if (u < 0) {
        problem.accept(lineNo, "user: unknown user " + userId);
        continue;
      }
      if (it < 0) {
        problem.accept(lineNo, "item: unknown item " + itemId);
        continue;
      }
      counts[u]++;
      if (!chosen.get(u).add(it)) problem.accept(lineNo, "item: duplicate item " + itemId + " for user " + userId);
      if (Arrays.binarySearch(seenSets[u], it) >= 0) problem.accept(lineNo, "item: item " + itemId + " was already seen by user " + userId);
    }
    for (int u = 0; u < data.numUsers(); u++) {
      if (counts[u] == 0) problem.accept(0, "user " + data.users().externalId(u) + " is missing");
      else if (counts[u] != Submission.SIZE) {
        problem.accept(0, "user " + data.users().externalId(u) + " has " + counts[u] + " rows, expected " + Submission.SIZE);
      }
    }
    return new Report(file, problems, total[0]);
  }

  private static Integer parse(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
