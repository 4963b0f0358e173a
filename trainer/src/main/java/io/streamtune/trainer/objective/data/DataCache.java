package io.streamtune.trainer.objective.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed data files, kept for the life of the JVM: a study runs many trials on the same files, and
 * decoding the MNIST gz alone takes about a second. Entries are immutable raw arrays (tens of MB).
 */
public final class DataCache {

  /** A loader that may fail with an I/O error. */
  @FunctionalInterface
  public interface Loader<T> {
    T load() throws IOException;
  }

  private static final ConcurrentHashMap<String, Object> CACHE = new ConcurrentHashMap<>();

  private DataCache() {}

  @SuppressWarnings("unchecked")
  public static <T> T get(String key, Loader<T> loader) throws IOException {
    try {
      return (T)
          CACHE.computeIfAbsent(
              key,
              k -> {
                try {
                  return loader.load();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
