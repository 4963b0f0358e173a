package io.streamtune.trainer.objective.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamtune.trainer.objective.Objective;
import io.streamtune.trainer.objective.ObjectiveResult;
import io.streamtune.trainer.objective.TrialContext;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code command}: trains with an external program in any language, as Katib's and NNI's trial
 * commands do. The program gets the parameters three ways: as JSON on stdin, in the environment
 * ({@code STREAMTUNE_PARAMS} as JSON and {@code STREAMTUNE_PARAM_<NAME>} each, plus {@code
 * STREAMTUNE_TRIAL_ID}, {@code STREAMTUNE_MAX_EPOCHS}, {@code STREAMTUNE_SEED}), and through {@code
 * {name}} placeholders in {@code cmd}/{@code args}. It reports by printing lines to stdout, see
 * {@link MetricParser}.
 *
 * <p>Options: {@code cmd} (required; the program, may include fixed arguments), {@code args},
 * {@code metric}, {@code metric_regex}, {@code final_regex}, {@code timeout_s} (default 3600),
 * {@code workdir}, {@code kill_grace_s} (default 2). A stop decision or timeout ends the whole
 * process tree: SIGTERM, then SIGKILL after the grace period. A timeout, a non-zero exit (with the
 * tail of stderr) or no metric at all throws, which the trainer turns into a FAILED trial. Trainers
 * run this objective only when started with {@code --allow-command}.
 */
public final class CommandObjective implements Objective {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long POLL_MS = 50;

  @Override
  public ObjectiveResult run(TrialContext ctx) throws Exception {
    String cmd = ctx.option("cmd", (String) null);
    if (cmd == null || cmd.isBlank()) {
      throw new IllegalArgumentException(
          "objective 'command' needs the option 'cmd' (the program to run)");
    }
    double timeoutS = ctx.option("timeout_s", 3600.0);
    if (!(timeoutS > 0)) {
      throw new IllegalArgumentException(
          "objective option 'timeout_s' must be > 0 but was " + timeoutS);
    }
    long graceMs = (long) (1000 * ctx.option("kill_grace_s", 2.0));
    MetricParser parser =
        new MetricParser(
            ctx.option("metric_regex", (String) null),
            ctx.option("final_regex", (String) null),
            ctx.option("metric", (String) null));

    Map<String, String> values = formatted(ctx.params());
    List<String> command = ArgTemplate.expand(cmd + " " + ctx.option("args", ""), values);
    ProcessBuilder pb = new ProcessBuilder(command);
    String workdir = ctx.option("workdir", (String) null);
    if (workdir != null) {
      pb.directory(new File(workdir));
    }
    String json = JSON.writeValueAsString(ctx.params());
    pb.environment().putAll(environment(ctx, values, json));

    long deadline = System.nanoTime() + (long) (timeoutS * 1e9);
    Process process = pb.start();
    try (OutputLines lines = new OutputLines(process)) {
      writeStdin(process, json);
      return supervise(ctx, process, lines, parser, deadline, timeoutS, graceMs);
    } finally {
      if (process.isAlive()) {
        ProcessTree.kill(process, graceMs); // an exception or interrupt must not leak the process
      }
    }
  }

  private static ObjectiveResult supervise(
      TrialContext ctx,
      Process process,
      OutputLines lines,
      MetricParser parser,
      long deadline,
      double timeoutS,
      long graceMs)
      throws Exception {
    double last = Double.NaN;
    int epochs = 0;
    MetricParser.Parsed result = null;
    long exitedAt = 0;
    while (true) {
      String line = lines.next(POLL_MS);
      if (line == OutputLines.END) {
        break;
      }
      if (line == null && !process.isAlive()) {
        // A background child may hold stdout open after the program exits: stop waiting after 1 s.
        exitedAt = exitedAt == 0 ? System.nanoTime() : exitedAt;
        if (System.nanoTime() - exitedAt > 1_000_000_000L) {
          break;
        }
      }
      if (line != null) {
        var parsed = parser.parse(line);
        if (parsed.isPresent() && parsed.get().isFinal()) {
          result = parsed.get();
        } else if (parsed.isPresent()) {
          last = parsed.get().value();
          epochs = parsed.get().epoch();
          if (!ctx.reportEpoch(epochs, last)) {
            ProcessTree.kill(process, graceMs);
            return new ObjectiveResult(last, epochs, true, Map.of());
          }
        }
      }
      if (ctx.stopRequested()) {
        ProcessTree.kill(process, graceMs);
        return new ObjectiveResult(last, epochs, true, Map.of());
      }
      if (System.nanoTime() > deadline) {
        ProcessTree.kill(process, graceMs);
        throw new TimeoutException(
            "command did not finish within timeout_s="
                + timeoutS
                + " (killed after epoch "
                + epochs
                + ")");
      }
    }
    long left = Math.max(0, deadline - System.nanoTime());
    if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
      ProcessTree.kill(process, graceMs);
      throw new TimeoutException("command did not exit within timeout_s=" + timeoutS);
    }
    int exit = process.exitValue();
    if (exit != 0) {
      throw new IllegalStateException(
          "command exited with status " + exit + "; stderr ends with:\n" + lines.stderrTail());
    }
    if (result != null) {
      return new ObjectiveResult(result.value(), epochs, false, result.extras());
    }
    if (epochs == 0) {
      throw new IllegalStateException(
          "command printed no metric: no stdout line matched metric_regex or final_regex"
              + " (print lines like 'epoch=1 loss=0.5'); stderr ends with:\n"
              + lines.stderrTail());
    }
    return new ObjectiveResult(last, epochs, false, Map.of());
  }

  private static void writeStdin(Process process, String json) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(json.getBytes(StandardCharsets.UTF_8));
      in.write('\n');
    } catch (IOException e) {
      // The program need not read stdin; it may even have exited (broken pipe). Not an error.
    }
  }

  static Map<String, String> formatted(Map<String, Object> params) {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  static Map<String, String> environment(
      TrialContext ctx, Map<String, String> values, String json) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("STREAMTUNE_PARAMS", json);
    env.put("STREAMTUNE_TRIAL_ID", ctx.trialId());
    env.put("STREAMTUNE_MAX_EPOCHS", Integer.toString(ctx.maxEpochs()));
    env.put("STREAMTUNE_SEED", Long.toString(ctx.seed()));
    values.forEach((k, v) -> env.put("STREAMTUNE_PARAM_" + envName(k), v));
    return env;
  }

  static String envName(String param) {
    return param.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }

  /** Kills a process and everything it started. */
  static final class ProcessTree {
    private ProcessTree() {}

    /**
     * SIGTERM to the tree, then SIGKILL to what is left after {@code graceMs}. The descendants are
     * listed before anything is signalled: once the parent dies its children are re-parented and
     * can no longer be found from it.
     */
    static void kill(Process process, long graceMs) throws InterruptedException {
      List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
      tree.add(process.toHandle());
      tree.forEach(ProcessHandle::destroy);
      long until = System.nanoTime() + graceMs * 1_000_000;
      for (ProcessHandle h : tree) {
        long left = until - System.nanoTime();
        if (left > 0 && h.isAlive()) {
          try {
            h.onExit().get(left, TimeUnit.NANOSECONDS);
          } catch (TimeoutException | ExecutionException e) {
            // still alive: killed below
          }
        }
      }
      for (ProcessHandle h : tree) {
        if (h.isAlive()) {
          h.descendants().forEach(ProcessHandle::destroyForcibly);
          h.destroyForcibly();
        }
      }
      process.waitFor(Math.max(graceMs, 1000), TimeUnit.MILLISECONDS);
    }
  }
}
