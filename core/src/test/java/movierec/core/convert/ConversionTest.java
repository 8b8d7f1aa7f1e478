package movierec.core.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetLoader;
import movierec.core.data.InputException;
import movierec.core.data.ItemSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversionTest {
  @TempDir Path tmp;

  @Test
  void movieLensCsvWithQuotedTitlesAndCrlf() throws IOException {
    Path src = folder("ml-latest-small");
    write(src.resolve("ratings.csv"), "userId,movieId,rating,timestamp\r\n1,11,4.0,300\r\n1,29,3.5,100\r\n2,11,5.0,200\r\n2,40697,1.0,250\r\n");
    write(src.resolve("movies.csv"), "movieId,title,genres\r\n"
        + "11,\"American President, The (1995)\",Comedy|Drama|Romance\r\n"
        + "29,\"City of Lost Children, The (Cité des enfants perdus, La) (1995)\",Adventure|Sci-Fi\r\n"
        + "40697,Babylon 5,(no genres listed)\r\n"
        + "171749,Death Note: Desu nôto (2006–2007),(no genres listed)\r\n");
    Dataset d = convert("ml-latest-small", src);

    assertEquals(2, d.numUsers());
    assertArrayEquals(new int[] {11, 29, 40697}, d.items().externalIds(), "movies nobody rated are not in the catalog");
    assertArrayEquals(new int[] {index(d, 29), index(d, 11)}, d.interactions().itemsOf(d.users().index(1)), "time order");
    assertEquals("American President, The (1995)", d.side().titles()[index(d, 11)]);
    assertEquals(1995, d.side().years()[index(d, 29)]);
    assertEquals(ItemSide.NO_YEAR, d.side().years()[index(d, 40697)], "no year in the title");
    assertArrayEquals(new String[] {"Adventure", "Comedy", "Drama", "Romance", "Sci-Fi"}, d.side().genres().values());
    assertEquals(0, d.side().genres().of(index(d, 40697)).length, "'(no genres listed)' is no genre");
    assertOnlyFiles(tmp.resolve("out"), "genres.tsv", "titles.tsv", "train_ratings.csv", "years.tsv");
  }

  @Test
  void movieLensYearRangeGivesTheFirstYear() {
    assertEquals(2006, MovieLensMovies.yearOf("Death Note: Desu nôto (2006–2007)"));
    assertEquals(2008, MovieLensMovies.yearOf("Justice League: The New Frontier (2008) "));
    assertNull(MovieLensMovies.yearOf("Babylon 5"));
  }

  @Test
  void movieLens100k() throws IOException {
    Path src = folder("ml-100k");
    write(src.resolve("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t302\t4\t881250950\n");
    String flags242 = "0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0"; // Comedy
    String flags302 = "0|0|0|0|0|0|1|0|0|0|1|0|0|1|0|0|1|0|0"; // Crime, Film-Noir, Mystery, Thriller
    Files.writeString(src.resolve("u.item"), "242|Kolya (1996)|24-Jan-1997||http://us.imdb.com/M/title-exact?Kolya%20(1996)|" + flags242 + "\n"
        + "302|L.A. Confidential (1997)|01-Jan-1997||http://us.imdb.com/M/title-exact?L%2EA%2E+Confidential+(1997)|" + flags302 + "\n",
        StandardCharsets.ISO_8859_1);
    Dataset d = convert("ml-100k", src);
    assertEquals(3, d.interactions().size());
    assertEquals(1997, d.side().years()[index(d, 302)]);
    assertEquals(List.of("Crime", "Film-Noir", "Mystery", "Thriller"), genres(d, 302));
    assertEquals(List.of("Comedy"), genres(d, 242));
  }

  @Test
  void movieLens1mReadsLatin1Titles() throws IOException {
    Path src = folder("ml-1m");
    write(src.resolve("ratings.dat"), "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n2::3::4::978298414\n");
    Files.writeString(src.resolve("movies.dat"), "661::James and the Giant Peach (1996)::Animation|Children's|Musical\n"
        + "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n3::Zéro de conduite (1933)::Comedy\n", StandardCharsets.ISO_8859_1);
    Dataset d = convert("ml-1m", src);
    assertEquals(2, d.numUsers());
    assertEquals(1975, d.side().years()[index(d, 1193)]);
    assertEquals(List.of("Animation", "Children's", "Musical"), genres(d, 661));
    assertEquals("Zéro de conduite (1933)", d.side().titles()[index(d, 3)], "Latin-1 in, UTF-8 out");
  }

  @Test
  void lineFilesTakeOrderAsTimeAndMoviesDatBeside() throws IOException {
    Path src = folder("lines");
    write(src.resolve("train.txt"), "0 1192 0 2857\n1 259\n");
    write(src.resolve("test.txt"), "0 259 1192\n");
    Files.writeString(src.resolve("movies.dat"), "1::Toy Story (1995)::Animation|Children's|Comedy\n260::Star Wars (1977)::Action|Sci-Fi\n"
        + "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n2858::American Beauty (1999)::Comedy|Drama\n", StandardCharsets.ISO_8859_1);
    Conversion.Result r = Conversion.convert(Conversion.format("lines", 1), List.of(src.resolve("train.txt"), src.resolve("test.txt")), tmp.resolve("out"));
    Dataset d = DatasetLoader.load(tmp.resolve("out"));

    assertArrayEquals(new int[] {1, 2}, d.users().externalIds(), "ids shifted by the offset");
    int user1 = d.users().index(1);
    assertArrayEquals(new int[] {index(d, 1193), index(d, 1), index(d, 2858), index(d, 260)}, d.interactions().itemsOf(user1),
        "line order, then the next file; the repeated 1193 keeps its first place");
    for (int k = 0; k < 4; k++) assertEquals(LineFiles.BASE_TIME + k, d.interactions().time(d.interactions().start(user1) + k));
    assertEquals("Star Wars (1977)", d.side().titles()[index(d, 260)]);
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("dropped 1 repeated")), r.notes().toString());
  }

  @Test
  void lineFilesWithoutMoviesHaveOnlyRatings() throws IOException {
    Path src = folder("seq");
    write(src.resolve("Beauty.txt"), "1 5 6 7\n2 6\n");
    convert("lines", src.resolve("Beauty.txt"));
    assertOnlyFiles(tmp.resolve("out"), "train_ratings.csv");
  }

  @Test
  void lineIdsMissingFromMoviesDatSuggestTheOffset() throws IOException {
    Path src = folder("lines");
    write(src.resolve("train.txt"), "0 1192\n1 0 259\n");
    write(src.resolve("movies.dat"), "1::Toy Story (1995)::Comedy\n260::Star Wars (1977)::Action\n1193::Cuckoo (1975)::Drama\n");
    InputException e = assertThrows(InputException.class, () -> convert("lines", src.resolve("train.txt")));
    assertMessage(e, src.resolve("train.txt") + ":1: item 1: movie 1192 (file id 1192 + --id-offset 0) is not in");
    assertTrue(e.getMessage().endsWith("need --id-offset 1"), e.getMessage());
  }

  @Test
  void badInputNamesFileLineAndFieldAndWritesNothing() throws IOException {
    Path src = folder("bad");
    write(src.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,11,4.0,300\n1,eleven,4.0,301\n");
    write(src.resolve("movies.csv"), "movieId,title,genres\n11,A (1995),Drama\n");
    assertMessage(assertThrows(InputException.class, () -> convert("ml-latest-small", src)),
        src.resolve("ratings.csv") + ":3: movieId: expected a non-negative integer, found 'eleven'");
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(src), left.toList(), "no output folder, no staging folder");
    }
  }

  @Test
  void wrongHeaderShortRowsAndExtraFields() throws IOException {
    Path src = folder("bad");
    write(src.resolve("movies.csv"), "movieId,title,genres\n11,A (1995),Drama\n");
    write(src.resolve("ratings.csv"), "user,item,rating,time\n1,11,4.0,300\n");
    assertMessage(assertThrows(InputException.class, () -> convert("ml-latest-small", src)),
        src.resolve("ratings.csv") + ":1: header: expected 'userId,movieId,rating,timestamp', found 'user,item,rating,time'");
    write(src.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,11,4.0,300\n1,12,4.0\n");
    assertMessage(assertThrows(InputException.class, () -> convert("ml-latest-small", src)),
        src.resolve("ratings.csv") + ":3: expected 4 fields");
    write(src.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,11,4.0,300\n");
    write(src.resolve("movies.csv"), "movieId,title,genres\n11,A, (1995),Drama\n");
    assertMessage(assertThrows(InputException.class, () -> convert("ml-latest-small", src)),
        src.resolve("movies.csv") + ":2: expected 3 fields 'movieId,title,genres', found 4");
    write(src.resolve("movies.csv"), "");
    assertMessage(assertThrows(InputException.class, () -> convert("ml-latest-small", src)), src.resolve("movies.csv") + ":1: empty file");
  }

  @Test
  void duplicatePairNamesBothLines() throws IOException {
    Path src = folder("dup");
    write(src.resolve("ratings.dat"), "1::10::5::100\n1::20::5::101\n1::10::3::102\n");
    write(src.resolve("movies.dat"), "10::A (1990)::Drama\n20::B (1991)::Drama\n");
    assertMessage(assertThrows(InputException.class, () -> convert("ml-1m", src)),
        src.resolve("ratings.dat") + ":3: duplicate row: the same user,item pair as " + src.resolve("ratings.dat") + ":1");
  }

  @Test
  void missingFilesAndBadFlags() throws IOException {
    Path src = folder("ml-100k");
    assertMessage(assertThrows(InputException.class, () -> convert("ml-100k", src)), src.resolve("u.data") + ": file not found");
    write(src.resolve("u.data"), "1\t2\t3\t4\n");
    write(src.resolve("u.item"), "2|Kolya (1996)|||url|0|0|0|0|0|yes|0|0|0|0|0|0|0|0|0|0|0|0|0\n");
    assertMessage(assertThrows(InputException.class, () -> convert("ml-100k", src)),
        src.resolve("u.item") + ":1: Comedy: expected a genre flag 0 or 1, found 'yes'");
  }

  @Test
  void refusesToOverwriteAFolderWithFiles() throws IOException {
    Path src = folder("seq");
    write(src.resolve("a.txt"), "1 2 3\n");
    Path out = Files.createDirectories(tmp.resolve("out"));
    write(out.resolve("keep.txt"), "mine");
    InputException e = assertThrows(InputException.class, () -> convert("lines", src.resolve("a.txt")));
    assertMessage(e, out + ": --out: already exists and is not empty");
    assertEquals("mine", Files.readString(out.resolve("keep.txt")));
  }

  @Test
  void unknownFormatAndMisplacedOffset() {
    assertMessage(assertThrows(InputException.class, () -> Conversion.format("netflix", 0)), "unknown source format 'netflix'; valid: ml-latest-small");
    assertMessage(assertThrows(InputException.class, () -> Conversion.format("ml-1m", 1)), "--id-offset applies to --from lines only");
  }

  private Dataset convert(String format, Path source) {
    Conversion.Result r = Conversion.convert(Conversion.format(format, 0), List.of(source), tmp.resolve("out"));
    Dataset loaded = DatasetLoader.load(tmp.resolve("out"));
    assertEquals(r.dataset().hash(), loaded.hash(), "what was written is what was converted");
    return loaded;
  }

  private Path folder(String name) throws IOException {
    return Files.createDirectories(tmp.resolve(name));
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }

  private static int index(Dataset d, int movieId) {
    return d.items().index(movieId);
  }

  private static List<String> genres(Dataset d, int movieId) {
    return java.util.Arrays.stream(d.side().genres().of(index(d, movieId))).mapToObj(g -> d.side().genres().values()[g]).toList();
  }

  private static void assertOnlyFiles(Path dir, String... names) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(names), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  private static void assertMessage(InputException e, String expectedStart) {
    assertTrue(e.getMessage().startsWith(expectedStart), "expected '" + expectedStart + "...' but got: " + e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), "one-line message");
  }
}
