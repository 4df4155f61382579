/** The clock the engine waits by ({@link dev.switchboard.core.time.TimeSource}), real or, in tests, advanced by hand. */
package dev.switchboard.core.time;
