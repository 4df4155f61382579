package dev.switchboard.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap of this JVM while a client works, in two ways (both in bytes):
 *
 * <ul>
 *   <li><b>peak after GC</b>: the largest heap occupancy right after any collection, from the collectors'
 *       notifications ({@link GarbageCollectionNotificationInfo}). It is what survived: the data the client
 *       holds, plus old-generation garbage not yet collected. A client that keeps users grows it with the org;
 *       a streaming one does not.</li>
 *   <li><b>peak used</b>: the sum over heap pools of {@link MemoryPoolMXBean#getPeakUsage()}, garbage included;
 *       it mostly shows how large the collector lets the young generation grow, and is bounded by -Xmx.</li>
 * </ul>
 *
 * <p>Also counts collections and estimates the bytes allocated (freed by collections plus growth in between).
 */
final class HeapMeter implements AutoCloseable {
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final AtomicLong freed = new AtomicLong();
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final NotificationListener listener = (notification, handback) -> {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long before = sum(info.getGcInfo().getMemoryUsageBeforeGc());
    long after = sum(info.getGcInfo().getMemoryUsageAfterGc());
    collections.incrementAndGet();
    freed.addAndGet(Math.max(0, before - after));
    peakAfterGc.accumulateAndGet(after, Math::max);
  };
  private long usedAtStart;

  /** Starts measuring: resets the pools' peaks and listens to every collector. */
  HeapMeter() {
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    usedAtStart = used();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
  }

  private long sum(Map<String, MemoryUsage> usage) {
    long total = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage u = usage.get(pool.getName());
      if (u != null) {
        total += u.getUsed();
      }
    }
    return total;
  }

  private long used() {
    return heapPools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  /** Returns the largest heap occupancy after a collection since the start, in bytes (0 if none ran). */
  long peakAfterGc() {
    return peakAfterGc.get();
  }

  /** Returns the sum of the heap pools' peak usage since the start, in bytes. */
  long peakUsed() {
    return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** Returns how many collections ran since the start. */
  long collections() {
    return collections.get();
  }

  /** Returns an estimate of the bytes allocated since the start: freed by collections, plus growth. */
  long allocated() {
    return freed.get() + Math.max(0, used() - usedAtStart);
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) gc).removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException e) {
        // already removed
      }
    }
  }
}
