package io.streamtune.trainer.objective.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads little-endian integer NPY arrays, alone or inside an NPZ zip. Nd4j's {@code
 * createFromNpzFile} fails on deflated NPZ members (zip compression method 8), hence this reader.
 * Format (NumPy NEP 1): {@code \x93NUMPY}, major, minor, a little-endian header length (2 bytes in
 * v1, 4 in v2/v3), an ASCII dict with descr, fortran_order and shape, then the data.
 */
public final class NpyReader {

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([iu])([1248])'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyReader() {}

  /** An integer array in row-major order. */
  public record NpyArray(long[] shape, long[] data) {

    public int rows() {
      return (int) shape[0];
    }

    public int cols() {
      return shape.length < 2 ? 1 : (int) (data.length / shape[0]);
    }

    public long get(int row, int col) {
      return data[row * cols() + col];
    }
  }

  /** Reads member {@code member} (e.g. {@code arr_0.npy}) of the NPZ file {@code npz}. */
  public static NpyArray readNpz(Path npz, String member) throws IOException {
    try (ZipFile zip = new ZipFile(npz.toFile())) {
      ZipEntry entry = zip.getEntry(member);
      if (entry == null) {
        throw new IOException(npz + ": no member '" + member + "'");
      }
      try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
        return read(in, npz + "!" + member);
      }
    }
  }

  static NpyArray read(InputStream input, String name) throws IOException {
    DataInputStream in = new DataInputStream(input);
    byte[] magic = new byte[6];
    in.readFully(magic);
    if ((magic[0] & 0xff) != 0x93
        || !"NUMPY".equals(new String(magic, 1, 5, StandardCharsets.US_ASCII))) {
      throw new IOException(name + ": not an NPY file");
    }
    int major = in.readUnsignedByte();
    in.readUnsignedByte(); // minor version: no effect on the layout
    int headerLen =
        major == 1
            ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
            : Integer.reverseBytes(in.readInt());
    byte[] header = new byte[headerLen];
    in.readFully(header);
    String dict =
        new String(header, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

    Matcher d = DESCR.matcher(dict);
    Matcher f = FORTRAN.matcher(dict);
    Matcher s = SHAPE.matcher(dict);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IOException(
          name + ": unsupported NPY header " + dict.trim() + " (only integer arrays are read)");
    }
    if ("True".equals(f.group(1))) {
      throw new IOException(name + ": Fortran-ordered arrays are not supported");
    }
    ByteOrder order = ">".equals(d.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    boolean unsigned = "u".equals(d.group(2));
    int width = Integer.parseInt(d.group(3));
    long[] shape = parseShape(s.group(1));
    long count = 1;
    for (long n : shape) {
      count *= n;
    }
    if (count * width > Integer.MAX_VALUE - 8) {
      throw new IOException(name + ": too large (" + count + " elements)");
    }
    byte[] raw = new byte[(int) (count * width)];
    in.readFully(raw);
    ByteBuffer buf = ByteBuffer.wrap(raw).order(order);
    long[] data = new long[(int) count];
    for (int i = 0; i < data.length; i++) {
      data[i] =
          switch (width) {
            case 1 -> unsigned ? buf.get() & 0xffL : buf.get();
            case 2 -> unsigned ? buf.getShort() & 0xffffL : buf.getShort();
            case 4 -> unsigned ? buf.getInt() & 0xffffffffL : buf.getInt();
            default -> buf.getLong();
          };
    }
    return new NpyArray(shape, data);
  }

  private static long[] parseShape(String tuple) {
    String[] parts = tuple.split(",");
    return Arrays.stream(parts)
        .map(String::trim)
        .filter(p -> !p.isEmpty())
        .mapToLong(Long::parseLong)
        .toArray();
  }
}
