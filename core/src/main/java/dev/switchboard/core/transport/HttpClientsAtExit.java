package dev.switchboard.core.transport;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops the transports' {@link HttpClient}s when the JVM exits, so that exiting takes milliseconds.
 *
 * <p>Why: each HttpClient runs a selector thread that waits in a native {@code select}. When a JVM exits (also by
 * {@code System.exit}), HotSpot waits up to 300 ms for every thread that is in native code to come back, and a
 * selector thread does not, so every {@code switchboard run} paid 300 ms after printing its result (seen with
 * strace: 30 waits of 10 ms between the last write and {@code exit_group}). Java 21's
 * {@code HttpClient.shutdownNow()} ends the thread and is used when present; on Java 17, which has no way to close
 * a client, the selector thread (named {@code HttpClient-<id>-SelectorManager}, the id being the one in the
 * client's {@code toString()}) is interrupted, which ends its loop. Only clients of this package are touched,
 * only from a shutdown hook; a client already collected has no thread left to stop.
 */
final class HttpClientsAtExit {
  private static final Set<HttpClient> CLIENTS = Collections.newSetFromMap(new WeakHashMap<>());
  private static final Pattern ID = Pattern.compile("\\((\\d+)\\)$");
  private static boolean hooked;

  private HttpClientsAtExit() {}

  /** Registers a client to stop when the JVM exits. */
  static synchronized void register(HttpClient client) {
    CLIENTS.add(client);
    if (!hooked) {
      hooked = true;
      Thread hook = new Thread(() -> {
        List<HttpClient> all;
        synchronized (HttpClientsAtExit.class) {
          all = new ArrayList<>(CLIENTS);
        }
        stop(all);
      }, "switchboard-http-exit");
      hook.setDaemon(true);
      Runtime.getRuntime().addShutdownHook(hook);
    }
  }

  /**
   * Stops clients: they can send nothing more.
   *
   * @param clients the clients
   * @return how many were stopped
   */
  static int stop(List<HttpClient> clients) {
    Method shutdownNow = null;
    try {
      shutdownNow = HttpClient.class.getMethod("shutdownNow");
    } catch (NoSuchMethodException e) {
      // Java 17 to 20: no way to close a client; interrupt its selector thread below
    }
    int stopped = 0;
    List<Thread> selectors = new ArrayList<>();
    for (HttpClient client : clients) {
      if (shutdownNow != null) {
        try {
          shutdownNow.invoke(client);
          stopped++;
          continue;
        } catch (ReflectiveOperationException | RuntimeException e) {
          // fall back to the selector thread
        }
      }
      Matcher id = ID.matcher(String.valueOf(client));
      if (id.find()) {
        String name = "HttpClient-" + id.group(1) + "-SelectorManager";
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
          if (thread.getName().equals(name)) {
            thread.interrupt();
            selectors.add(thread);
          }
        }
      }
    }
    for (Thread thread : selectors) {
      try {
        thread.join(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (!thread.isAlive()) {
        stopped++;
      }
    }
    return stopped;
  }
}
