package io.streamtune.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
   * @param requestPartitions partitions of {@code trial-requests}: the most trainers that can work at once
   */
  public static void ensureTopics(String bootstrap, int studyPartitions, int requestPartitions, short replication) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> t : Topics.ALL) {
        if (existing.contains(t.name())) {
          continue;
        }
        int partitions = t == Topics.TRIAL_REQUESTS ? requestPartitions
            : t == Topics.DEAD_LETTER ? 1 : studyPartitions;
        NewTopic nt = new NewTopic(t.name(), partitions, replication);
        if (t.compacted()) {
          nt.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
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
          throw new IllegalStateException("cannot create topics on " + bootstrap + ": " + e.getCause().getMessage(), e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " to create topics: " + e.getMessage(), e);
    }
  }
}
