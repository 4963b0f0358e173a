package io.streamtune.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the topics a command uses exist, creating the missing ones. Topics keyed by study id
 * share one partition count, because the suggester and the monitor join them partition by
 * partition.
 *
 * <p>Only the topics the caller names are looked at, so a service whose principal may describe just
 * its own topics (the ACL plan) works on a secured cluster; a missing topic it may not create is an
 * error that says who can.
 */
public final class TopicSetup {

  /** How long a command waits for an unreachable cluster before it says so. */
  public static final Duration REACH_TIMEOUT = Duration.ofSeconds(12);

  private TopicSetup() {}

  /** Every StreamTune topic, for a plain broker (the all-in-one run, tests). */
  public static void ensureTopics(
      String bootstrap, int studyPartitions, int requestPartitions, short replication) {
    ensureTopics(
        KafkaConnection.of(bootstrap), Topics.ALL, studyPartitions, requestPartitions, replication);
  }

  /** Every StreamTune topic, created by an admin principal. */
  public static void ensureTopics(
      Properties adminProperties, int studyPartitions, int requestPartitions, short replication) {
    Properties p = new Properties();
    p.putAll(adminProperties);
    String bootstrap = (String) p.remove(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    Map<String, String> settings = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
    ensureTopics(
        new KafkaConnection(bootstrap, settings),
        Topics.ALL,
        studyPartitions,
        requestPartitions,
        replication);
  }

  /**
   * @param needed the topics the caller reads or writes
   * @param studyPartitions partitions of every study-keyed topic it creates
   * @param requestPartitions partitions of {@code trial-requests}: the most trainers that can work
   *     at once
   */
  public static void ensureTopics(
      KafkaConnection connection,
      Collection<Topic<?, ?>> needed,
      int studyPartitions,
      int requestPartitions,
      short replication) {
    try (Admin admin = openAdmin(connection)) {
      Map<String, TopicDescription> found = describe(admin, connection, needed);
      create(admin, connection, needed, found, studyPartitions, requestPartitions, replication);
      checkCoPartitioned(describe(admin, connection, needed));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking topics", e);
    }
  }

  /** An admin client, or an error that says why none could be made (a bad address, say). */
  public static Admin openAdmin(KafkaConnection connection) {
    try {
      return Admin.create(adminProperties(connection));
    } catch (KafkaException e) {
      throw unreachable(connection, e.getCause() != null ? e.getCause() : e);
    }
  }

  static Properties adminProperties(KafkaConnection connection) {
    Properties p = connection.properties();
    String ms = Long.toString(REACH_TIMEOUT.toMillis());
    // The admin client refuses an API timeout below its request timeout, so both go down.
    p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
    p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "streamtune-setup");
    return p;
  }

  /** The descriptions of the needed topics that exist; a missing topic is simply absent. */
  private static Map<String, TopicDescription> describe(
      Admin admin, KafkaConnection connection, Collection<Topic<?, ?>> needed)
      throws InterruptedException {
    Map<String, TopicDescription> found = new TreeMap<>();
    Map<String, KafkaFuture<TopicDescription>> futures =
        admin.describeTopics(needed.stream().map(Topic::name).toList()).topicNameValues();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
      try {
        found.put(
            e.getKey(), e.getValue().get(REACH_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS));
      } catch (ExecutionException x) {
        if (x.getCause() instanceof UnknownTopicOrPartitionException) {
          continue;
        }
        if (x.getCause() instanceof TopicAuthorizationException) {
          throw new IllegalStateException(
              "this principal may not use topic '"
                  + e.getKey()
                  + "' on "
                  + connection
                  + "; grant it the ACLs of its role (streamtune acls)",
              x);
        }
        throw unreachable(connection, x.getCause());
      } catch (TimeoutException x) {
        throw unreachable(connection, x);
      }
    }
    return found;
  }

  /** Why a cluster could not be reached, named for the person who typed the address. */
  public static IllegalStateException unreachable(KafkaConnection connection, Throwable cause) {
    String diagnosis = Reachability.diagnose(connection.bootstrap());
    String detail =
        cause == null || cause.getMessage() == null
            ? ""
            : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    return new IllegalStateException(
        "cannot reach Kafka at "
            + connection
            + ": "
            + diagnosis
            + detail
            + (diagnosis.startsWith("the port answers")
                ? ". Does --client-config match the listener's security (SASL, SSL)?"
                : ". Is the broker running at that address?"),
        cause);
  }

  private static void create(
      Admin admin,
      KafkaConnection connection,
      Collection<Topic<?, ?>> needed,
      Map<String, TopicDescription> found,
      int studyPartitions,
      int requestPartitions,
      short replication)
      throws InterruptedException {
    List<NewTopic> missing = new ArrayList<>();
    for (Topic<?, ?> t : needed) {
      if (found.containsKey(t.name())) {
        continue;
      }
      int partitions =
          t == Topics.TRIAL_REQUESTS
              ? requestPartitions
              : t == Topics.DEAD_LETTER ? 1 : studyPartitions;
      NewTopic nt = new NewTopic(t.name(), partitions, replication);
      if (t.compacted()) {
        nt.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      } else if (t == Topics.TRIAL_RESULTS) {
        // Results are what a restarted suggester rebuilds studies from: keep them.
        nt.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
      }
      missing.add(nt);
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get(REACH_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return; // another command created them meanwhile
      }
      List<String> names = missing.stream().map(NewTopic::name).toList();
      if (e.getCause() instanceof TopicAuthorizationException) {
        throw new IllegalStateException(
            "topics "
                + names
                + " do not exist on "
                + connection
                + " and this principal may not create them; create them as an admin"
                + " (streamtune acls --apply --client-config admin.properties creates topics and"
                + " ACLs)",
            e);
      }
      throw new IllegalStateException(
          "cannot create topics " + names + " on " + connection + ": " + e.getCause().getMessage(),
          e);
    } catch (TimeoutException e) {
      throw unreachable(connection, e);
    }
  }

  /**
   * The suggester and the monitor join study-keyed topics partition by partition, so their
   * partition counts must match; a mismatch (say, topics created by hand) would silently split
   * studies.
   */
  private static void checkCoPartitioned(Map<String, TopicDescription> found) {
    Map<String, Integer> counts = new TreeMap<>();
    found.forEach(
        (name, d) -> {
          if (!name.equals(Topics.TRIAL_REQUESTS.name())
              && !name.equals(Topics.DEAD_LETTER.name())) {
            counts.put(name, d.partitions().size());
          }
        });
    if (counts.values().stream().distinct().count() > 1) {
      throw new IllegalStateException(
          "study-keyed topics must have the same number of partitions but have "
              + counts
              + "; recreate them with equal counts");
    }
  }
}
