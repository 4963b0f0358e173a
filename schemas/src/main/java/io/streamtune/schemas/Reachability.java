package io.streamtune.schemas;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explains why a bootstrap address cannot be reached, by trying a plain TCP connection to each of
 * its servers: Kafka's clients only ever say "timed out", whatever the cause.
 */
final class Reachability {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private Reachability() {}

  /** What a TCP connection to each server finds, for an error message. */
  static String diagnose(String bootstrap) {
    List<String> findings = new ArrayList<>();
    for (String server : bootstrap.split(",")) {
      String s = server.trim();
      findings.add(
          problem(s, CONNECT_TIMEOUT).orElse("the port answers at " + s + " but Kafka did not"));
    }
    return String.join("; ", findings);
  }

  /**
   * Why a TCP connection to {@code server} fails, or empty when its port accepts connections.
   *
   * @param server {@code host:port}
   * @param timeout how long a connection attempt may take; a name lookup is not bounded here (the
   *     caller bounds the whole probe)
   */
  static Optional<String> problem(String server, Duration timeout) {
    Optional<String> malformed = malformed(server);
    if (malformed.isPresent()) {
      return malformed;
    }
    int colon = server.lastIndexOf(':');
    String host = server.substring(0, colon);
    int port = Integer.parseInt(server.substring(colon + 1));
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("name not resolved: no address for host '" + host + "'");
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), Math.toIntExact(timeout.toMillis()));
      return Optional.empty();
    } catch (ConnectException e) {
      return Optional.of("connection refused at " + server + " (nothing listens on that port)");
    } catch (SocketTimeoutException e) {
      return Optional.of(
          "connecting to "
              + server
              + " timed out after "
              + span(timeout)
              + " (a firewall drops the packets, or the address is wrong)");
    } catch (NoRouteToHostException e) {
      return Optional.of("no route to host " + host + " (a wrong address, or the network is down)");
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("cannot connect to " + server + ": " + e.getMessage());
    }
  }

  /** A duration for a message: 5 s, 800 ms. */
  static String span(Duration d) {
    return d.toMillis() < 1000 ? d.toMillis() + " ms" : Math.round(d.toMillis() / 1000.0) + " s";
  }

  /** What is wrong with the form of {@code server}, or empty when it reads as host:port. */
  static Optional<String> malformed(String server) {
    int colon = server.lastIndexOf(':');
    if (colon <= 0 || colon == server.length() - 1) {
      return Optional.of("'" + server + "' is not host:port");
    }
    int port;
    try {
      port = Integer.parseInt(server.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Optional.of("'" + server + "' has no numeric port");
    }
    if (port < 1 || port > 65_535) {
      return Optional.of("'" + server + "' has a port outside 1 to 65535");
    }
    return Optional.empty();
  }
}
