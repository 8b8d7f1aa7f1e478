package movierec.models.linalg;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import movierec.core.data.Interactions;

/**
 * Model files: a format tag, then arrays (length-prefixed, big-endian, written through a chunk buffer so
 * that a 185 MB matrix takes a fraction of a second rather than one call per element).
 */
public final class ArrayIO {
  private static final int CHUNK = 1 << 16;

  private final DataOutputStream out;
  private final DataInputStream in;

  private ArrayIO(OutputStream out, InputStream in) {
    this.out = out == null ? null : new DataOutputStream(out);
    this.in = in == null ? null : new DataInputStream(in);
  }

  /** Starts a model file with the family's format tag. */
  public static ArrayIO writer(OutputStream out, String format) throws IOException {
    ArrayIO io = new ArrayIO(out, null);
    io.out.writeUTF(format);
    return io;
  }

  /** Opens a model file, checking that it was written for {@code format}. */
  public static ArrayIO reader(InputStream in, String format) throws IOException {
    ArrayIO io = new ArrayIO(null, in);
    String found = io.in.readUTF();
    if (!found.equals(format)) throw new IOException("model file is '" + found + "', expected '" + format + "'");
    return io;
  }

  public ArrayIO writeInt(int v) throws IOException {
    out.writeInt(v);
    return this;
  }

  /** Reads an int that must equal {@code expected} (a dimension fixed by the params or the data). */
  public int readInt(int expected, String what) throws IOException {
    int v = in.readInt();
    if (v != expected) throw new IOException("model file has " + what + " " + v + ", this model expects " + expected);
    return v;
  }

  public int readInt() throws IOException {
    return in.readInt();
  }

  public ArrayIO writeFloats(float[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Float.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int len = Math.min(CHUNK, a.length - from);
      buf.clear();
      buf.asFloatBuffer().put(a, from, len);
      out.write(buf.array(), 0, len * Float.BYTES);
    }
    return this;
  }

  public float[] readFloats() throws IOException {
    float[] a = new float[in.readInt()];
    byte[] bytes = new byte[CHUNK * Float.BYTES];
    for (int from = 0; from < a.length; from += CHUNK) {
      int len = Math.min(CHUNK, a.length - from);
      in.readFully(bytes, 0, len * Float.BYTES);
      ByteBuffer.wrap(bytes, 0, len * Float.BYTES).asFloatBuffer().get(a, from, len);
    }
    return a;
  }

  public ArrayIO writeInts(int[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Integer.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int len = Math.min(CHUNK, a.length - from);
      buf.clear();
      buf.asIntBuffer().put(a, from, len);
      out.write(buf.array(), 0, len * Integer.BYTES);
    }
    return this;
  }

  public int[] readInts() throws IOException {
    int[] a = new int[in.readInt()];
    byte[] bytes = new byte[CHUNK * Integer.BYTES];
    for (int from = 0; from < a.length; from += CHUNK) {
      int len = Math.min(CHUNK, a.length - from);
      in.readFully(bytes, 0, len * Integer.BYTES);
      ByteBuffer.wrap(bytes, 0, len * Integer.BYTES).asIntBuffer().get(a, from, len);
    }
    return a;
  }

  /**
   * The users' histories, for models that score from them (EASE, ItemKNN): a loaded model must score
   * without the training data. Times are not kept (scoring never reads them) and load as 0.
   */
  public ArrayIO writeHistories(Interactions x) throws IOException {
    int[] offsets = new int[x.numUsers() + 1];
    int[] items = new int[x.size()];
    for (int u = 0; u < x.numUsers(); u++) {
      offsets[u + 1] = x.end(u);
      for (int e = x.start(u); e < x.end(u); e++) items[e] = x.item(e);
    }
    out.writeInt(x.numItems());
    return writeInts(offsets).writeInts(items);
  }

  public Interactions readHistories() throws IOException {
    int numItems = in.readInt();
    int[] offsets = readInts();
    int[] items = readInts();
    return new Interactions(offsets.length - 1, numItems, offsets, items, new long[items.length]);
  }

  /** Flushes without closing the caller's stream. */
  public void finish() throws IOException {
    out.flush();
  }
}
