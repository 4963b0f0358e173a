package io.streamtune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.broker.BrokerUsers;
import io.streamtune.broker.EmbeddedKafkaBroker;
import io.streamtune.monitor.MonitorConfig;
import io.streamtune.monitor.MonitorService;
import io.streamtune.schemas.BootstrapCheck;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.TopicSetup;
import io.streamtune.security.AclPlan;
import io.streamtune.study.StudyFeed;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import io.streamtune.suggester.SuggesterConfig;
import io.streamtune.suggester.SuggesterService;
import io.streamtune.trainer.BuiltinObjectives;
import io.streamtune.trainer.StopSignals;
import io.streamtune.trainer.StudyDirectory;
import io.streamtune.trainer.TrainerConfig;
import io.streamtune.trainer.TrainerWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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

  @Test
  void shouldPassTheBootstrapCheckWhenAPrincipalLogsInWithItsPassword() {
    BootstrapCheck.verify(as("reader"));
  }

  @Test
  void shouldNameTheFailedLoginWhenTheBootstrapCheckMeetsAWrongPassword() {
    // Given the trainer's settings with a wrong password
    KafkaConnection wrong =
        as("trainer")
            .with(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"trainer\" password=\"not-the-password\";");

    // When checked, then the check names the refused login at once, not a timeout
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> BootstrapCheck.verify(wrong))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused this client's login")
        .hasMessageContaining("invalid credentials");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BootstrapCheck.BUDGET);
  }

  @Test
  void shouldSuspectTheSecuritySettingsWhenAPlaintextClientMeetsASaslListener() {
    KafkaConnection plaintext = KafkaConnection.of(broker.bootstrapServers());

    assertThatThrownBy(() -> BootstrapCheck.verify(plaintext, Duration.ofSeconds(4)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("but Kafka did not reply within")
        .hasMessageContaining("this client uses PLAINTEXT");
  }

  /** A connection that logs in as {@code user}, from the client settings the broker hands out. */
  private static KafkaConnection as(String user) {
    Properties p = broker.clientProperties(user);
    String bootstrap = (String) p.remove("bootstrap.servers");
    Map<String, String> settings = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
    return new KafkaConnection(bootstrap, settings);
  }

  @Test
  void shouldRunAWholeStudyWhenEachServiceLogsInAsItsOwnPrincipalWithOnlyItsAcls()
      throws Exception {
    // Given every service running as its own principal, with nothing but the plan's ACLs
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Path state = Files.createTempDirectory("streamtune-secured-monitor-");
    KafkaConnection trainerLogin = as("trainer");
    try (MonitorService monitor =
            MonitorService.start(
                MonitorConfig.defaults(as("monitor"), state)
                    .withCommitInterval(Duration.ofMillis(50)),
                registry);
        StudyDirectory studies = new StudyDirectory(trainerLogin, "secured");
        StopSignals stops = new StopSignals(trainerLogin, "secured")) {
      monitor.awaitRunning(Duration.ofSeconds(60));
      SuggesterService suggester =
          SuggesterService.create(SuggesterConfig.defaults(as("suggester")), registry);
      List<TrainerWorker> trainers = new ArrayList<>();
      for (int i = 1; i <= 2; i++) {
        trainers.add(
            TrainerWorker.create(
                TrainerConfig.defaults(trainerLogin).withWorkerId("secured-" + i),
                BuiltinObjectives.registry(),
                studies,
                stops,
                registry));
      }
      List<Thread> threads = new ArrayList<>();
      for (Runnable r : List.<Runnable>of(suggester, trainers.get(0), trainers.get(1))) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
      try {
        // When the submitter publishes a study and follows it
        StudySpec spec = Specs.branin("secured", 8, 2, "epoch_ms: 20", "median");
        Pipeline.submit(as("submitter"), spec);
        StudyView report = StudyFollow.await(as("submitter"), spec, Duration.ofMinutes(2), r -> {});
        // Then it finishes, and every trial has exactly one result
        assertThat(report.finished()).isEqualTo(8);
        List<TrialResult> all = ResultsReader.allResults(broker.adminProperties(), "secured");
        assertThat(all).extracting(TrialResult::getTrialId).hasSize(8).doesNotHaveDuplicates();
        // And the reader can follow every study in full, as the live UI does
        try (StudyFeed everything = StudyFeed.ofEveryStudyInFull(as("reader"))) {
          StudyView seen = everything.catchUp(Duration.ofSeconds(30)).study("secured");
          assertThat(seen.finished()).isEqualTo(8);
          assertThat(seen.trials()).allMatch(t -> t.epochs() > 0);
        }
      } finally {
        suggester.close();
        trainers.forEach(TrainerWorker::close);
        for (Thread t : threads) {
          t.join(15_000);
        }
      }
    }
  }
}
