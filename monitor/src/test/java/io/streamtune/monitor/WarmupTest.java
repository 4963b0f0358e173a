package io.streamtune.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmupTest {

  @Test
  void shouldRunEveryRuleToADecisionWhenTheMonitorWarmsUp() {
    // The synthetic trial is far worse than the study, so every rule that judges stops it at
    // least once: the warm-up really goes down the path of a decision.
    assertThat(Warmup.run()).isPositive();
  }
}
