package movierec.runners.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.sun.net.httpserver.HttpServer;
import movierec.runners.env.LocalMlflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI over a corpus of bad inputs, in-process: each exits 2 with exactly one line on stderr that
 * names the file, line and field (or the option), and leaves no file behind in its folder.
 */
class BadInputCorpusTest {
  /** Nothing listens here: connections are refused at once. */
  private static final String DEAD_URI = "http://127.0.0.1:1";

  @TempDir Path dir;

  /** One bad input: files it sets up in the folder, the arguments, and what the error line must contain. */
  record Case(String name, Setup setup, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Setup {
    String[] args(Path dir) throws IOException;
  }

  private static final String SWEEP = """
      experiment: corpus
      dataset: {synthetic: tiny}
      models:
        - family: ease
          params: {lambda: [100, 200]}
      """;

  static Stream<Case> corpus() {
    return Stream.of(
        sweepFile("duplicate YAML key", """
            experiment: a
            dataset: {synthetic: tiny}
            experiment: b
            models: [{family: mostpop}]
            """, "sweep.yaml:3: experiment: duplicate key"),
        sweepFile("max_epochs overflowing int", SWEEP + "max_epochs: 4294967297\n", "sweep.yaml:6: max_epochs: too large"),
        sweepFile("float for an int param", """
            experiment: e
            dataset: {synthetic: tiny}
            models:
              - family: ials
                params: {factors: 32.5}
            """, "sweep.yaml:5: models[0].params.factors: expected integer"),
        sweepFile("random-search range beyond the param's valid range", """
            experiment: e
            dataset: {synthetic: tiny}
            search: {strategy: random, trials: 4}
            models:
              - family: ials
                params: {alpha: {uniform: [-1, 40]}}
            """, "sweep.yaml:6: models[0].params.alpha: must be > 0"),
        sweepFile("unknown top-level key", SWEEP + "max_epoch: 3\n", "sweep.yaml:6: max_epoch: unknown key"),
        sweepFile("unknown family", SWEEP.replace("family: ease", "family: eas"), "sweep.yaml:4: models[0].family"),
        new Case("train --set float for an int param", d -> train(d, "--model", "ials", "--set", "factors=32.5"), List.of("--set factors: expected integer")),
        new Case("train --set unknown param", d -> train(d, "--model", "ease", "--set", "lamda=5"), List.of("--set lamda: unknown parameter for ease")),
        new Case("UTF-8 BOM in the ratings", d -> {
          Path data = Files.createDirectories(d.resolve("data"));
          Files.write(data.resolve("train_ratings.csv"), ("\uFEFFuser,item,time\n1,2,3\n").getBytes(StandardCharsets.UTF_8));
          return new String[] {"train", "--data", data.toString(), "--model", "mostpop", "--out", d.resolve("out").toString()};
        }, List.of("train_ratings.csv:1: header:", "byte order mark")),
        new Case("a non-integer item in the ratings", d -> {
          Path data = Files.createDirectories(d.resolve("data"));
          Files.writeString(data.resolve("train_ratings.csv"), "user,item,time\n1,2,3\n1,x,4\n");
          return new String[] {"train", "--data", data.toString(), "--model", "mostpop", "--out", d.resolve("out").toString()};
        }, List.of("train_ratings.csv:3: item:")),
        new Case("train --out an existing file", d -> new String[] {"train", "--synthetic", "tiny", "--model", "mostpop", "--out", file(d).toString()}, List.of("--out:", "existing file")),
        new Case("data synth --out an existing file", d -> new String[] {"data", "synth", "--preset", "tiny", "--out", file(d).toString()},
            List.of("--out:", "existing file")),
        new Case("data convert --out an existing file", d -> {
          Path lines = Files.writeString(d.resolve("seq.txt"), "1 2 3\n2 3 4\n");
          return new String[] {"data", "convert", "--from", "lines", lines.toString(), "--out", file(d).toString()};
        }, List.of("--out:", "existing file")),
        new Case("pull --out an existing file", d -> new String[] {"pull", "--run", "abc", "--out", file(d).toString(), "--tracking-uri", DEAD_URI},
            List.of("--out:", "existing file")),
        new Case("sweep --parallel 0", d -> sweep(d, "--parallel", "0"), List.of("--parallel: must be at least 1")),
        new Case("sweep with an unreachable --tracking-uri", d -> sweep(d, "--tracking-uri", DEAD_URI),
            List.of("--tracking-uri: cannot reach an MLflow server at " + DEAD_URI, "infra/mlflow/server.sh start")),
        new Case("leaderboard with an unreachable --tracking-uri", d -> new String[] {"leaderboard", "--tracking-uri", DEAD_URI},
            List.of("--tracking-uri: cannot reach", "infra/mlflow/server.sh start")),
        new Case("credentials inside --tracking-uri are not printed", d -> sweep(d, "--tracking-uri", "http://alice:s3cret@127.0.0.1:1"),
            List.of("--tracking-uri: cannot reach an MLflow server at http://***@127.0.0.1:1")),
        new Case("unknown option", d -> new String[] {"train", "--synthetic", "tiny", "--model", "mostpop", "--out", d.resolve("out").toString(), "--bogus"},
            List.of("--bogus")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void exitsTwoWithOneLineNamingTheFieldAndLeavesNothing(Case c) throws IOException {
    String[] args = c.setup().args(dir);
    Set<Path> before = listing();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedErr = System.err;
    int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      code = Main.run(args);
    } finally {
      System.setErr(savedErr);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
    System.out.printf("bad input [%s]: exit %d, %s%n", c.name(), code, lines);
    assertEquals(Main.BAD_INPUT, code, stderr);
    assertEquals(1, lines.size(), "exactly one line:\n" + stderr);
    for (String part : c.expected()) assertTrue(lines.get(0).contains(part), "'" + part + "' in: " + lines.get(0));
    assertFalse(stderr.contains("s3cret"), "a password is never printed");
    assertEquals(before, listing(), "nothing is left behind");
  }

  /** A server that rejects every request as MLflow's basic-auth app does a wrong password (no MLflow auth server needed). */
  @Test
  void rejectedCredentialsAreOneLineNamingTheServer() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
    });
    server.start();
    try {
      String uri = "http://127.0.0.1:" + server.getAddress().getPort();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream savedErr = System.err;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = Main.run("leaderboard", "--tracking-uri", uri);
      } finally {
        System.setErr(savedErr);
      }
      List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
      assertEquals(Main.BAD_INPUT, code, lines.toString());
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains("--tracking-uri: authentication failed for user") && lines.get(0).contains(uri), lines.get(0));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void failedTrainIntoAnExistingFolderKeepsItsFiles() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("submission.csv"), "earlier");
    assertEquals(Main.BAD_INPUT, Main.run("train", "--synthetic", "tiny", "--model", "ials", "--set", "factors=0", "--out", out.toString()));
    assertEquals(Set.of(out, out.resolve("submission.csv")), listing().stream().filter(p -> p.startsWith(out)).collect(Collectors.toSet()));
    assertEquals("earlier", Files.readString(out.resolve("submission.csv")));
  }

  private Set<Path> listing() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.collect(Collectors.toSet());
    }
  }

  private static Case sweepFile(String name, String yaml, String... expected) {
    return new Case(name, d -> {
      Path f = d.resolve("sweep.yaml");
      Files.writeString(f, yaml);
      return new String[] {"sweep", f.toString(), "--tracking-uri", DEAD_URI};
    }, Stream.concat(Stream.of("sweep.yaml"), Stream.of(expected)).toList());
  }

  private static String[] sweep(Path d, String... extra) throws IOException {
    Path f = Files.writeString(d.resolve("sweep.yaml"), SWEEP);
    return Stream.concat(Stream.of("sweep", f.toString()), Stream.of(extra)).toArray(String[]::new);
  }

  private static String[] train(Path d, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--synthetic", "tiny", "--out", d.resolve("out").toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static Path file(Path d) throws IOException {
    return Files.writeString(d.resolve("taken.txt"), "not a folder");
  }
}
