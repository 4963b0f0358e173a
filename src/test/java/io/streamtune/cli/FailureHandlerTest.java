package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class FailureHandlerTest {

  @Test
  void shouldNameTheExceptionWhenNothingInTheChainHasAMessage() {
    assertThat(FailureHandler.message(new RuntimeException(new IllegalStateException())))
        .isEqualTo("IllegalStateException");
  }

  @Test
  void shouldTakeTheCausesMessageWhenAWrapperHasNone() {
    assertThat(FailureHandler.message(new RuntimeException(new IllegalStateException("broken"))))
        .isEqualTo("broken");
  }

  @Test
  void shouldAddTheCauseWhenKafkaSaysOnlyWhatFailed() {
    KafkaException e =
        new KafkaException(
            "Failed to create new KafkaAdminClient", new ConfigException("bad bootstrap"));

    assertThat(FailureHandler.message(e))
        .isEqualTo("Failed to create new KafkaAdminClient: bad bootstrap");
  }

  @Test
  void shouldSayWhatIsWrongWithAFileWhenTheJdkGivesOnlyItsPath() {
    assertThat(FailureHandler.message(new NoSuchFileException("/no/such/dir/out.json")))
        .isEqualTo("/no/such/dir/out.json: no such file or directory");
  }
}
