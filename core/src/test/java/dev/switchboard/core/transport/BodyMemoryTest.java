package dev.switchboard.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How much heap a body below the cap holds while it arrives, when it comes as many tiny chunks. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BodyMemoryTest {
  static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  long retainedWhileStalled(int bodyBytes, int chunkSize) throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    try (TransportFaultsTest.RawServer server = new TransportFaultsTest.RawServer((line, s, out) -> {
      TransportFaultsTest.write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
      ByteArrayOutputStream batch = new ByteArrayOutputStream();
      byte[] data = new byte[chunkSize];
      java.util.Arrays.fill(data, (byte) 'x');
      byte[] head = (Integer.toHexString(chunkSize) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int sent = 0; sent < bodyBytes; sent += chunkSize) {
        batch.write(head);
        batch.write(data);
        batch.write('\r');
        batch.write('\n');
        if (batch.size() > 256 * 1024) {
          out.write(batch.toByteArray());
          batch.reset();
        }
      }
      out.write(batch.toByteArray());
      out.flush();
      written.countDown();
      Thread.sleep(60_000); // never ends the body
    })) {
      long before = usedAfterGc();
      ApacheHttpTransport transport = new ApacheHttpTransport(Duration.ofSeconds(5), Duration.ofSeconds(60), 64L * 1024 * 1024);
      Future<?> call = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
      }).submit(() -> transport.send(TransportFaultsTest.get(server.uri("/")), Duration.ofSeconds(60)));
      assertThat(written.await(60, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(1000);
      long after = usedAfterGc();
      call.cancel(true);
      server.close();
      return after - before;
    }
  }

  @Test
  void aBodyOfTinyChunksHoldsAboutItsOwnSizeInHeap() throws Exception {
    int body = Integer.getInteger("switchboard.test.body", 2_000_000);
    long big = retainedWhileStalled(body, 64 * 1024);
    long tiny = retainedWhileStalled(body, 1);
    assertThat(tiny).as("heap held for a %d-byte body sent as 1-byte chunks", body).isLessThan(4L * body);
  }
}
