package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.plan.ActionPlan;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 6: a connector replaced 1,000 times while calls run. Every call succeeds (none sees a closed
 * runtime), and the engine's threads, the connections open to the server, the process's file descriptors and the
 * heap after a collection stay bounded: each replaced runtime is closed once its last call ends. Bounds, not
 * timings: each limit is far below what 1,000 kept runtimes would hold (a connection, two descriptors and a pool
 * each).
 */
class ReplacementUnderLoadTest {
  private static final int REPLACEMENTS = 1_000;
  private static final int CALLERS = 4;

  private record Usage(int threads, long fileDescriptors, long heapBytes) {}

  @Test
  void aConnectorReplacedAThousandTimesUnderConcurrentCallsKeepsThreadsConnectionsAndHeapFlat() throws Exception {
    try (CountingServer server = new CountingServer(ConnectorReplacementTest::answer); Engine engine = Shop.engine(server.url())) {
      List<ConnectorDefinition> versions = new ArrayList<>();
      for (int v = 0; v < 10; v++) {
        versions.add(Shop.connector(server.url(), "v" + v));
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong calls = new AtomicLong();
      List<Throwable> errors = new CopyOnWriteArrayList<>();
      List<Thread> callers = new ArrayList<>();
      for (int c = 0; c < CALLERS; c++) {
        boolean lists = c % 2 == 0;
        Thread caller = new Thread(() -> {
          while (!stop.get()) {
            try {
              if (lists) {
                listWhole(engine);
              } else {
                getOne(engine);
              }
              calls.incrementAndGet();
            } catch (Throwable e) {
              errors.add(e);
              return;
            }
          }
        }, "caller-" + c);
        caller.start();
        callers.add(caller);
      }

      for (int i = 0; i < 50; i++) { // warm up: classes loaded, pools and buffers at their working size
        engine.replace(versions.get(i % versions.size()));
        getOne(engine);
      }
      Usage before = usage();
      int acceptedBefore = server.accepted();
      for (int i = 0; i < REPLACEMENTS; i++) {
        engine.replace(versions.get(i % versions.size()));
        getOne(engine); // every version gets a runtime, so every replacement has one to close
      }
      stop.set(true);
      for (Thread caller : callers) {
        caller.join();
      }
      int open = server.open(); // before the collection in usage(), which would close a leaked socket
      Usage after = usage();

      assertThat(errors).as("no call fails, so none saw a closed runtime").isEmpty();
      assertThat(calls.get()).isPositive();
      assertThat(server.accepted() - acceptedBefore).as("each version opened its own connection")
          .isGreaterThanOrEqualTo(REPLACEMENTS);
      assertThat(open).as("connections open to the server: the current runtime's, plus a few whose close"
          + " the server has not read yet").isLessThanOrEqualTo(CALLERS + 1 + 16);
      assertThat(after.threads()).as("the engine's threads").isLessThanOrEqualTo(before.threads() + 8);
      assertThat(after.fileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(before.fileDescriptors() + 64);
      assertThat(after.heapBytes()).as("heap after a collection").isLessThanOrEqualTo(before.heapBytes() + 32L * 1024 * 1024);
    }
  }

  private static void getOne(Engine engine) {
    String line = engine.call("shop.get_item", Map.of("id", TextNode.valueOf("7"))).output().get("line").asText();
    if (!line.matches("/v\\d/items/7")) {
      throw new AssertionError("unexpected answer " + line);
    }
  }

  private static void listWhole(Engine engine) {
    ActionPlan list = engine.catalog().require("shop.list_items");
    try (Stream<ActionResult> pages = engine.pages(list, Map.of())) {
      long items = pages.mapToLong(page -> page.output().size()).sum();
      if (items != 2) {
        throw new AssertionError("a listing of two pages gave " + items + " items");
      }
    }
  }

  /** Threads other than the test server's, open file descriptors, and heap used after a full collection. */
  private static Usage usage() {
    int threads = (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.getName().startsWith(CountingServer.THREAD_PREFIX) && !t.getName().startsWith("caller-")).count();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    long descriptors = os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : 0;
    System.gc();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new Usage(threads, descriptors, heap);
  }
}
