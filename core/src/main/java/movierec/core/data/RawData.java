package movierec.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Interactions and side information keyed by external ids, as read from files, converted from other
 * formats or generated. {@link #build} turns it into a {@link Dataset}: the catalog is the set of items
 * with at least one interaction (nothing else can be recommended or scored), and side rows of other
 * items are dropped.
 */
public final class RawData {
  public static final List<String> ATTRIBUTES = List.of("genre", "director", "writer");

  private int[] users = new int[1024];
  private int[] items = new int[1024];
  private long[] times = new long[1024];
  private int size;
  private final Map<Integer, String> titles = new HashMap<>();
  private final Map<Integer, Integer> years = new HashMap<>();
  private final Map<String, Map<Integer, TreeSet<String>>> attributes = new HashMap<>();

  public RawData() {
    for (String a : ATTRIBUTES) attributes.put(a, new TreeMap<>());
  }

  /** Appends {@code n} parsed rows at once. */
  public void addAll(int[] users, int[] items, long[] times, int n) {
    int capacity = Math.max(this.users.length, size + n);
    this.users = Arrays.copyOf(this.users, capacity);
    this.items = Arrays.copyOf(this.items, capacity);
    this.times = Arrays.copyOf(this.times, capacity);
    System.arraycopy(users, 0, this.users, size, n);
    System.arraycopy(items, 0, this.items, size, n);
    System.arraycopy(times, 0, this.times, size, n);
    size += n;
  }

  public void add(int user, int item, long time) {
    if (size == users.length) {
      users = Arrays.copyOf(users, size * 2);
      items = Arrays.copyOf(items, size * 2);
      times = Arrays.copyOf(times, size * 2);
    }
    users[size] = user;
    items[size] = item;
    times[size++] = time;
  }

  public int size() {
    return size;
  }

  public void title(int item, String title) {
    titles.put(item, title);
  }

  public void year(int item, int year) {
    years.put(item, year);
  }

  /** Adds a value of a multi-valued attribute ({@link #ATTRIBUTES}). */
  public void attribute(String name, int item, String value) {
    Map<Integer, TreeSet<String>> byItem = attributes.get(name);
    if (byItem == null) throw new IllegalArgumentException("unknown attribute '" + name + "'; valid: " + ATTRIBUTES);
    byItem.computeIfAbsent(item, k -> new TreeSet<>()).add(value);
  }

  /** Two rows with the same (user, item) pair; {@code earlier} and {@code later} are row indices. */
  public static final class DuplicateRowException extends IllegalArgumentException {
    public final int earlier;
    public final int later;

    DuplicateRowException(int earlier, int later, int user, int item) {
      super("rows " + (earlier + 1) + " and " + (later + 1) + " repeat the pair user " + user + ", item " + item);
      this.earlier = earlier;
      this.later = later;
    }
  }

  /** Finds, on the error path only, the rows of a repeated pair by a linear scan. */
  private DuplicateRowException duplicate(int user, int item) {
    int first = -1;
    for (int r = 0; r < size; r++) {
      if (users[r] == user && items[r] == item) {
        if (first >= 0) return new DuplicateRowException(first, r, user, item);
        first = r;
      }
    }
    throw new IllegalStateException("duplicate pair not found");
  }

  public Dataset build(String name) {
    int[] u = Arrays.copyOf(users, size);
    int[] it = Arrays.copyOf(items, size);
    IdMap userIds = IdMap.of(u);
    IdMap itemIds = IdMap.of(it);
    for (int r = 0; r < size; r++) {
      u[r] = userIds.index(u[r]);
      it[r] = itemIds.index(it[r]);
    }
    Interactions inter = Interactions.fromTriples(userIds.size(), itemIds.size(), u, it, Arrays.copyOf(times, size));
    for (int user = 0; user < inter.numUsers(); user++) {
      int[] row = inter.itemsOf(user);
      Arrays.sort(row);
      for (int k = 1; k < row.length; k++) {
        if (row[k] == row[k - 1]) throw duplicate(userIds.externalId(user), itemIds.externalId(row[k]));
      }
    }
    ItemSide side = ItemSide.none(itemIds.size());
    titles.forEach((item, t) -> {
      int i = itemIds.index(item);
      if (i >= 0) side.titles()[i] = t;
    });
    years.forEach((item, y) -> {
      int i = itemIds.index(item);
      if (i >= 0) side.years()[i] = y;
    });
    return new Dataset(name, userIds, itemIds, inter, side.withAttributes(
        attribute("genre", itemIds), attribute("director", itemIds), attribute("writer", itemIds)));
  }

  private ItemAttribute attribute(String name, IdMap itemIds) {
    Map<Integer, TreeSet<String>> byItem = attributes.get(name);
    TreeSet<String> distinct = new TreeSet<>();
    byItem.forEach((item, vs) -> {
      if (itemIds.index(item) >= 0) distinct.addAll(vs);
    });
    String[] values = distinct.toArray(new String[0]);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < values.length; i++) index.put(values[i], i);
    int[][] result = ItemAttribute.empty(name, itemIds.size()).byItem();
    byItem.forEach((item, vs) -> {
      int i = itemIds.index(item);
      if (i >= 0) result[i] = vs.stream().mapToInt(index::get).sorted().toArray();
    });
    return new ItemAttribute(name, values, result);
  }
}
