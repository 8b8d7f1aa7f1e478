package movierec.core.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a stream of primitives, buffered; the hex digest is shortened to 16 characters. */
public final class Hashing {
  private final MessageDigest digest;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

  public Hashing() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void room(int bytes) {
    if (buffer.remaining() < bytes) flush();
  }

  private void flush() {
    buffer.flip();
    digest.update(buffer);
    buffer.clear();
  }

  public Hashing add(int v) {
    room(4);
    buffer.putInt(v);
    return this;
  }

  public Hashing add(long v) {
    room(8);
    buffer.putLong(v);
    return this;
  }

  public Hashing add(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    add(b.length);
    flush();
    digest.update(b);
    return this;
  }

  public String hex() {
    flush();
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }
}
