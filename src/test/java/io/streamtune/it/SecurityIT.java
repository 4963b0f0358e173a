package io.streamtune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.broker.BrokerUsers;
import io.streamtune.broker.EmbeddedKafkaBroker;
import io.streamtune.schemas.TopicSetup;
import io.streamtune.security.AclPlan;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker secured the way a shared cluster is: SASL/SCRAM logins, the standard
 * authorizer with nothing allowed without an ACL, and StreamTune's ACL plan for each role.
 */
@Tag("integration")
class SecurityIT {

  private static final BrokerUsers USERS =
      new BrokerUsers(
          Map.of(
              "admin", "admin-secret",
              "suggester", "suggester-secret",
              "trainer", "trainer-secret",
              "monitor", "monitor-secret",
              "submitter", "submitter-secret",
              "reader", "reader-secret"));

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startSecuredBroker() {
    broker = EmbeddedKafkaBroker.startTemporarySecured(USERS);
    TopicSetup.ensureTopics(broker.adminProperties(), 2, 2, (short) 1);
    new AclPlan(AclPlan.defaultPrincipals()).apply(broker.adminProperties());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static Properties fast(Properties p) {
    p.put("request.timeout.ms", "5000");
    p.put("default.api.timeout.ms", "5000");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "6000");
    return p;
  }

  private static void produce(Properties client, String topic) throws Exception {
    byte[] key = "s".getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(fast(client), new ByteArraySerializer(), new ByteArraySerializer())) {
      p.send(new ProducerRecord<>(topic, key, key)).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldRefuseAClientWhenItDoesNotAuthenticate() {
    // Given a client with only the bootstrap address
    Properties anonymous = new Properties();
    anonymous.put("bootstrap.servers", broker.bootstrapServers());

    // When it asks for the topics, then it never gets an answer
    try (Admin a = Admin.create(fast(anonymous))) {
      assertThatThrownBy(() -> a.listTopics().names().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void shouldRefuseALoginWhenThePasswordIsWrong() {
    Properties wrong = broker.clientProperties("trainer");
    wrong.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"trainer\" password=\"not-the-password\";");
    assertThatThrownBy(() -> produce(wrong, "trial-metrics"))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void shouldRefuseTheTrainerWhenItWritesRequestsOrStopDecisions() throws Exception {
    // Given the trainer's own credentials
    Properties trainer = broker.clientProperties("trainer");

    // Then it may write metrics but neither requests nor stop decisions
    produce(trainer, "trial-metrics");
    assertThatThrownBy(() -> produce(trainer, "trial-requests"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> produce(trainer, "trial-control"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void shouldRefuseTheSubmitterWhenItWritesResults() throws Exception {
    Properties submitter = broker.clientProperties("submitter");
    produce(submitter, "studies");
    assertThatThrownBy(() -> produce(submitter, "trial-results"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void shouldLetOnlyTheSuggesterWriteRequestsWhenEveryRoleTries() throws Exception {
    produce(broker.clientProperties("suggester"), "trial-requests");
    for (String other : new String[] {"monitor", "submitter", "reader"}) {
      assertThatThrownBy(() -> produce(broker.clientProperties(other), "trial-requests"))
          .as(other)
          .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }
    assertThat(broker.secured()).isTrue();
  }
}
