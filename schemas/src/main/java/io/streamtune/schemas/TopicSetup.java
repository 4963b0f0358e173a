package io.streamtune.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates StreamTune's topics if they are missing. Topics keyed by study id share one partition
 * count, because the suggester and the monitor join them partition by partition.
 */
public final class TopicSetup {

  private TopicSetup() {}

  /**
   * @param studyPartitions partitions of every study-keyed topic
   * @param requestPartitions partitions of {@code trial-requests}: the most trainers that can work
   *     at once
   */
  public static void ensureTopics(
      String bootstrap, int studyPartitions, int requestPartitions, short replication) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    ensureTopics(props, studyPartitions, requestPartitions, replication);
  }

  /**
   * The same with full admin client properties ({@code bootstrap.servers} and any security
   * settings): on a secured cluster, topics are created by a principal allowed to create them.
   */
  public static void ensureTopics(
      Properties adminProperties, int studyPartitions, int requestPartitions, short replication) {
    String bootstrap = adminProperties.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    try (Admin admin = Admin.create(adminProperties)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      create(admin, existing, studyPartitions, requestPartitions, replication, bootstrap);
      checkCoPartitioned(admin);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot reach Kafka at " + bootstrap + " to create topics: " + e.getMessage(), e);
    }
  }

  /**
   * The suggester and the monitor join study-keyed topics partition by partition, so their
   * partition counts must match; a mismatch (say, topics created by hand) would silently split
   * studies.
   */
  private static void checkCoPartitioned(Admin admin)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> names =
        Topics.ALL.stream()
            .map(Topic::name)
            .filter(
                n ->
                    !n.equals(Topics.TRIAL_REQUESTS.name()) && !n.equals(Topics.DEAD_LETTER.name()))
            .toList();
    Map<String, Integer> counts = new TreeMap<>();
    admin
        .describeTopics(names)
        .allTopicNames()
        .get(30, TimeUnit.SECONDS)
        .forEach((name, d) -> counts.put(name, d.partitions().size()));
    if (counts.values().stream().distinct().count() > 1) {
      throw new IllegalStateException(
          "study-keyed topics must have the same number of partitions but have "
              + counts
              + "; recreate them with equal counts");
    }
  }

  private static void create(
      Admin admin,
      Set<String> existing,
      int studyPartitions,
      int requestPartitions,
      short replication,
      String bootstrap)
      throws InterruptedException, TimeoutException {
    List<NewTopic> missing = new ArrayList<>();
    for (Topic<?, ?> t : Topics.ALL) {
      if (existing.contains(t.name())) {
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
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create topics on " + bootstrap + ": " + e.getCause().getMessage(), e);
      }
    }
  }
}
