package io.streamtune.schemas;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How every client of a command reaches Kafka: the bootstrap servers and any other client settings
 * (security above all) from a {@code --client-config} file. Each producer, consumer, admin client
 * and Streams app starts from {@link #properties()} and adds only its own keys (group id,
 * transactional id, isolation level...), so one file secures everything a command makes.
 *
 * @param bootstrap {@code host:port[,host:port...]}
 * @param settings client properties other than {@code bootstrap.servers}
 */
public record KafkaConnection(String bootstrap, Map<String, String> settings) {

  private static final String BOOTSTRAP = "bootstrap.servers";

  public KafkaConnection {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("bootstrap must be host:port but was empty");
    }
    settings = Map.copyOf(settings);
    if (settings.containsKey(BOOTSTRAP)) {
      throw new IllegalArgumentException("bootstrap.servers belongs in bootstrap, not in settings");
    }
  }

  /** A plain connection: no settings beyond the bootstrap servers. */
  public static KafkaConnection of(String bootstrap) {
    return new KafkaConnection(bootstrap, Map.of());
  }

  /**
   * Reads client settings from a properties file. {@code bootstrap} (from a flag) wins over the
   * file's {@code bootstrap.servers}; either must be present.
   *
   * @param bootstrap the bootstrap servers, or null or blank to take the file's
   * @param file a Kafka client properties file, or null for none
   */
  public static KafkaConnection load(String bootstrap, Path file) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (file != null) {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException("client config " + file + " is a directory, not a file");
      }
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("client config " + file + " does not exist", e);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read client config " + file + ": " + e, e);
      }
      p.stringPropertyNames().forEach(k -> settings.put(k.trim(), p.getProperty(k).trim()));
    }
    String fromFile = settings.remove(BOOTSTRAP);
    String servers = bootstrap != null && !bootstrap.isBlank() ? bootstrap : fromFile;
    if (servers == null || servers.isBlank()) {
      throw new IllegalArgumentException(
          "no Kafka bootstrap servers: pass --bootstrap HOST:PORT, set STREAMTUNE_BOOTSTRAP, or put"
              + " bootstrap.servers in the client config");
    }
    return new KafkaConnection(servers.trim(), settings);
  }

  /** A fresh copy of the client properties, {@code bootstrap.servers} included. */
  public Properties properties() {
    Properties p = new Properties();
    p.putAll(settings);
    p.put(BOOTSTRAP, bootstrap);
    return p;
  }

  /** Whether clients authenticate or encrypt (anything but PLAINTEXT). */
  public boolean secured() {
    return !"PLAINTEXT"
        .equals(settings.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT));
  }

  /** The same connection with {@code key} set, e.g. the client settings of a test. */
  public KafkaConnection with(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(settings);
    m.put(key, value);
    return new KafkaConnection(bootstrap, m);
  }

  /** For logs and errors: the servers and the protocol, never a password. */
  @Override
  public String toString() {
    return bootstrap + " (" + settings.getOrDefault("security.protocol", "PLAINTEXT") + ")";
  }

  /** The settings' keys, sorted, with every value hidden: safe to print. */
  public String describeSettings() {
    return new TreeMap<>(settings).keySet().toString();
  }
}
