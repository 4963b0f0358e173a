package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.schemas.KafkaConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {

  private static final KafkaConnection H1 = KafkaConnection.of("h:1");
  private static final Duration GRACE = Duration.ofMinutes(10);

  @Test
  void shouldUseDefaultsWhenBuiltFromBootstrap() {
    TrainerConfig c = TrainerConfig.defaults("localhost:9092");
    assertThat(c.bootstrap()).isEqualTo("localhost:9092");
    assertThat(c.groupId()).isEqualTo(TrainerConfig.DEFAULT_GROUP);
    assertThat(c.workerId()).startsWith("trainer-");
    assertThat(c.allowCommand()).isFalse();
    assertThat(c.pollTimeout()).isPositive();
    assertThat(c.sessionTimeout()).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
    assertThat(TrainerConfig.defaults("h:1").workerId()).isNotEqualTo(c.workerId());
  }

  @Test
  void shouldChangeOneFieldWhenWithersAreUsed() {
    TrainerConfig c =
        TrainerConfig.defaults("h:1").withWorkerId("w7").withGroupId("g").withAllowCommand(true);
    assertThat(c.workerId()).isEqualTo("w7");
    assertThat(c.groupId()).isEqualTo("g");
    assertThat(c.allowCommand()).isTrue();
    assertThat(c.bootstrap()).isEqualTo("h:1");
  }

  @Test
  void shouldNameBootstrapWhenItIsBlank() {
    assertThatThrownBy(() -> TrainerConfig.defaults(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrap must be host:port but was empty");
  }

  @Test
  void shouldNameIdsWhenTheyAreEmpty() {
    TrainerConfig c = TrainerConfig.defaults("h:1");
    assertThatThrownBy(() -> c.withWorkerId("")).hasMessageContaining("workerId must not be empty");
    assertThatThrownBy(() -> c.withGroupId(null)).hasMessageContaining("groupId must not be empty");
  }

  @Test
  void shouldNameTimeoutsWhenTheyAreOutOfRange() {
    assertThatThrownBy(
            () ->
                new TrainerConfig(
                    H1, "g", "w", false, Duration.ZERO, Duration.ofSeconds(10), GRACE))
        .hasMessageContaining("pollTimeout must be > 0 but was PT0S");
    assertThatThrownBy(
            () ->
                new TrainerConfig(
                    H1, "g", "w", false, Duration.ofMillis(100), Duration.ofSeconds(5), GRACE))
        .hasMessageContaining("sessionTimeout must be >= 6s")
        .hasMessageContaining("PT5S");
  }

  @Test
  void shouldListEveryProblemWhenSeveralValuesAreBad() {
    assertThatThrownBy(
            () ->
                new TrainerConfig(
                    null,
                    "",
                    "",
                    false,
                    Duration.ofMillis(-1),
                    Duration.ZERO,
                    Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid trainer config: ")
        .hasMessageContaining("connection must be given")
        .hasMessageContaining("groupId")
        .hasMessageContaining("workerId")
        .hasMessageContaining("pollTimeout")
        .hasMessageContaining("sessionTimeout")
        .hasMessageContaining("studyMetricsGrace must be >= 0 but was PT-1S");
  }

  @Test
  void shouldNameTimeoutWhenItIsNull() {
    assertThatThrownBy(
            () -> new TrainerConfig(H1, "g", "w", false, null, Duration.ofSeconds(10), GRACE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pollTimeout must be > 0 but was null");
    assertThatThrownBy(
            () -> new TrainerConfig(H1, "g", "w", false, Duration.ofMillis(100), null, GRACE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sessionTimeout must be >= 6s")
        .hasMessageContaining("but was null");
  }
}
