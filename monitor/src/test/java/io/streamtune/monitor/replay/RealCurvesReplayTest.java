package io.streamtune.monitor.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evidence on real learning curves recorded by the trainer ({@code streamtune
 * record-curves}, see bench/curves/): replayed in 10 seeded arrival orders at parallelism 4, ASHA
 * must train at most a third of the epochs while keeping the final best within 1 % of the
 * no-stopping best in every order.
 */
class RealCurvesReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"mlp-mnist.jsonl.gz", "cnn-peptides.jsonl.gz"})
  void shouldSaveThreeFoldEpochsWithinOnePercentRegretWhenAshaReplaysRealCurves(String fixture)
      throws URISyntaxException {
    // Given sixty full-length curves of random configurations
    LearningCurves set =
        CurveFixtures.read(Path.of(getClass().getResource("/curves/" + fixture).toURI()));
    assertThat(set.curves()).hasSizeGreaterThanOrEqualTo(60);

    // When they are replayed through ASHA with its defaults
    ReplaySummary asha =
        ReplayMain.replay(set, List.of(ReplayMain.RuleSpec.parse("asha")), 4, 1, 10).get(0);

    // Then it saves at least 3x the epochs at under 1 % regret in the worst arrival order
    assertThat(asha.speedup()).isGreaterThanOrEqualTo(ReplaySummary.TARGET_SPEEDUP);
    assertThat(asha.maxRegret()).isLessThanOrEqualTo(ReplaySummary.TARGET_REGRET);
  }
}
