package io.streamtune.trainer.objective.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricParserTest {

  @Test
  void shouldTakeTheFirstValueAfterTheEpochWhenNoMetricIsNamed() {
    var parser = new MetricParser(null, null, null);

    var parsed = parser.parse("epoch=3 loss=0.41 acc=0.9").orElseThrow();

    assertThat(parsed.epoch()).isEqualTo(3);
    assertThat(parsed.value()).isEqualTo(0.41);
    assertThat(parsed.isFinal()).isFalse();
  }

  @Test
  void shouldTakeTheNamedMetricWhenOneIsNamed() {
    var parser = new MetricParser(null, null, "val_acc");

    assertThat(parser.parse("epoch=2, loss=0.3, val_acc=9.5e-1").orElseThrow().value())
        .isEqualTo(0.95);
    assertThat(parser.parse("epoch=2 loss=0.3")).isEmpty();
  }

  @Test
  void shouldIgnoreLinesWithoutAnEpoch() {
    var parser = new MetricParser(null, null, null);

    assertThat(parser.parse("loading data, loss=1")).isEmpty();
    assertThat(parser.parse("finally done")).isEmpty();
  }

  @Test
  void shouldReadFinalLinesWithExtrasWhenTheyFollowTheDefaultFormat() {
    var parser = new MetricParser(null, null, null);

    var plain = parser.parse("final=0.25").orElseThrow();
    var named = parser.parse("final loss=0.5 test_acc=0.9").orElseThrow();

    assertThat(plain.isFinal()).isTrue();
    assertThat(plain.value()).isEqualTo(0.25);
    assertThat(named.value()).isEqualTo(0.5);
    assertThat(named.extras()).containsEntry("test_acc", 0.9);
  }

  @Test
  void shouldUseNamedGroupsWhenACustomRegexIsGiven() {
    var parser =
        new MetricParser("Epoch (?<epoch>\\d+)/\\d+ .*val_accuracy: (?<value>[0-9.]+)", null, null);

    var parsed = parser.parse("Epoch 4/10 - loss: 0.2 - val_accuracy: 0.9713").orElseThrow();

    assertThat(parsed.epoch()).isEqualTo(4);
    assertThat(parsed.value()).isEqualTo(0.9713);
  }

  @Test
  void shouldCountLinesWhenTheRegexHasNoEpochGroup() {
    var parser = new MetricParser("score (?<value>\\S+)", null, null);

    assertThat(parser.parse("score 1").orElseThrow().epoch()).isEqualTo(1);
    assertThat(parser.parse("score 2").orElseThrow().epoch()).isEqualTo(2);
  }

  @Test
  void shouldParseNanSoTheTrainerCanFailTheTrial() {
    var parser = new MetricParser(null, null, null);

    assertThat(parser.parse("epoch=1 loss=nan").orElseThrow().value()).isNaN();
  }

  @Test
  void shouldRejectARegexWithoutAValueGroup() {
    assertThatThrownBy(() -> new MetricParser("epoch (\\d+)", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metric_regex")
        .hasMessageContaining("(?<value>");
  }
}
