package io.streamtune.trainer.objective.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files of unsigned bytes (the MNIST format, LeCun et al.): a big-endian magic number
 * {@code 0x0000 08 nd} (type 0x08 = ubyte, nd = number of dimensions), nd big-endian int sizes,
 * then the bytes in row-major order. Gzipped files ({@code .gz}) are decompressed on the fly.
 */
public final class IdxReader {

  private static final int UBYTE = 0x08;

  private IdxReader() {}

  /** An IDX array: {@code dims} and the raw unsigned bytes (read with {@code b & 0xff}). */
  public record IdxArray(int[] dims, byte[] data) {

    public int count() {
      return dims[0];
    }

    /** Elements per item: 784 for a 28x28 image, 1 for a label. */
    public int itemSize() {
      int size = 1;
      for (int i = 1; i < dims.length; i++) {
        size *= dims[i];
      }
      return size;
    }

    public int unsigned(int item, int offset) {
      return data[item * itemSize() + offset] & 0xff;
    }
  }

  public static IdxArray read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        InputStream in =
            file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
      return read(in, file.toString());
    }
  }

  static IdxArray read(InputStream input, String name) throws IOException {
    DataInputStream in = new DataInputStream(input);
    int magic = in.readInt();
    int type = (magic >>> 8) & 0xff;
    int nd = magic & 0xff;
    if ((magic >>> 16) != 0 || type != UBYTE || nd < 1) {
      throw new IOException(
          name + ": not an unsigned-byte IDX file (magic 0x" + Integer.toHexString(magic) + ")");
    }
    int[] dims = new int[nd];
    long total = 1;
    for (int i = 0; i < nd; i++) {
      dims[i] = in.readInt();
      total *= dims[i];
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IOException(name + ": too large (" + total + " bytes)");
    }
    byte[] data = new byte[(int) total];
    in.readFully(data);
    return new IdxArray(dims, data);
  }
}
