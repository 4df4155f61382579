package dev.switchboard.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Adversarial tests of the capped body subscriber and the body deadlines. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportFaultsTest {
  interface Handler {
    void handle(String requestLine, Socket socket, OutputStream out) throws Exception;
  }

  /** A raw HTTP/1.1 server: one thread per connection, reads the request head, then hands the socket over. */
  static final class RawServer implements AutoCloseable {
    final ServerSocket socket;
    final ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "raw-server");
      t.setDaemon(true);
      return t;
    });
    final List<Socket> open = new CopyOnWriteArrayList<>();

    RawServer(Handler handler) throws IOException {
      socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      pool.execute(() -> {
        while (!socket.isClosed()) {
          try {
            Socket s = socket.accept();
            open.add(s);
            pool.execute(() -> {
              try {
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                  head.append((char) c);
                  if (head.toString().endsWith("\r\n\r\n")) {
                    break;
                  }
                }
                String line = head.toString().split("\r\n")[0];
                handler.handle(line, s, s.getOutputStream());
              } catch (Exception e) {
                // client went away
              }
            });
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : open) {
        try {
          s.close();
        } catch (IOException e) {
          // ignore
        }
      }
      pool.shutdownNow();
    }
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  static Request get(URI uri) {
    return new Request("GET", uri, Map.of(), new byte[0]);
  }

  @AfterEach
  void noDeadlineLeftBehind() throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (ApacheHttpTransport.pendingDeadlines() != 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(ApacheHttpTransport.pendingDeadlines()).as("deadlines left after the test").isZero();
  }

  @Test
  void aBodyThatStallsAfterHeadersTimesOutNearItsDeadline() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n[1,2");
      Thread.sleep(30_000);
    })) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofMillis(400), 1000);
      long start = System.nanoTime();
      assertThatThrownBy(() -> transport.send(get(server.uri("/")), Duration.ofSeconds(30)))
          .isInstanceOf(HttpTimeoutException.class);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).isBetween(350L, 1500L);
      assertThat(ApacheHttpTransport.pendingDeadlines()).isZero();
    }
  }

  @Test
  void aChunkedBodyThatTricklesForeverTimesOut() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
      while (true) {
        write(out, "1\r\n \r\n");
        Thread.sleep(5);
      }
    })) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofMillis(300), 1_000_000);
      long start = System.nanoTime();
      assertThatThrownBy(() -> transport.send(get(server.uri("/")), Duration.ofSeconds(30)))
          .isInstanceOf(HttpTimeoutException.class);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).isLessThan(1500L);
    }
  }

  @Test
  void aBodyExactlyAtTheCapPassesAndOneByteOverFails() throws Exception {
    for (boolean chunked : new boolean[] {false, true}) {
      for (int size : new int[] {999, 1000, 1001}) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'x');
        try (RawServer server = new RawServer((line, s, out) -> {
          if (chunked) {
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < size; i += 7) {
              int n = Math.min(7, size - i);
              write(out, Integer.toHexString(n) + "\r\n");
              out.write(body, i, n);
              write(out, "\r\n");
            }
            write(out, "0\r\n\r\n");
          } else {
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + size + "\r\n\r\n");
            out.write(body);
            out.flush();
          }
          Thread.sleep(2000);
        })) {
          ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(5), 1000);
          if (size <= 1000) {
            assertThat(transport.send(get(server.uri("/")), Duration.ofSeconds(30)).body()).isEqualTo(body);
          } else {
            assertThatThrownBy(() -> transport.send(get(server.uri("/")), Duration.ofSeconds(30)))
                .as("chunked=" + chunked).isInstanceOf(ResponseTooLargeException.class);
          }
        }
      }
    }
  }

  @Test
  void aContentLengthLargerThanWhatIsSentThenClosedFailsFast() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1000\r\n\r\n0123456789");
      s.close();
    })) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(20), 100_000);
      long start = System.nanoTime();
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> transport.send(get(server.uri("/")), Duration.ofSeconds(30)));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(t).isInstanceOf(ResponseCutShortException.class);
      assertThat(((ResponseCutShortException) t).status()).isEqualTo(200);
      assertThat(ms).isLessThan(3000);
    }
  }

  @Test
  void aConnectionResetMidBodyFailsFast() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
      Thread.sleep(100);
      s.setSoLinger(true, 0);
      s.close();
    })) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(20), 100_000);
      long start = System.nanoTime();
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> transport.send(get(server.uri("/")), Duration.ofSeconds(30)));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(t).isInstanceOf(ResponseCutShortException.class);
      assertThat(((ResponseCutShortException) t).status()).isEqualTo(200);
      assertThat(ms).isLessThan(3000);
    }
  }

  @Test
  void aOneMillisecondDeadlineFailsWithATimeoutAndDoesNotHang() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello");
      Thread.sleep(2000);
    })) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(20), 100_000);
      int ok = 0;
      int timeouts = 0;
      for (int i = 0; i < 30; i++) {
        try {
          transport.send(get(server.uri("/")), Duration.ofMillis(1));
          ok++;
        } catch (HttpTimeoutException e) {
          timeouts++;
        }
      }
      assertThat(ok + timeouts).as("every call ended with a body or a timeout, none hung or failed otherwise").isEqualTo(30);
      assertThat(ApacheHttpTransport.pendingDeadlines()).isZero();
    }
  }

  @Test
  void manyConcurrentRequestsEachGetTheirOwnDeadline() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> {
      if (line.contains("/stall")) {
        write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\n[");
        Thread.sleep(20_000);
      } else {
        write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 10\r\n\r\n01234");
        Thread.sleep(600);
        write(out, "56789");
        Thread.sleep(2000);
      }
    })) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(20), 100_000);
      ExecutorService pool = Executors.newFixedThreadPool(64);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        boolean stall = i % 2 == 0;
        results.add(pool.submit(() -> {
          long t0 = System.nanoTime();
          try {
            Response r = transport.send(get(server.uri(stall ? "/stall" : "/slow")), stall ? Duration.ofMillis(300) : Duration.ofSeconds(10));
            return (stall ? "stall" : "slow") + ":ok:" + new String(r.body(), StandardCharsets.US_ASCII);
          } catch (Exception e) {
            if (!stall) {
            }
            return (stall ? "stall" : "slow") + ":" + e.getClass().getSimpleName();
          }
        }));
      }
      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : results) {
        outcomes.add(f.get(30, TimeUnit.SECONDS));
      }
      pool.shutdown();
      Map<String, Long> counts = outcomes.stream().collect(java.util.stream.Collectors.groupingBy(x -> x, java.util.TreeMap::new,
          java.util.stream.Collectors.counting()));
      assertThat(counts).containsEntry("slow:ok:0123456789", 60L);
      assertThat(counts.getOrDefault("stall:HttpTimeoutException", 0L) + counts.getOrDefault("stall:HttpConnectTimeoutException", 0L)).isEqualTo(60L);
    }
  }

  @Test
  void interruptingTheCallerWhileTheBodyArrives() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> {
      write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\n[");
      Thread.sleep(20_000);
    })) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(5), 100_000);
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          transport.send(get(server.uri("/")), Duration.ofSeconds(5));
        } catch (Throwable t) {
          thrown.set(t);
        }
      });
      caller.start();
      Thread.sleep(300);
      assertThat(ApacheHttpTransport.pendingDeadlines()).isEqualTo(1);
      long start = System.nanoTime();
      caller.interrupt();
      caller.join(10_000);
      assertThat(caller.isAlive()).isFalse();
      assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
      Thread.sleep(200);
      assertThat(ApacheHttpTransport.pendingDeadlines()).as("the interrupted body's deadline").isZero();
    }
  }

  @Test
  void aStatusLineThatIsNotHttpFailsFastAsMalformed() throws Exception {
    for (String status : new String[] {"HTTP/1.1 abc Whatever", "HTTP/1.1 200OK", "ICY 200 OK", "HTTP/2 200"}) {
      try (RawServer server = new RawServer((line, s, out) -> {
        write(out, status + "\r\nContent-Length: 2\r\n\r\nok");
        Thread.sleep(10_000);
      })) {
        ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(5), 10_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> transport.send(get(server.uri("/")), Duration.ofSeconds(30)))
            .as(status).isInstanceOfSatisfying(MalformedResponseException.class, e -> assertThat(e.status()).isZero());
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until '%s' was refused", status).isLessThan(2000);
      }
    }
  }

  @Test
  void manyAndLongResponseHeadersAreAccepted() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> {
      StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n");
      for (int i = 0; i < 300; i++) {
        head.append("X-H").append(i).append(": v\r\n");
      }
      head.append("Link: <").append("x".repeat(20_000)).append(">; rel=\"next\"\r\n");
      write(out, head.append("\r\nok").toString());
      Thread.sleep(2000);
    })) {
      Response r = new ApacheHttpTransport().send(get(server.uri("/")), Duration.ofSeconds(30));
      assertThat(r.headers()).containsKey("x-h299");
      assertThat(r.headers().get("link").get(0)).startsWith("<xxx").endsWith("; rel=\"next\"").hasSizeGreaterThan(20_000);
    }
  }

  @Test
  void aHeaderHttpCannotCarryIsRefusedBeforeSending() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> write(out, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"))) {
      ApacheHttpTransport transport = new ApacheHttpTransport();
      for (Map<String, List<String>> headers : List.of(Map.of("Content-length ", List.of("5")), Map.of("Bad Name", List.of("x")),
          Map.of("X-A", List.of("a\u0000b")), Map.of("X-B", List.of("caf\u00e9 \u2603")))) {
        assertThatThrownBy(() -> transport.send(new Request("GET", server.uri("/"), headers, new byte[0]), Duration.ofSeconds(5)))
            .as(headers.toString()).isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(transport.send(new Request("GET", server.uri("/"), Map.of("X-Ok", List.of("caf\u00e9\tok")), new byte[0]),
          Duration.ofSeconds(5)).status()).isEqualTo(204);
    }
  }

  @Test
  void deadlinesThatEndExchangesAtAnyPointNeverEscapeAsUncheckedExceptions() throws Exception {
    try (RawServer server = new RawServer((line, s, out) -> {
      java.io.InputStream in = s.getInputStream();
      while (true) {
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(40));
        write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && !head.append((char) c).toString().endsWith("\r\n\r\n")) {
          // the next request's head
        }
        if (c < 0) {
          return;
        }
      }
    })) {
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofMillis(20), 10_000);
      java.util.Queue<Throwable> escaped = new java.util.concurrent.ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        Thread thread = new Thread(() -> {
          for (int i = 0; i < 100; i++) {
            try {
              transport.send(get(server.uri("/")), Duration.ofSeconds(5));
            } catch (IOException | InterruptedException expected) {
              // a body in time, or a timeout
            } catch (RuntimeException e) {
              escaped.add(e);
            }
          }
        });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join(30_000);
      }
      assertThat(escaped).as("unchecked exceptions from exchanges ended by their deadline").isEmpty();
    }
  }
}
