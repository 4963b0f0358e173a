package io.streamtune.cli;

/** Formats a command can print for scripts. */
enum OutputFormat {
  YAML,
  JSON,
  CSV
}
