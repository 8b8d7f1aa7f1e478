package movierec.core.data;

/**
 * Side information per item index. Years use {@link #NO_YEAR} for items without one; titles may be
 * null. Attributes with no file behind them are empty.
 */
public record ItemSide(String[] titles, int[] years, ItemAttribute genres, ItemAttribute directors, ItemAttribute writers) {
  public static final int NO_YEAR = Integer.MIN_VALUE;

  public static ItemSide none(int numItems) {
    int[] years = new int[numItems];
    java.util.Arrays.fill(years, NO_YEAR);
    return new ItemSide(new String[numItems], years, ItemAttribute.empty("genre", numItems),
        ItemAttribute.empty("director", numItems), ItemAttribute.empty("writer", numItems));
  }

  public ItemSide withAttributes(ItemAttribute genres, ItemAttribute directors, ItemAttribute writers) {
    return new ItemSide(titles, years, genres, directors, writers);
  }

  public boolean hasYear(int item) {
    return years[item] != NO_YEAR;
  }

  public Hashing addTo(Hashing h) {
    for (int y : years) h.add(y);
    for (ItemAttribute a : new ItemAttribute[] {genres, directors, writers}) {
      h.add(a.name());
      for (String v : a.values()) h.add(v);
      for (int[] vs : a.byItem()) {
        h.add(vs.length);
        for (int v : vs) h.add(v);
      }
    }
    return h;
  }
}
