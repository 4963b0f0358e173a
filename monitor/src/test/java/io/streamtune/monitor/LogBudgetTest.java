package io.streamtune.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogBudgetTest {

  @Test
  void shouldHoldWarningsBackWhenTheWindowsBudgetIsSpent() {
    // Given a budget of two warnings a minute
    LogBudget budget = new LogBudget(2, Duration.ofMinutes(1));
    // When five warnings come within the minute
    long[] admitted = new long[5];
    for (int i = 0; i < admitted.length; i++) {
      admitted[i] = budget.admit(1_000 + i);
    }
    // Then the first two pass and the rest are held back
    assertThat(admitted).containsExactly(0, 0, -1, -1, -1);
  }

  @Test
  void shouldSayHowManyWereHeldBackWhenTheNextWindowStarts() {
    // Given a spent budget with three warnings held back
    LogBudget budget = new LogBudget(1, Duration.ofMinutes(1));
    budget.admit(0);
    budget.admit(1);
    budget.admit(2);
    budget.admit(59_999);
    // When a minute has passed since the window began
    long first = budget.admit(60_000);
    long second = budget.admit(60_001);
    // Then one warning passes and reports the three, and the new window is spent again
    assertThat(first).isEqualTo(3);
    assertThat(second).isEqualTo(-1);
  }

  @Test
  void shouldRefuseABudgetWhenItAllowsNothing() {
    assertThatThrownBy(() -> new LogBudget(0, Duration.ofMinutes(1)))
        .hasMessage("perWindow must be >= 1 but was 0");
    assertThatThrownBy(() -> new LogBudget(1, Duration.ZERO))
        .hasMessage("window must be > 0 but was PT0S");
  }
}
