package io.streamtune.broker;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The SCRAM users of a secured embedded broker, read from a properties file of {@code
 * name=password} lines. {@code admin} must be among them: the broker logs in to itself with it and
 * it is the one super user.
 */
public record BrokerUsers(Map<String, String> passwords) {

  public static final String ADMIN = "admin";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public BrokerUsers {
    passwords = Map.copyOf(passwords);
    List<String> problems = new ArrayList<>();
    if (!passwords.containsKey(ADMIN)) {
      problems.add("user 'admin' is required (the broker's own login and its super user)");
    }
    for (Map.Entry<String, String> e : new TreeMap<>(passwords).entrySet()) {
      if (!NAME.matcher(e.getKey()).matches()) {
        problems.add("user '" + e.getKey() + "': names are 1-64 of letters, digits, . _ -");
      }
      String pw = e.getValue();
      // Kafka's SCRAM bootstrap splits its arguments on commas and quotes, so such passwords
      // cannot be registered at format time.
      if (pw.length() < 8 || pw.contains(",") || pw.contains("\"") || pw.contains("]")) {
        problems.add(
            "user '" + e.getKey() + "': password must have at least 8 characters and no , \" or ]");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid broker users: " + String.join("; ", problems));
    }
  }

  /** Reads {@code name=password} lines; {@code #} starts a comment. */
  public static BrokerUsers read(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("users file " + file + " is a directory");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("users file " + file + " does not exist", e);
    }
    Map<String, String> users = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(n -> users.put(n.trim(), p.getProperty(n).trim()));
    try {
      return new BrokerUsers(users);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public String adminPassword() {
    return passwords.get(ADMIN);
  }

  /**
   * Client properties that log in as {@code user} over SASL_PLAINTEXT with SCRAM-SHA-512: what a
   * {@code --client-config} file for this broker holds.
   */
  public Properties clientProperties(String user) {
    String pw = passwords.get(user);
    if (pw == null) {
      throw new IllegalArgumentException("no user '" + user + "'; users are " + passwords.keySet());
    }
    Properties p = new Properties();
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put(
        "sasl.jaas.config",
        jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user, pw));
    return p;
  }

  static String jaas(String module, String user, String password) {
    return module + " required username=\"" + user + "\" password=\"" + password + "\";";
  }
}
