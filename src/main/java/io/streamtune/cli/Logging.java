package io.streamtune.cli;

import java.util.Arrays;

/**
 * Sets slf4j-simple's levels before the first logger exists: Kafka's own INFO logs would bury the
 * progress line, so they are shown only with {@code --verbose}.
 */
final class Logging {

  private Logging() {}

  static void configure(String[] args) {
    boolean verbose =
        Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    setDefault("org.slf4j.simpleLogger.log.io.streamtune", verbose ? "debug" : "info");
    setDefault("org.slf4j.simpleLogger.log.org.apache.kafka", verbose ? "info" : "error");
    setDefault("org.slf4j.simpleLogger.log.kafka", verbose ? "info" : "error");
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
