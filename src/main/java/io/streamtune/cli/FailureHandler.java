package io.streamtune.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a failed command into one line on stderr, {@code error: ...}, and an exit code ({@link
 * ExitCodes}). A usage error adds where to read the usage, rather than printing all of it above the
 * line that matters; {@code --verbose} adds the stack trace.
 */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    Exception reported = e instanceof UncheckedIOException u ? u.getCause() : e;
    err.println("error: " + message(reported));
    if (cmd.getParseResult().hasMatchedOption("--verbose")) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.of(e);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    boolean top = cmd.getParent() == null;
    if (top && args.length == 0) {
      cmd.usage(err); // a bare "streamtune": the usage is the answer
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    String unmatched = firstUnmatched(e);
    if (top && unmatched != null && !unmatched.startsWith("-")) {
      err.println("error: '" + unmatched + "' is not a " + cmd.getCommandName() + " command");
      didYouMean(err, unmatched, cmd.getSubcommands().keySet());
      err.println("Commands: " + String.join(", ", cmd.getSubcommands().keySet()) + ".");
    } else {
      err.println("error: " + lowerFirst(e.getMessage()));
      if (unmatched != null && unmatched.startsWith("-")) {
        didYouMean(err, unmatched, cmd.getCommandSpec().optionsMap().keySet());
      }
    }
    err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }

  /** The first argument picocli could not place, or null: a mistyped command or option. */
  private static String firstUnmatched(ParameterException e) {
    return e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
        ? u.getUnmatched().get(0)
        : null;
  }

  private static void didYouMean(PrintWriter err, String typed, Iterable<String> names) {
    List<String> all = new ArrayList<>();
    names.forEach(all::add);
    List<String> near = Spelling.near(typed, all);
    if (!near.isEmpty()) {
      err.println("Did you mean " + String.join(" or ", near) + "?");
    }
  }

  /**
   * What went wrong, never "null": the first message along the cause chain (wrappers often have
   * none of their own), else the exception's name. Kafka's own wrappers say only what failed
   * ("Failed to create new KafkaAdminClient"), so their cause's message follows.
   */
  static String message(Throwable e) {
    Throwable t = e;
    while (ownMessage(t) == null && t.getCause() != null) {
      t = t.getCause();
    }
    String m = ownMessage(t);
    if (m == null) {
      return t.getClass().getSimpleName();
    }
    if (t instanceof KafkaException && t.getCause() != null) {
      String cause = message(t.getCause());
      return m.contains(cause) ? m : m + ": " + cause;
    }
    return m;
  }

  /** A throwable's message, or null if it has none of its own (a wrapper repeats its cause's). */
  private static String ownMessage(Throwable t) {
    if (t instanceof FileSystemException f) {
      return fileProblem(f); // the JDK's message is the bare path
    }
    String m = t.getMessage();
    if (m == null || m.isBlank() || (t.getCause() != null && m.equals(t.getCause().toString()))) {
      return null;
    }
    return m;
  }

  private static String fileProblem(FileSystemException f) {
    String what =
        f instanceof NoSuchFileException
            ? "no such file or directory"
            : f instanceof AccessDeniedException
                ? "permission denied"
                : f instanceof NotDirectoryException
                    ? "not a directory"
                    : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
    return f.getFile() + ": " + what;
  }

  /** picocli's messages start with a capital; ours after "error:" do not. */
  private static String lowerFirst(String m) {
    return m.length() > 1 && Character.isLowerCase(m.charAt(1))
        ? m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1)
        : m;
  }
}
