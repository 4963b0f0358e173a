package io.streamtune.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples in the READMEs are the code below, verbatim: each test runs one, and the README
 * tests find its lines (between the {@code // README:} and {@code // end} markers, less the
 * method's indentation) in the README that shows it. This module's test classpath is the library's
 * own, so the examples also prove that it needs nothing else (no JSON, no Kafka).
 */
class ReadmeExampleTest {

  /** Surefire runs in the module's directory. */
  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

  private static final Path ROOT_README = MODULE.resolve("../../README.md");
  private static final Path OPTIMIZER_README = MODULE.resolve("README.md");
  private static final Path THIS_FILE =
      MODULE.resolve("src/test/java/io/streamtune/optimizer/ReadmeExampleTest.java");

  @Test
  void shouldFindTheMinimumWhenRunningTheMinimizeExample() {
    // README: minimize
    Space space = Space.of(new RealDimension("x", -5, 10), new RealDimension("y", 0, 15));
    OptimizeResult result =
        Minimize.minimize(
            p -> {
              double x = (Double) p.get("x");
              double y = (Double) p.get("y");
              return (x - 2) * (x - 2) + (y - 3) * (y - 3);
            },
            space,
            Minimize.Options.gp(30, 42));
    // result.x() is the best point, result.fun() its value, result.xIters() every point tried
    // end
    assertThat(result.fun()).isLessThan(1e-3);
    assertThat((Double) result.x().get("x")).isCloseTo(2.0, within(0.05));
    assertThat((Double) result.x().get("y")).isCloseTo(3.0, within(0.05));
    assertThat(result.xIters()).hasSize(30);
  }

  /** A stand-in for training a model: a bowl with its minimum at lr = 1e-2, layers = 3. */
  private static double train(Map<String, Object> p) {
    double lr = Math.log10((Double) p.get("lr")) + 2;
    long layers = (Long) p.get("layers");
    return lr * lr + 0.1 * (layers - 3) * (layers - 3);
  }

  @Test
  void shouldImproveOnTheDesignWhenRunningTheAskTellExample() {
    // README: ask-tell
    Space space =
        Space.of(
            new RealDimension("lr", 1e-4, 1e-1, RealDimension.Prior.LOG_UNIFORM),
            new IntegerDimension("layers", 1, 4));
    Optimizer optimizer = Optimizers.create(space, OptimizerSettings.gp(7));
    for (int round = 0; round < 12; round++) {
      List<Map<String, Object>> batch = optimizer.ask(2); // two distinct points, pending until told
      for (Map<String, Object> params : batch) {
        optimizer.tell(params, train(params)); // train returns the loss to minimise
      }
    }
    // end
    List<Double> losses = ((BaseOptimizer) optimizer).log().ys();
    double bestOfDesign = losses.subList(0, 10).stream().min(Double::compare).orElseThrow();
    double best = losses.stream().min(Double::compare).orElseThrow();
    assertThat(losses).hasSize(24);
    assertThat(best).isLessThan(bestOfDesign).isLessThan(0.01);
  }

  @Test
  void shouldShowTheTestedMinimizeExampleWhenReadingTheRootReadme() throws IOException {
    assertThat(Files.readString(ROOT_README)).contains(snippet("minimize"));
  }

  @Test
  void shouldShowBothTestedExamplesWhenReadingTheOptimizerReadme() throws IOException {
    String readme = Files.readString(OPTIMIZER_README);
    assertThat(readme).contains(snippet("minimize")).contains(snippet("ask-tell"));
  }

  @Test
  void shouldResolveEveryRelativeLinkWhenReadingTheReadmes() throws IOException {
    for (Path readme : List.of(ROOT_README, OPTIMIZER_README)) {
      Matcher m = Pattern.compile("\\]\\(([^)#\\s]+)[^)]*\\)").matcher(Files.readString(readme));
      while (m.find()) {
        String target = m.group(1);
        if (!target.matches("[a-z]+:.*")) {
          assertThat(readme.getParent().resolve(target)).as("%s in %s", target, readme).exists();
        }
      }
    }
  }

  /** The lines between {@code // README: name} and {@code // end} in this file, de-indented. */
  private static String snippet(String name) throws IOException {
    List<String> lines = Files.readAllLines(THIS_FILE);
    int begin = lines.indexOf("    // README: " + name);
    assertThat(begin).as("start of snippet %s", name).isNotNegative();
    int end = begin + lines.subList(begin, lines.size()).indexOf("    // end");
    assertThat(end).as("end of snippet %s", name).isGreaterThan(begin);
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(begin + 1, end)) {
      out.add(line.length() >= 4 ? line.substring(4) : line.strip());
    }
    return String.join("\n", out) + "\n";
  }
}
