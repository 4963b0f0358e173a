package io.streamtune.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs {@code src/test/python/check_results.py} (Debian python3) on a results file. */
public final class PythonResultsCheck {

  private PythonResultsCheck() {}

  /** The script's output; throws with it when the script finds a broken promise. */
  public static String check(Path results) throws IOException, InterruptedException {
    Path script =
        Path.of(System.getProperty("streamtune.root", ".."), "src/test/python/check_results.py");
    if (!script.toFile().isFile()) {
      script = Path.of("src/test/python/check_results.py");
    }
    Process p =
        new ProcessBuilder("python3", script.toString(), results.toString())
            .redirectErrorStream(true)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("check_results.py did not finish in 60 s");
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("check_results.py on " + results + ": " + output);
    }
    return output;
  }
}
