package io.streamtune.schemas;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Client settings every exactly-once StreamTune service shares, kept in one place. */
public final class ClientSettings {

  private ClientSettings() {}

  /**
   * A group consumer for a read-process-write loop: committed records only, offsets committed by
   * the caller's transactions, and quick failure detection.
   */
  public static Properties transactionalGroupConsumer(
      String bootstrap, String groupId, String clientId) {
    return transactionalGroupConsumer(KafkaConnection.of(bootstrap), groupId, clientId);
  }

  /** The same, on top of a connection's settings (security and all). */
  public static Properties transactionalGroupConsumer(
      KafkaConnection connection, String groupId, String clientId) {
    Properties p = connection.properties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    // read_committed fetches can wait the whole fetch.max.wait.ms for a transaction marker; every
    // hop of a trial's round trip pays it, so keep it short (the cost is a few more empty fetches).
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    return p;
  }
}
