package io.streamtune.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerUsersTest {

  @TempDir Path dir;

  @Test
  void shouldReadUsersWhenTheFileHasNamePasswordLines() throws Exception {
    // Given a users file with a comment
    Path f = dir.resolve("users.properties");
    Files.writeString(f, "# the broker's users\nadmin=admin-secret\nsuggester = sugg-secret\n");

    // When it is read
    BrokerUsers users = BrokerUsers.read(f);

    // Then both users are there and a client config for one logs in with SCRAM
    assertThat(users.passwords()).containsOnlyKeys("admin", "suggester");
    assertThat(users.clientProperties("suggester"))
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(users.clientProperties("suggester").getProperty("sasl.jaas.config"))
        .contains("username=\"suggester\" password=\"sugg-secret\";");
  }

  @Test
  void shouldRequireAdminWhenUsersAreGiven() {
    assertThatThrownBy(() -> new BrokerUsers(Map.of("trainer", "trainer-secret")))
        .hasMessageContaining("user 'admin' is required");
  }

  @Test
  void shouldRefusePasswordsKafkaCannotRegisterWhenTheyHaveACommaOrAreShort() {
    assertThatThrownBy(() -> new BrokerUsers(Map.of("admin", "a,b-long-enough")))
        .hasMessageContaining("user 'admin': password must have at least 8 characters");
    assertThatThrownBy(() -> new BrokerUsers(Map.of("admin", "short")))
        .hasMessageContaining("at least 8 characters");
  }

  @Test
  void shouldNameTheFileWhenItIsMissingOrADirectory() {
    assertThatThrownBy(() -> BrokerUsers.read(dir.resolve("nope")))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> BrokerUsers.read(dir)).hasMessageContaining("is a directory");
  }
}
