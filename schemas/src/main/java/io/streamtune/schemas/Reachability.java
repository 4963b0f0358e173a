package io.streamtune.schemas;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains why a bootstrap address cannot be reached, by trying a plain TCP connection to each of
 * its servers: Kafka's clients only ever say "timed out", whatever the cause.
 */
final class Reachability {

  private static final int CONNECT_TIMEOUT_MS = 3000;

  private Reachability() {}

  static String diagnose(String bootstrap) {
    List<String> findings = new ArrayList<>();
    for (String server : bootstrap.split(",")) {
      findings.add(diagnoseOne(server.trim()));
    }
    return String.join("; ", findings);
  }

  private static String diagnoseOne(String server) {
    int colon = server.lastIndexOf(':');
    if (colon <= 0 || colon == server.length() - 1) {
      return "'" + server + "' is not host:port";
    }
    String host = server.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(server.substring(colon + 1));
    } catch (NumberFormatException e) {
      return "'" + server + "' has no numeric port";
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      return "the port answers at " + server + " but Kafka did not";
    } catch (UnknownHostException e) {
      return "the host name '" + host + "' does not resolve";
    } catch (ConnectException e) {
      return "connection refused at " + server + " (nothing listens there)";
    } catch (SocketTimeoutException e) {
      return "connecting to " + server + " timed out (a firewall, or a wrong address)";
    } catch (IOException | IllegalArgumentException e) {
      return "cannot connect to " + server + ": " + e.getMessage();
    }
  }
}
