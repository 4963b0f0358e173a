package io.streamtune.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The one rule for where a study's records go: partition {@code murmur2(utf8(study_id)) mod n} of
 * every study-keyed topic, which is what Java clients' default partitioner does with the key. Other
 * clients' defaults differ (librdkafka hashes with CRC32), so the contract names the rule, requests
 * carry the resulting partition, and services re-route a record they find elsewhere.
 */
public final class StudyPartitioner {

  private StudyPartitioner() {}

  /** The partition of {@code studyId} among {@code partitions}. */
  public static int partition(String studyId, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1 but was " + partitions);
    }
    byte[] key = studyId.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }
}
