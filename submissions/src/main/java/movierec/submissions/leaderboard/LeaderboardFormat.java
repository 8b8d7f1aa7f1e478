package movierec.submissions.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** How the leaderboard is printed: an aligned table for the terminal, CSV, JSON or a Markdown table. */
public enum LeaderboardFormat {
  TABLE, CSV, JSON, MARKDOWN;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int SHORT_HASH = 12;

  public static LeaderboardFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown format '" + name + "'; valid: table, csv, json, markdown");
    }
  }

  public String render(Leaderboard board) {
    return switch (this) {
      case TABLE -> table(board);
      case CSV -> csv(board);
      case JSON -> json(board);
      case MARKDOWN -> markdown(board);
    };
  }

  private static String table(Leaderboard board) {
    String metric = board.options().metric();
    if (board.isEmpty()) return "no finished run has " + board.options().rankingKey() + "\n";
    StringBuilder sb = new StringBuilder();
    for (Leaderboard.Ranking ranking : board.rankings()) {
      sb.append(heading(board, ranking)).append('\n');
      String format = "%-4s  %-32s  %-12s  %-" + Math.max(10, metric.length()) + "s  %-5s  %-8s  %s%n";
      sb.append(String.format(Locale.ROOT, format, "rank", "run id", "family", metric, "epoch", "duration", "params"));
      List<LeaderboardEntry> entries = ranking.entries();
      for (int i = 0; i < entries.size(); i++) {
        LeaderboardEntry e = entries.get(i);
        sb.append(String.format(Locale.ROOT, format, i + 1, e.runId(), e.family(), value(e), epoch(e), duration(e), e.keyParamsText()));
      }
      sb.append('\n');
    }
    if (board.splitsDiffer()) sb.append("runs of different validation splits are ranked separately (--allow-mixed-splits ranks them together)\n");
    return sb.toString();
  }

  private static String markdown(Leaderboard board) {
    String metric = board.options().metric();
    StringBuilder sb = new StringBuilder();
    for (Leaderboard.Ranking ranking : board.rankings()) {
      sb.append("### ").append(heading(board, ranking)).append("\n\n");
      sb.append("| rank | run id | family | ").append(metric).append(" | best epoch | duration | params |\n");
      sb.append("|---:|---|---|---:|---:|---:|---|\n");
      List<LeaderboardEntry> entries = ranking.entries();
      for (int i = 0; i < entries.size(); i++) {
        LeaderboardEntry e = entries.get(i);
        sb.append("| ").append(i + 1).append(" | `").append(e.runId()).append("` | ").append(e.family()).append(" | ").append(value(e))
            .append(" | ").append(epoch(e)).append(" | ").append(duration(e)).append(" | ").append(e.keyParamsText().replace("|", "\\|"))
            .append(" |\n");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String csv(Leaderboard board) {
    StringBuilder sb = new StringBuilder("rank,split_hash,run_id,experiment_id,run_name,kind,family,metric,value,best_epoch,duration_seconds,params\n");
    for (Leaderboard.Ranking ranking : board.rankings()) {
      List<LeaderboardEntry> entries = ranking.entries();
      for (int i = 0; i < entries.size(); i++) {
        LeaderboardEntry e = entries.get(i);
        sb.append(i + 1).append(',').append(ranking.splitHash()).append(',').append(e.runId()).append(',').append(e.run().experimentId())
            .append(',').append(quote(e.run().runName())).append(',').append(e.kind()).append(',').append(quote(e.family())).append(',')
            .append(board.options().metric()).append(',').append(e.value()).append(',')
            .append(e.bestEpoch().isPresent() ? String.valueOf(e.bestEpoch().getAsInt()) : "").append(',')
            .append(e.duration().map(d -> String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0)).orElse("")).append(',')
            .append(quote(e.keyParamsText())).append('\n');
      }
    }
    return sb.toString();
  }

  private static String json(Leaderboard board) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("metric", board.options().metric());
    root.put("ranked_by", board.options().rankingKey());
    ArrayNode rankings = root.putArray("rankings");
    for (Leaderboard.Ranking ranking : board.rankings()) {
      ObjectNode r = rankings.addObject();
      r.put("split_hash", ranking.splitHash());
      ArrayNode runs = r.putArray("runs");
      for (LeaderboardEntry e : ranking.entries()) {
        ObjectNode run = runs.addObject();
        run.put("run_id", e.runId());
        run.put("experiment_id", e.run().experimentId());
        run.put("run_name", e.run().runName());
        run.put("kind", e.kind());
        run.put("family", e.family());
        run.put("value", e.value());
        if (e.bestEpoch().isPresent()) run.put("best_epoch", e.bestEpoch().getAsInt());
        e.duration().ifPresent(d -> run.put("duration_seconds", d.toMillis() / 1000.0));
        ObjectNode params = run.putObject("params");
        e.keyParams().forEach(params::put);
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String heading(Leaderboard board, Leaderboard.Ranking ranking) {
    String split = ranking.splitHash().equals(Leaderboard.MIXED_SPLITS) ? "mixed splits"
        : "split " + ranking.splitHash().substring(0, Math.min(SHORT_HASH, ranking.splitHash().length()));
    return board.options().rankingKey() + (board.options().perFamily() ? ", best run per family" : "") + ", " + split + ": "
        + ranking.entries().size() + " runs";
  }

  private static String value(LeaderboardEntry e) {
    return String.format(Locale.ROOT, "%.4f", e.value());
  }

  private static String epoch(LeaderboardEntry e) {
    return e.bestEpoch().isPresent() ? String.valueOf(e.bestEpoch().getAsInt()) : "-";
  }

  /** {@code h:mm:ss}. */
  private static String duration(LeaderboardEntry e) {
    return e.duration().map(Duration::getSeconds)
        .map(s -> String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)).orElse("-");
  }

  private static String quote(String field) {
    if (field == null) return "";
    return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
