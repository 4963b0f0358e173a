package io.streamtune.trainer.objective.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A process's stdout as a queue of lines, and the tail of its stderr. Both are read on their own
 * daemon threads so that the supervising thread can wake up for timeouts and stop requests even
 * while the program prints nothing, and so that a chatty stderr never fills its pipe and blocks it.
 */
final class OutputLines implements AutoCloseable {

  /** Marks the end of stdout (compared by identity). */
  static final String END = new String("<end of stdout>");

  private static final int TAIL_LINES = 30;

  private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
  private final Deque<String> stderr = new ArrayDeque<>();
  private final Thread outReader;
  private final Thread errReader;

  OutputLines(Process process) {
    outReader = start("stdout", process.getInputStream(), stdout::add, () -> stdout.add(END));
    errReader = start("stderr", process.getErrorStream(), this::keepTail, () -> {});
  }

  /** The next line, null if none came within {@code timeoutMs}, or {@link #END}. */
  String next(long timeoutMs) throws InterruptedException {
    return stdout.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** The last lines of stderr, waiting briefly for the reader to reach the end. */
  String stderrTail() throws InterruptedException {
    errReader.join(1000);
    synchronized (stderr) {
      return stderr.isEmpty() ? "(stderr was empty)" : String.join("\n", stderr);
    }
  }

  private void keepTail(String line) {
    synchronized (stderr) {
      if (stderr.size() == TAIL_LINES) {
        stderr.removeFirst();
      }
      stderr.addLast(line.length() > 500 ? line.substring(0, 500) + "…" : line);
    }
  }

  private static Thread start(String name, InputStream in, Consumer<String> sink, Runnable atEnd) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                // the stream closes when the process is killed: that is the end of output
              } finally {
                atEnd.run();
              }
            },
            "command-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public void close() {
    outReader.interrupt();
    errReader.interrupt();
  }
}
