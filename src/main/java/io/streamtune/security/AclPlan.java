package io.streamtune.security;

import io.streamtune.monitor.MonitorConfig;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
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

  /** A StreamTune role and the principal that plays it. */
  public enum Role {
    SUGGESTER,
    TRAINER,
    MONITOR,
    SUBMITTER,
    READER
  }

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
    String s = principals.get(Role.SUGGESTER);
    if (s != null) {
      read(out, s, Topics.STUDIES, Topics.TRIAL_RESULTS, Topics.SUGGESTER_STATE);
      write(out, s, Topics.TRIAL_REQUESTS, Topics.SUGGESTER_STATE, Topics.DEAD_LETTER);
      group(out, s, SuggesterConfig.DEFAULT_GROUP);
      transactions(out, s, SUGGESTER_TRANSACTIONS);
    }
    String t = principals.get(Role.TRAINER);
    if (t != null) {
      read(out, t, Topics.TRIAL_REQUESTS, Topics.TRIAL_CONTROL, Topics.STUDIES);
      write(out, t, Topics.TRIAL_METRICS, Topics.TRIAL_RESULTS, Topics.DEAD_LETTER);
      group(out, t, TrainerConfig.DEFAULT_GROUP);
      transactions(out, t, TRAINER_TRANSACTIONS);
    }
    String m = principals.get(Role.MONITOR);
    if (m != null) {
      String app = MonitorConfig.DEFAULT_APPLICATION_ID;
      read(out, m, Topics.TRIAL_METRICS, Topics.TRIAL_RESULTS, Topics.STUDIES);
      write(out, m, Topics.TRIAL_CONTROL, Topics.DEAD_LETTER);
      // Kafka Streams creates, reads, writes and purges (DELETE) its internal topics, all named
      // after the application id; without DELETE its repartition topics grow silently.
      for (AclOperation op :
          List.of(
              AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE)) {
        out.add(acl(ResourceType.TOPIC, app + "-", PatternType.PREFIXED, m, op));
      }
      group(out, m, app);
      transactions(out, m, app + "-");
    }
    String sub = principals.get(Role.SUBMITTER);
    if (sub != null) {
      write(out, sub, Topics.STUDIES);
      read(out, sub, Topics.STUDIES, Topics.TRIAL_RESULTS);
    }
    String r = principals.get(Role.READER);
    if (r != null) {
      read(
          out, r, Topics.STUDIES, Topics.TRIAL_RESULTS, Topics.TRIAL_METRICS, Topics.TRIAL_CONTROL);
    }
    return out;
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

  private static void read(List<AclBinding> out, String principal, Topic<?, ?>... topics) {
    for (Topic<?, ?> topic : topics) {
      out.add(topic(topic, principal, AclOperation.READ));
    }
  }

  private static void write(List<AclBinding> out, String principal, Topic<?, ?>... topics) {
    for (Topic<?, ?> topic : topics) {
      out.add(topic(topic, principal, AclOperation.WRITE));
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
