package movierec.core.data;

import java.time.Instant;
import java.time.ZoneOffset;

/** Loaded data: id maps, the interactions (CSR by user, time-ordered) and item side information. */
public record Dataset(String name, IdMap users, IdMap items, Interactions interactions, ItemSide side) {

  public int numUsers() {
    return users.size();
  }

  public int numItems() {
    return items.size();
  }

  /** Content hash of interactions and side information (not of the name or path). */
  public String hash() {
    Hashing h = new Hashing().add(interactions.fingerprint());
    for (int id : users.externalIds()) h.add(id);
    for (int id : items.externalIds()) h.add(id);
    return side.addTo(h).hex();
  }

  /** Calendar year (UTC) of an epoch-seconds time. */
  public static int yearOf(long epochSeconds) {
    return Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC).getYear();
  }
}
