package io.streamtune.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Checks, before a command starts its clients, that Kafka answers at a connection's bootstrap
 * servers, and otherwise says why within a bounded time. Kafka's own clients retry silently for a
 * minute or more and then report a timeout, whatever the cause.
 *
 * <ol>
 *   <li>Each server's name is resolved and its port tried with a plain TCP connection, all servers
 *       at once. This tells a typo in the name ("name not resolved") from a stopped broker
 *       ("connection refused") and a firewall or a wrong address ("timed out").
 *   <li>An admin client with the connection's full settings then asks the first server that
 *       answered for the cluster's id. This is where TLS and SASL settings are tried, so a wrong
 *       password or certificate is named now rather than found as a timeout later.
 * </ol>
 *
 * <p>A malformed address is an {@link IllegalArgumentException}; a cluster that cannot be reached
 * or refuses the client is an {@link IllegalStateException}. Both messages name the address.
 */
public final class BootstrapCheck {

  /** The whole check's bound: a command fails within this, plus the JVM's start-up. */
  public static final Duration BUDGET = Duration.ofSeconds(10);

  /** The TCP step's bound: a blackholed address must leave time for the admin step. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private BootstrapCheck() {}

  /** Checks {@code connection} within {@link #BUDGET}. */
  public static void verify(KafkaConnection connection) {
    verify(connection, BUDGET);
  }

  /**
   * Checks {@code connection}, returning normally once Kafka has answered.
   *
   * @param budget how long the check may take at most (a little more while clients close)
   */
  public static void verify(KafkaConnection connection, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    List<String> servers = servers(connection.bootstrap());
    // At most half the budget, so a dropped connection is reported as such, not as a hung probe.
    Duration half = budget.dividedBy(2);
    Duration connectTimeout = CONNECT_TIMEOUT.compareTo(half) < 0 ? CONNECT_TIMEOUT : half;
    String server = firstAnswering(connection, servers, connectTimeout, deadline);
    askForClusterId(connection, server, deadline);
  }

  private static List<String> servers(String bootstrap) {
    List<String> servers = new ArrayList<>();
    for (String s : bootstrap.split(",")) {
      String server = s.trim();
      Optional<String> malformed = Reachability.malformed(server);
      if (malformed.isPresent()) {
        throw new IllegalArgumentException(
            "bad Kafka bootstrap address: " + malformed.get() + " (write host:port[,host:port])");
      }
      servers.add(server);
    }
    return servers;
  }

  /** The first server whose port accepts a TCP connection, or an error naming each one's fault. */
  private static String firstAnswering(
      KafkaConnection connection, List<String> servers, Duration connectTimeout, long deadline) {
    // Name lookups have no timeout of their own, so each probe runs on a daemon thread that a
    // hung lookup cannot keep past the deadline.
    ExecutorService pool =
        Executors.newFixedThreadPool(
            servers.size(),
            r -> {
              Thread t = new Thread(r, "streamtune-bootstrap-check");
              t.setDaemon(true);
              return t;
            });
    try {
      CompletionService<Map.Entry<String, Optional<String>>> probes =
          new ExecutorCompletionService<>(pool);
      for (String server : servers) {
        probes.submit(() -> Map.entry(server, Reachability.problem(server, connectTimeout)));
      }
      Map<String, String> problems = new LinkedHashMap<>();
      servers.forEach(
          s ->
              problems.put(
                  s,
                  "no answer from "
                      + s
                      + " within "
                      + Reachability.span(connectTimeout)
                      + " (the name lookup or the connection hangs)"));
      for (int i = 0; i < servers.size(); i++) {
        Future<Map.Entry<String, Optional<String>>> done =
            probes.poll(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        if (done == null) {
          break;
        }
        Map.Entry<String, Optional<String>> probe = done.get();
        if (probe.getValue().isEmpty()) {
          return probe.getKey();
        }
        problems.put(probe.getKey(), probe.getValue().get());
      }
      throw new IllegalStateException(
          "cannot reach Kafka at "
              + connection
              + ": "
              + String.join("; ", problems.values())
              + ". Check the address and that the broker runs.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking Kafka at " + connection, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot check Kafka at " + connection + ": " + reason(e.getCause()), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Asks {@code server} for the cluster's id with the connection's full client settings. */
  private static void askForClusterId(KafkaConnection connection, String server, long deadline) {
    long ms = Math.max(1000, remainingMillis(deadline));
    Properties p = connection.properties();
    // Only the server that answered: a dead one beside it would spend the budget on retries.
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ms));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ms));
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "streamtune-bootstrap-check");
    Admin admin;
    try {
      admin = Admin.create(p);
    } catch (KafkaException e) {
      throw new IllegalArgumentException(
          "cannot make a Kafka client for " + connection + " with these settings: " + reason(e), e);
    }
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(ms)))
          .clusterId()
          .get(ms + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthorizationException) {
        return; // it answered, and knows who we are: enough for a check
      }
      if (cause instanceof AuthenticationException) {
        throw new IllegalStateException(
            "Kafka at "
                + connection
                + " refused this client's login: "
                + reason(cause)
                + ". Check the SASL or TLS settings of the client config.",
            cause);
      }
      if (cause instanceof RetriableException) { // a timeout, or the connection kept dropping
        throw silent(connection, server, ms, cause);
      }
      throw new IllegalStateException(
          "Kafka at " + connection + " failed a first request: " + reason(cause), cause);
    } catch (TimeoutException e) {
      throw silent(connection, server, ms, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking Kafka at " + connection, e);
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  private static IllegalStateException silent(
      KafkaConnection connection, String server, long ms, Throwable cause) {
    return new IllegalStateException(
        "the port answers at "
            + server
            + " but Kafka did not reply within "
            + Reachability.span(Duration.ofMillis(ms))
            + ": is it a Kafka listener, do the client settings match its security (this client"
            + " uses "
            + connection.settings().getOrDefault("security.protocol", "PLAINTEXT")
            + "), and can this machine reach the brokers' advertised listeners?",
        cause);
  }

  /** The messages along a cause chain, without repeats: Kafka wraps the useful one. */
  static String reason(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank() && parts.stream().noneMatch(p -> p.contains(m))) {
        parts.add(m);
      }
    }
    return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
  }

  private static long remainingMillis(long deadline) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }
}
