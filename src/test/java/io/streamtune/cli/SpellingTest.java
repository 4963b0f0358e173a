package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {

  private static final List<String> COMMANDS =
      List.of("run", "broker", "suggester", "trainer", "monitor", "submit", "validate");

  @Test
  void shouldCountASwapAsOneEditWhenNeighboursAreExchanged() {
    assertThat(Spelling.distance("sumbit", "submit")).isEqualTo(1);
    assertThat(Spelling.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Spelling.distance("", "run")).isEqualTo(3);
  }

  @Test
  void shouldSuggestANameWhenTheTypoIsSmall() {
    assertThat(Spelling.near("sumbit", COMMANDS)).containsExactly("submit");
    assertThat(Spelling.near("trainers", COMMANDS)).containsExactly("trainer");
    assertThat(Spelling.near("mon", COMMANDS)).containsExactly("monitor");
  }

  @Test
  void shouldSuggestNothingWhenNoNameIsClose() {
    assertThat(Spelling.near("status", COMMANDS)).isEmpty();
    assertThat(Spelling.near("x", COMMANDS)).isEmpty();
  }
}
