package dev.switchboard.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A body whose expire throws does not end deadline enforcement for the others. */
class ExchangeDeadlinesTest {
  static TransportFaultsTest.RawServer server() throws Exception {
    return new TransportFaultsTest.RawServer((line, s, out) -> {
      TransportFaultsTest.write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\n[");
      Thread.sleep(20_000);
    });
  }
  @Test
  void theSweeperSurvivesAnExpireThatThrows() throws Exception {
    long past = System.nanoTime();
    ExchangeDeadlines.Watched bad = new ExchangeDeadlines.Watched() {
      @Override
      public long deadlineNanos() {
        return past;
      }

      @Override
      public void expire() {
        throw new IllegalStateException("boom");
      }
    };
    try (TransportFaultsTest.RawServer warm = server()) { // the same stalled body, sweeper alive
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofMillis(300), 100_000);
      long start = System.nanoTime();
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> transport.send(TransportFaultsTest.get(warm.uri("/")), Duration.ofSeconds(5)));
    }
    ExchangeDeadlines.instance().watch(bad);
    Thread.sleep(100);
    try (TransportFaultsTest.RawServer server = server()) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofMillis(300), 100_000);
      long start = System.nanoTime();
      Future<?> f = Executors.newSingleThreadExecutor().submit(() -> transport.send(TransportFaultsTest.get(server.uri("/")), Duration.ofSeconds(5)));
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> f.get(5, TimeUnit.SECONDS));
      assertThat(t).isInstanceOf(java.util.concurrent.ExecutionException.class).hasCauseInstanceOf(HttpTimeoutException.class);
    }
  }
}
