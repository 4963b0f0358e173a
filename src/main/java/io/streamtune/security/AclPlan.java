package io.streamtune.security;

import io.streamtune.monitor.MonitorConfig;
import io.streamtune.schemas.Role;
import io.streamtune.schemas.Topic;
import io.streamtune.suggester.SuggesterConfig;
import io.streamtune.trainer.TrainerConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least access each StreamTune role needs, as Kafka ACLs: what {@code streamtune acls} prints
 * and applies. With these, only the suggester can write trial requests and only the monitor stop
 * decisions; every service can write dead letters. READ and WRITE imply DESCRIBE.
 */
public final class AclPlan {

  static final String SUGGESTER_TRANSACTIONS = "streamtune-suggester-";
  static final String TRAINER_TRANSACTIONS = "streamtune-trainer-";

  private final Map<Role, String> principals;

  /**
   * @param principals each role's principal, e.g. {@code User:suggester}; roles left out get none
   */
  public AclPlan(Map<Role, String> principals) {
    this.principals = new EnumMap<>(Role.class);
    principals.forEach(
        (role, p) -> {
          if (p == null || !p.matches("[A-Za-z]+:.+")) {
            throw new IllegalArgumentException(
                "principal of "
                    + role.name().toLowerCase(Locale.ROOT)
                    + " must look like User:name but was '"
                    + p
                    + "'");
          }
          this.principals.put(role, p);
        });
  }

  /** The default principals: {@code User:suggester}, {@code User:trainer} and so on. */
  public static Map<Role, String> defaultPrincipals() {
    Map<Role, String> m = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      m.put(r, "User:" + r.name().toLowerCase(Locale.ROOT));
    }
    return m;
  }

  public List<AclBinding> bindings() {
    List<AclBinding> out = new ArrayList<>();
    principals.forEach(
        (role, principal) -> {
          role.reads().forEach(t -> out.add(topic(t, principal, AclOperation.READ)));
          role.writes().forEach(t -> out.add(topic(t, principal, AclOperation.WRITE)));
          switch (role) {
            case SUGGESTER -> {
              group(out, principal, SuggesterConfig.DEFAULT_GROUP);
              transactions(out, principal, SUGGESTER_TRANSACTIONS);
            }
            case TRAINER -> {
              group(out, principal, TrainerConfig.DEFAULT_GROUP);
              transactions(out, principal, TRAINER_TRANSACTIONS);
            }
            case MONITOR -> monitorStreams(out, principal);
            case SUBMITTER, READER -> {
              // they read without a consumer group and write without transactions
            }
          }
        });
    return out;
  }

  /**
   * Kafka Streams creates, reads, writes and purges (DELETE) its internal topics, all named after
   * the application id, and names its transactional ids after it; without DELETE its repartition
   * topics grow silently.
   */
  private static void monitorStreams(List<AclBinding> out, String principal) {
    String app = MonitorConfig.DEFAULT_APPLICATION_ID;
    for (AclOperation op :
        List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE)) {
      out.add(acl(ResourceType.TOPIC, app + "-", PatternType.PREFIXED, principal, op));
    }
    // Prefixed: replicas run as applications of their own, streamtune-monitor-<name>.
    out.add(acl(ResourceType.GROUP, app, PatternType.PREFIXED, principal, AclOperation.READ));
    transactions(out, principal, app + "-");
  }

  /** Creates every binding of the plan (existing ones are left as they are). */
  public void apply(Properties adminProperties) {
    try (Admin admin = Admin.create(adminProperties)) {
      admin.createAcls(bindings()).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not create ACLs: "
              + (e.getCause() == null ? e : e.getCause()).getMessage()
              + " (ACLs are created by a super user or a principal with ALTER on the cluster)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating ACLs", e);
    }
  }

  private static void group(List<AclBinding> out, String principal, String group) {
    out.add(acl(ResourceType.GROUP, group, PatternType.LITERAL, principal, AclOperation.READ));
  }

  private static void transactions(List<AclBinding> out, String principal, String prefix) {
    out.add(
        acl(
            ResourceType.TRANSACTIONAL_ID,
            prefix,
            PatternType.PREFIXED,
            principal,
            AclOperation.WRITE));
  }

  private static AclBinding topic(Topic<?, ?> topic, String principal, AclOperation op) {
    return acl(ResourceType.TOPIC, topic.name(), PatternType.LITERAL, principal, op);
  }

  private static AclBinding acl(
      ResourceType type, String name, PatternType pattern, String principal, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }
}
