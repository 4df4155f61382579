package dev.switchboard.core.run;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** The pages of a call that has exactly one result (a compound action): made when asked for, then the end. */
final class OneResult implements Iterator<ActionResult> {
  private final Supplier<ActionResult> result;
  private final Runnable onEnd;
  private boolean done;

  /**
   * @param result makes the result
   * @param onEnd runs once the result is made or has failed
   */
  OneResult(Supplier<ActionResult> result, Runnable onEnd) {
    this.result = result;
    this.onEnd = onEnd;
  }

  @Override
  public boolean hasNext() {
    return !done;
  }

  @Override
  public ActionResult next() {
    if (done) {
      throw new NoSuchElementException();
    }
    done = true;
    try {
      return result.get();
    } finally {
      onEnd.run();
    }
  }
}
