package movierec.core.synth;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import movierec.core.data.Dataset;
import movierec.core.data.RawData;

/**
 * Generates watch logs with planted structure that a real model can find and popularity cannot:
 * each user has favourite genres, favourite directors and favourite latent "taste clusters" of items;
 * item popularity follows a power law; items have release years and users never watch a movie before
 * its release year; consecutive watches tend to stay in one cluster (sequential signal). History
 * lengths are log-normal like the competition's. Everything derives from one seed.
 */
public final class SyntheticData {
  static final String[] GENRES = {"Drama", "Comedy", "Thriller", "Action", "Romance", "Adventure", "Crime", "Sci-Fi",
      "Horror", "Fantasy", "Children", "Animation", "Mystery", "Documentary", "War", "Musical", "Western", "Film-Noir"};
  /** Relative frequency of genres as an item's main genre (drama and comedy dominate, as in MovieLens). */
  private static final double[] GENRE_WEIGHT = {18, 14, 9, 8, 6, 5, 5, 4, 4, 3, 3, 2.5, 2, 2, 1.5, 1, 1, 0.5};
  private static final long START = LocalDate.of(2005, 4, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  private static final long END = LocalDate.of(2015, 3, 31).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  private static final int ID_SPREAD = 4;

  private SyntheticData() {}

  public static Dataset generate(SyntheticConfig c, long seed, String name) {
    SplittableRandom rng = new SplittableRandom(seed);
    Catalog catalog = new Catalog(c, rng.split());
    RawData raw = new RawData();
    int[] userIds = distinctIds(c.users(), rng.split());
    for (int u = 0; u < c.users(); u++) addUser(raw, userIds[u], catalog, c, rng.split());
    catalog.describe(raw);
    return raw.build(name);
  }

  private static void addUser(RawData raw, int userId, Catalog cat, SyntheticConfig c, SplittableRandom rng) {
    int length = (int) Math.round(c.medianHistory() * Math.exp(c.historySigma() * gaussian(rng)));
    length = Math.max(c.minHistory(), Math.min(Math.min(c.maxHistory(), c.items() / 2), length));
    int[] favGenres = distinctDraws(cat.genreSampler, 1 + rng.nextInt(3), rng);
    int[] favClusters = distinctDraws(cat.clusterSampler, 2 + rng.nextInt(3), rng);
    List<Integer> favDirectors = new ArrayList<>();
    for (int g : favGenres) for (int d = 0; d < rng.nextInt(3); d++) favDirectors.add(cat.directorOfGenre(g, rng));
    // Active span: starts anywhere in the decade, lasts an exponential time that fits before the end.
    long first = START + (long) (rng.nextDouble() * (END - START) * 0.9);
    long span = Math.max(3600, (long) Math.min(END - first, -Math.log(1 - rng.nextDouble()) * 365.0 * 86400));
    long[] times = new long[length];
    for (int k = 0; k < length; k++) times[k] = first + (long) (rng.nextDouble() * span);
    Arrays.sort(times);
    Set<Integer> seen = new HashSet<>();
    int lastCluster = favClusters[0];
    for (long time : times) {
      int year = LocalDate.ofEpochDay(time / 86400).getYear();
      int item = -1;
      for (int attempt = 0; attempt < 40 && item < 0; attempt++) {
        int candidate = drawItem(cat, rng, favGenres, favClusters, favDirectors, lastCluster, attempt >= 30);
        if (candidate >= 0 && cat.years[candidate] <= year && !seen.contains(candidate)) item = candidate;
      }
      if (item < 0) continue; // nothing new fits this time: the history ends up slightly shorter
      seen.add(item);
      lastCluster = cat.cluster[item];
      raw.add(userId, cat.ids[item], time);
    }
  }

  private static int drawItem(Catalog cat, SplittableRandom rng, int[] genres, int[] clusters, List<Integer> directors, int lastCluster, boolean popularOnly) {
    double r = popularOnly ? 0 : rng.nextDouble();
    if (r < 0.12) return cat.global.draw(rng);
    if (r < 0.30 && !directors.isEmpty()) {
      int[] films = cat.filmsByDirector.get(directors.get(rng.nextInt(directors.size())));
      return films.length == 0 ? -1 : films[rng.nextInt(films.length)];
    }
    if (r < 0.50) return cat.byCluster[lastCluster].draw(rng);
    if (r < 0.80) return cat.byCluster[clusters[rng.nextInt(clusters.length)]].draw(rng);
    return cat.byGenre[genres[rng.nextInt(genres.length)]].draw(rng);
  }

  private static int[] distinctDraws(Sampler s, int n, SplittableRandom rng) {
    Set<Integer> out = new java.util.LinkedHashSet<>();
    for (int attempt = 0; out.size() < n && attempt < 50 * n; attempt++) out.add(s.draw(rng));
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Distinct positive ids spread over a range, like MovieLens's sparse ids. */
  private static int[] distinctIds(int n, SplittableRandom rng) {
    Set<Integer> ids = new java.util.TreeSet<>();
    while (ids.size() < n) ids.add(1 + rng.nextInt(n * ID_SPREAD));
    int[] result = ids.stream().mapToInt(Integer::intValue).toArray();
    // Shuffle so that generation order does not follow id order.
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = result[i];
      result[i] = result[j];
      result[j] = t;
    }
    return result;
  }

  static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  /** Draws an index with probability proportional to a weight (binary search on the cumulative sums). */
  static final class Sampler {
    final int[] values;
    final double[] cumulative;

    Sampler(int[] values, double[] weights) {
      this.values = values;
      this.cumulative = new double[weights.length];
      double sum = 0;
      for (int i = 0; i < weights.length; i++) cumulative[i] = sum += weights[i];
    }

    int draw(SplittableRandom rng) {
      if (values.length == 0) return -1;
      int i = Arrays.binarySearch(cumulative, rng.nextDouble() * cumulative[cumulative.length - 1]);
      return values[Math.min(values.length - 1, i >= 0 ? i : -i - 1)];
    }
  }

  /** Items with their genres, cluster, director, writers, year and popularity. */
  private static final class Catalog {
    final int[] ids;
    final int[] years;
    final int[] cluster;
    final int[][] genres;
    final int[] director;
    final int[][] writers;
    final double[] popularity;
    final Sampler global;
    final Sampler[] byGenre;
    final Sampler[] byCluster;
    final Sampler genreSampler;
    final Sampler clusterSampler;
    final List<int[]> filmsByDirector = new ArrayList<>();
    final int[] directorGenre;

    Catalog(SyntheticConfig c, SplittableRandom rng) {
      int n = c.items();
      int numClusters = Math.max(4, n / 40);
      ids = distinctIds(n, rng);
      years = new int[n];
      cluster = new int[n];
      genres = new int[n][];
      director = new int[n];
      writers = new int[n][];
      popularity = new double[n];
      genreSampler = new Sampler(range(c.genres()), Arrays.copyOf(GENRE_WEIGHT, c.genres()));
      // Each cluster leans to one main genre; each director works mostly in one genre.
      int[] clusterGenre = new int[numClusters];
      for (int k = 0; k < numClusters; k++) clusterGenre[k] = genreSampler.draw(rng);
      directorGenre = new int[c.directors()];
      for (int d = 0; d < c.directors(); d++) directorGenre[d] = genreSampler.draw(rng);
      List<List<Integer>> directorsByGenre = groups(c.genres(), directorGenre);
      List<List<Integer>> films = new ArrayList<>();
      for (int d = 0; d < c.directors(); d++) films.add(new ArrayList<>());
      for (int i = 0; i < n; i++) {
        popularity[i] = Math.pow(1 + rng.nextInt(n), -0.9);
        years[i] = Math.max(1920, 2014 - (int) (-Math.log(1 - rng.nextDouble()) * 14));
        cluster[i] = rng.nextInt(numClusters);
        int main = rng.nextDouble() < 0.7 ? clusterGenre[cluster[i]] : genreSampler.draw(rng);
        Set<Integer> gs = new java.util.TreeSet<>(List.of(main));
        for (int extra = rng.nextInt(3); extra > 0; extra--) gs.add(genreSampler.draw(rng));
        genres[i] = gs.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> candidates = directorsByGenre.get(main);
        director[i] = rng.nextDouble() < 0.15 || candidates.isEmpty() ? -1 : candidates.get(rng.nextInt(candidates.size()));
        if (director[i] >= 0) films.get(director[i]).add(i);
        writers[i] = rng.nextDouble() < 0.1 ? new int[0] : new int[] {rng.nextInt(c.writers())};
      }
      for (List<Integer> f : films) filmsByDirector.add(f.stream().mapToInt(Integer::intValue).toArray());
      global = samplerOf(range(n));
      byGenre = new Sampler[c.genres()];
      for (int g = 0; g < c.genres(); g++) {
        final int genre = g;
        byGenre[g] = samplerOf(java.util.stream.IntStream.range(0, n).filter(i -> Arrays.stream(genres[i]).anyMatch(x -> x == genre)).toArray());
      }
      byCluster = new Sampler[numClusters];
      List<List<Integer>> members = groups(numClusters, cluster);
      for (int k = 0; k < numClusters; k++) byCluster[k] = samplerOf(members.get(k).stream().mapToInt(Integer::intValue).toArray());
      double[] clusterWeights = new double[numClusters];
      for (int k = 0; k < numClusters; k++) clusterWeights[k] = 1 + members.get(k).size();
      clusterSampler = new Sampler(range(numClusters), clusterWeights);
    }

    int directorOfGenre(int genre, SplittableRandom rng) {
      for (int attempt = 0; attempt < 100; attempt++) {
        int d = rng.nextInt(directorGenre.length);
        if (directorGenre[d] == genre) return d;
      }
      return rng.nextInt(directorGenre.length);
    }

    private Sampler samplerOf(int[] items) {
      double[] w = new double[items.length];
      for (int k = 0; k < items.length; k++) w[k] = popularity[items[k]];
      return new Sampler(items, w);
    }

    void describe(RawData raw) {
      for (int i = 0; i < ids.length; i++) {
        raw.title(ids[i], "Synthetic Movie " + ids[i] + " (" + years[i] + ")");
        // A few items lack a year, as in the competition's years.tsv.
        if (i % 850 != 17) raw.year(ids[i], years[i]);
        for (int g : genres[i]) raw.attribute("genre", ids[i], GENRES[g]);
        if (director[i] >= 0) raw.attribute("director", ids[i], String.format("nm%07d", 1 + director[i]));
        for (int w : writers[i]) raw.attribute("writer", ids[i], String.format("nm%07d", 500_000 + w));
      }
    }
  }

  private static int[] range(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  private static List<List<Integer>> groups(int n, int[] groupOf) {
    List<List<Integer>> out = new ArrayList<>();
    for (int g = 0; g < n; g++) out.add(new ArrayList<>());
    for (int i = 0; i < groupOf.length; i++) out.get(groupOf[i]).add(i);
    return out;
  }
}
