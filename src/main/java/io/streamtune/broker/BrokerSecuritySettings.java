package io.streamtune.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Broker settings for SASL/SCRAM with the standard authorizer on the single embedded node (see
 * docs/security.md for why each one is there).
 */
final class BrokerSecuritySettings {

  private static final int ITERATIONS = 8192;

  private BrokerSecuritySettings() {}

  static Properties scram(int brokerPort, int controllerPort, BrokerUsers users) {
    String adminPw = users.adminPassword();
    Properties p = new Properties();
    p.put(
        "listeners",
        "CLIENT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "CLIENT://127.0.0.1:" + brokerPort);
    p.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    // The node talks to itself over the client listener (transactions), so that is also the
    // inter-broker listener, and it logs in there as admin.
    p.put("inter.broker.listener.name", "CLIENT");
    p.put("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
    p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
    p.put(
        "listener.name.client.scram-sha-512.sasl.jaas.config",
        BrokerUsers.jaas(
            "org.apache.kafka.common.security.scram.ScramLoginModule", BrokerUsers.ADMIN, adminPw));
    // A PLAINTEXT controller listener would make its anonymous callers super users or, without
    // that, leave the broker unable to register; PLAIN with a static admin entry does neither.
    p.put("sasl.mechanism.controller.protocol", "PLAIN");
    p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    p.put(
        "listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\""
            + " password=\""
            + adminPw
            + "\" user_admin=\""
            + adminPw
            + "\";");
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.put("super.users", "User:" + BrokerUsers.ADMIN);
    p.put("allow.everyone.if.no.acl.found", "false");
    return p;
  }

  /** The Formatter's form of {@code kafka-storage format --add-scram}, one per user. */
  static List<String> scramArguments(BrokerUsers users) {
    List<String> args = new ArrayList<>();
    users
        .passwords()
        .forEach(
            (name, pw) ->
                args.add(
                    "SCRAM-SHA-512=[name="
                        + name
                        + ",password="
                        + pw
                        + ",iterations="
                        + ITERATIONS
                        + "]"));
    return args;
  }

  /** Makes every user's credential what {@code users} says (adds new ones, changes passwords). */
  static void upsertUsers(Properties admin, BrokerUsers users) {
    List<UserScramCredentialAlteration> changes = new ArrayList<>();
    for (Map.Entry<String, String> e : users.passwords().entrySet()) {
      changes.add(
          new UserScramCredentialUpsertion(
              e.getKey(),
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
              e.getValue()));
    }
    try (Admin a = Admin.create(admin)) {
      a.alterUserScramCredentials(changes).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not register the broker's users: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while registering the broker's users", e);
    }
  }
}
