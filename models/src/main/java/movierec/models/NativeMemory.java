package movierec.models;

import org.bytedeco.javacpp.Pointer;

/**
 * Memory outside the Java heap, as JavaCPP (under ND4J and OpenBLAS) accounts for it: what
 * {@code -Dorg.bytedeco.javacpp.maxbytes} and {@code maxphysicalbytes} cap. Here so that callers
 * outside the model code do not depend on the native stack.
 */
public final class NativeMemory {
  private NativeMemory() {}

  /** Bytes of the native buffers JavaCPP allocated and has not freed (ND4J's arrays). */
  public static long offHeapBytes() {
    return Pointer.totalBytes();
  }

  /** The process's resident set: heap, off-heap buffers and native libraries together. */
  public static long physicalBytes() {
    return Pointer.physicalBytes();
  }
}
