package io.streamtune.trainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Settings of one trainer worker, with the defaults in one place.
 *
 * @param workerId unique per worker; names its transactional producer
 * @param allowCommand whether specs may run external commands on this worker
 * @param sessionTimeout how soon the group notices a dead trainer and hands its trial to another
 */
public record TrainerConfig(String bootstrap, String groupId, String workerId, boolean allowCommand,
    Duration pollTimeout, Duration sessionTimeout) {

  public static final String DEFAULT_GROUP = "streamtune-trainers";

  public TrainerConfig {
    List<String> problems = new ArrayList<>();
    if (bootstrap == null || bootstrap.isBlank()) {
      problems.add("bootstrap must be host:port but was empty");
    }
    if (groupId == null || groupId.isBlank()) {
      problems.add("groupId must not be empty");
    }
    if (workerId == null || workerId.isBlank()) {
      problems.add("workerId must not be empty");
    }
    if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()) {
      problems.add("pollTimeout must be > 0 but was " + pollTimeout);
    }
    if (sessionTimeout == null || sessionTimeout.toMillis() < 6000) {
      problems.add("sessionTimeout must be >= 6s (the broker's minimum) but was " + sessionTimeout);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid trainer config: " + String.join("; ", problems));
    }
  }

  public static TrainerConfig defaults(String bootstrap) {
    return new TrainerConfig(bootstrap, DEFAULT_GROUP, "trainer-" + UUID.randomUUID().toString().substring(0, 8),
        false, Duration.ofMillis(100), Duration.ofSeconds(10));
  }

  public TrainerConfig withWorkerId(String id) {
    return new TrainerConfig(bootstrap, groupId, id, allowCommand, pollTimeout, sessionTimeout);
  }

  public TrainerConfig withAllowCommand(boolean allow) {
    return new TrainerConfig(bootstrap, groupId, workerId, allow, pollTimeout, sessionTimeout);
  }

  public TrainerConfig withGroupId(String group) {
    return new TrainerConfig(bootstrap, group, workerId, allowCommand, pollTimeout, sessionTimeout);
  }
}
