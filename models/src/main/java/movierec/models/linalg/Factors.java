package movierec.models.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * User and item factor matrices (row-major, numUsers × k and numItems × k) of a matrix factorization;
 * a user's score for an item is the dot product of their rows. Shared by PureSVD, iALS, BPR and
 * LightGCN, which differ only in how they fit them. Mutable: fitting updates the arrays in place.
 */
public final class Factors {
  private final int numUsers;
  private final int numItems;
  private final int k;
  private final float[] users;
  private final float[] items;

  public Factors(int numUsers, int numItems, int k, float[] users, float[] items) {
    if (users.length != numUsers * k || items.length != numItems * k) throw new IllegalArgumentException("factor arrays do not match " + numUsers + "/" + numItems + " × " + k);
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.k = k;
    this.users = users;
    this.items = items;
  }

  /** Entries drawn from N(0, std²), users first then items, from {@code rng}. */
  public static Factors gaussian(int numUsers, int numItems, int k, double std, SplittableRandom rng) {
    float[] u = gaussian(numUsers * k, std, rng);
    return new Factors(numUsers, numItems, k, u, gaussian(numItems * k, std, rng));
  }

  /** {@code length} entries drawn from N(0, std²): the initial values of any embedding table. */
  public static float[] gaussian(int length, double std, SplittableRandom rng) {
    float[] a = new float[length];
    for (int i = 0; i < length; i++) a[i] = (float) (std * gaussian(rng));
    return a;
  }

  private static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  /** Writes {@code out[b, :]}, the scores of every item for {@code users[b]}. */
  public void score(int[] userIndices, float[] out) {
    Products.factorScores(users, userIndices, k, items, numItems, out);
  }

  public Factors copy() {
    return new Factors(numUsers, numItems, k, users.clone(), items.clone());
  }

  /** Writes a model file of the given format holding these factors. */
  public void save(OutputStream out, String format) throws IOException {
    ArrayIO.writer(out, format).writeInt(numUsers).writeInt(numItems).writeInt(k).writeFloats(users).writeFloats(items).finish();
  }

  /** Reads factors written by {@link #save}, checking k against the params. */
  public static Factors load(InputStream in, String format, int expectedK) throws IOException {
    ArrayIO io = ArrayIO.reader(in, format);
    int nu = io.readInt();
    int ni = io.readInt();
    int k = io.readInt(expectedK, "factors");
    return new Factors(nu, ni, k, io.readFloats(), io.readFloats());
  }

  public int numUsers() {
    return numUsers;
  }

  public int numItems() {
    return numItems;
  }

  public int k() {
    return k;
  }

  /** The live user factors (numUsers × k). */
  public float[] users() {
    return users;
  }

  /** The live item factors (numItems × k). */
  public float[] items() {
    return items;
  }
}
