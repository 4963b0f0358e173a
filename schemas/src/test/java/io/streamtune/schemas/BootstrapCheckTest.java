package io.streamtune.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The TCP half of the check; the admin half (logins, TLS) is tested on a broker by SecurityIT. */
class BootstrapCheckTest {

  private static final Duration BUDGET = Duration.ofSeconds(4);

  /** A port on which nothing listens: bound a moment ago, then closed. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static long secondsToFail(String bootstrap, String... expected) {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> BootstrapCheck.verify(KafkaConnection.of(bootstrap), BUDGET))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll(expected);
    return Duration.ofNanos(System.nanoTime() - t0).toSeconds();
  }

  @Test
  void shouldSayConnectionRefusedWhenNothingListensOnThePort() throws IOException {
    int port = closedPort();

    long seconds =
        secondsToFail(
            "127.0.0.1:" + port, "cannot reach Kafka at 127.0.0.1:" + port, "connection refused");

    assertThat(seconds).isLessThan(2);
  }

  @Test
  void shouldSayNameNotResolvedWhenTheHostDoesNotExist() {
    // .invalid never resolves (RFC 6761)
    long seconds = secondsToFail("nosuch.invalid:9092", "name not resolved", "'nosuch.invalid'");

    assertThat(seconds).isLessThanOrEqualTo(BUDGET.toSeconds());
  }

  @Test
  void shouldNameEveryServerWhenNoneAnswers() throws IOException {
    int port = closedPort();

    secondsToFail(
        "nosuch.invalid:9092, 127.0.0.1:" + port,
        "name not resolved: no address for host 'nosuch.invalid'; connection refused at 127.0.0.1:"
            + port);
  }

  @Test
  void shouldSayTimedOutWithinTheBudgetWhenConnectionsAreDropped() throws IOException {
    // Given a listener whose accept queue is full, so the kernel drops further connection attempts
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        boolean dropping = fillAcceptQueue(listener, queued);
        Assumptions.assumeTrue(dropping, "this system accepts connections beyond the backlog");

        // When checked, then the check gives up on time and says so
        long seconds = secondsToFail("127.0.0.1:" + listener.getLocalPort(), "timed out after 2 s");
        assertThat(seconds).isLessThanOrEqualTo(BUDGET.toSeconds());
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  /** Connects until a connection attempt hangs; whether it did. */
  private static boolean fillAcceptQueue(ServerSocket listener, List<Socket> queued)
      throws IOException {
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      queued.add(s);
      try {
        s.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 300);
      } catch (SocketTimeoutException e) {
        return true;
      }
    }
    return false;
  }

  @Test
  void shouldRefuseTheAddressWhenItIsNotHostAndPort() {
    assertThatThrownBy(() -> BootstrapCheck.verify(KafkaConnection.of("localhost"), BUDGET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'localhost' is not host:port");
    assertThatThrownBy(() -> BootstrapCheck.verify(KafkaConnection.of("localhost:99999"), BUDGET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port outside 1 to 65535");
  }
}
