package dev.switchboard.workspace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes runs off the calls' path: callers queue a run's start ({@link #begin}, a row whose outcome is
 * {@link Run#RUNNING}) and its end ({@link #end}, the finished row), and one background thread writes whatever has
 * queued up since its last write in one transaction: the starts as one batched {@code INSERT}, the ends as one
 * batched {@code UPDATE}, and a run that starts and ends within one batch as a single {@code INSERT} of its final
 * row. So under load a transaction carries many runs and a call waits for no database; when quiet a run is written
 * within a few milliseconds of being queued.
 *
 * <p>The queue holds at most {@value #CAPACITY} entries; past that callers wait for the writer (the database sets
 * the pace rather than memory). {@link #flush} waits until everything queued before it is written, so a listing
 * on this instance sees every run this instance has finished. A batch that fails because the database cannot be
 * reached ({@link DatabaseOutage}: PostgreSQL restarting, its connections cut) is tried again, {@link #OUTAGE_PAUSE}
 * apart, up to {@value #OUTAGE_RETRIES} times, so that a run whose end came during a restart does not stay
 * {@code running}; a batch that still fails is written again run by run, and a run that still cannot be written is
 * reported (its id and the cause's class, never its contents) and dropped. What is queued when the process is killed
 * is lost: at most the last few milliseconds of runs. Thread-safe.
 */
final class RunWriter implements AutoCloseable {
  /** The most entries waiting to be written before callers wait. */
  static final int CAPACITY = 10_000;
  /** The most entries written in one transaction. */
  static final int MAX_BATCH = 1_000;
  /** How many times a batch is tried again while the database cannot be reached. */
  static final int OUTAGE_RETRIES = 30;
  /** The pause before each of those tries (each may also wait up to the pool's 30 s for a connection). */
  static final Duration OUTAGE_PAUSE = Duration.ofSeconds(1);

  /** What an entry of the queue asks for. */
  private enum Kind {
    /** Write a run's start. */
    BEGIN,
    /** Write a run's end. */
    END,
    /** Count {@code done} down once everything before is written. */
    FLUSH,
    /** Write everything before, then stop. */
    STOP
  }

  /** An entry of the queue: a run (begin, end) or a latch (flush). */
  private record Entry(Kind kind, Run run, CountDownLatch done) {}

  private final Jdbi jdbi;
  private final Supplier<String> instance;
  private final Duration outagePause;
  private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private volatile Consumer<String> problems = message -> { };
  private volatile boolean closed;

  /**
   * @param jdbi the database
   * @param instance the server instance whose runs these are (null outside a server), read at each write
   */
  RunWriter(Jdbi jdbi, Supplier<String> instance) {
    this(jdbi, instance, OUTAGE_PAUSE);
  }

  /**
   * @param jdbi the database
   * @param instance the server instance whose runs these are (null outside a server), read at each write
   * @param outagePause the pause before trying a batch again while the database cannot be reached (tests: zero)
   */
  RunWriter(Jdbi jdbi, Supplier<String> instance, Duration outagePause) {
    this.jdbi = jdbi;
    this.instance = instance;
    this.outagePause = outagePause;
    this.thread = new Thread(this::loop, "switchboard-run-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Sets where runs that cannot be written are reported. */
  void reportTo(Consumer<String> sink) {
    this.problems = sink;
  }

  /** Queues a run's start: a row whose outcome is {@link Run#RUNNING}. */
  void begin(Run run) {
    put(new Entry(Kind.BEGIN, run, null));
  }

  /** Queues a run's end: its final row, of the same id as its start (or alone, for a run recorded only at its end). */
  void end(Run run) {
    put(new Entry(Kind.END, run, null));
  }

  /** Returns when every run queued before this call is written (or reported as not written). */
  void flush() {
    if (closed || Thread.currentThread() == thread) {
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    put(new Entry(Kind.FLUSH, null, done));
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(Entry entry) {
    if (closed) {
      throw new IllegalStateException("the workspace is closed; no more runs can be recorded");
    }
    try {
      queue.put(entry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while queueing a run", e);
    }
  }

  /** Writes what is queued, then stops the writer (waiting up to 10 seconds). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    put(new Entry(Kind.STOP, null, null));
    closed = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    List<Entry> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.stream().anyMatch(e -> e.kind() == Kind.STOP);
      write(batch);
      batch.stream().filter(e -> e.kind() == Kind.FLUSH).forEach(e -> e.done().countDown());
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  /** Writes one batch in one transaction: new rows (a start, or a start and its end together), then ends. */
  private void write(List<Entry> batch) {
    Map<String, Run> inserts = new LinkedHashMap<>();
    List<Run> updates = new ArrayList<>();
    for (Entry e : batch) {
      switch (e.kind()) {
        case BEGIN -> inserts.put(e.run().id(), e.run());
        case END -> {
          if (inserts.containsKey(e.run().id())) {
            inserts.put(e.run().id(), e.run());
          } else {
            updates.add(e.run());
          }
        }
        case FLUSH, STOP -> { }
      }
    }
    if (inserts.isEmpty() && updates.isEmpty()) {
      return;
    }
    for (int attempt = 0; ; attempt++) {
      try {
        jdbi.useTransaction(h -> {
          insert(h, inserts.values());
          update(h, updates);
        });
        return;
      } catch (RuntimeException failed) {
        if (attempt >= OUTAGE_RETRIES || closed || DatabaseOutage.of(failed).isEmpty() || !pause()) {
          break;
        }
      }
    }
    for (Run run : inserts.values()) {
      one(run, h -> insert(h, List.of(run)));
    }
    for (Run run : updates) {
      one(run, h -> update(h, List.of(run)));
    }
  }

  /** Waits {@link #outagePause}; false when interrupted (the writer is stopping). */
  private boolean pause() {
    try {
      Thread.sleep(outagePause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void one(Run run, Consumer<Handle> work) {
    try {
      jdbi.useHandle(work::accept);
    } catch (RuntimeException e) {
      problems.accept("the run " + run.id() + " of " + run.connector() + "." + run.action() + " could not be recorded: "
          + e.getClass().getSimpleName());
    }
  }

  private void insert(Handle h, Iterable<Run> runs) {
    PreparedBatch batch = h.prepareBatch(RunRepository.INSERT);
    int n = 0;
    for (Run run : runs) {
      RunRepository.bind(batch, run, instance.get()).add();
      n++;
    }
    if (n > 0) {
      batch.execute();
    }
  }

  private static void update(Handle h, List<Run> runs) {
    if (runs.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch("UPDATE run SET outcome = :outcome, error_category = :errorCategory,"
        + " error_message = :errorMessage, status = :status, exchanges = :exchanges, output_excerpt = :outputExcerpt,"
        + " output_truncated = :outputTruncated, duration_ms = :durationMs WHERE id = :id");
    for (Run run : runs) {
      RunRepository.bindEnd(batch, run).add();
    }
    batch.execute();
  }
}
