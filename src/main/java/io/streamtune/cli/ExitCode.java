package io.streamtune.cli;

/** The exit codes of every command (placeholder until the CLI gates branch lands). */
final class ExitCode {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int INVALID_INPUT = 2;
  static final int INTERRUPTED = 130;

  private ExitCode() {}
}
