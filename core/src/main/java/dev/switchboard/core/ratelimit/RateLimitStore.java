package dev.switchboard.core.ratelimit;

import dev.switchboard.core.time.TimeSource;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.CallTimeoutException;

/**
 * Where the state of rate-limit buckets lives. {@link #IN_MEMORY} keeps each bucket in the process (one process
 * pacing alone: the CLI, a single server); a shared store (the server's on PostgreSQL) keeps it where several
 * processes calling the same service see it, so that together they pace as one client. The
 * {@link RateLimitInterceptor} asks its store once per bucket and keeps what it gets.
 */
public interface RateLimitStore {
  /** Buckets in this process's memory: each one paces only this process's requests. */
  RateLimitStore IN_MEMORY = (scope, bucket, clock, reserve, time) -> new RateLimitBucket(clock, reserve, time);

  /**
   * Returns a bucket.
   *
   * @param scope whose limits these are: the origin of the connector's base URL, such as
   *     {@code https://acme.okta.com} (Okta's limits are per org, so connectors on one org share them)
   * @param bucket the bucket within the scope: the request's resource path ({@code CallContext.bucket()})
   * @param clock the server's clock as this process sees it, to measure resets against
   * @param reserve requests of each window left unused, usually 0
   * @param time the clock waits are measured and made by
   * @return the bucket; the caller keeps it for the life of its connector's runtime
   */
  Bucket bucket(String scope, String bucket, ServerClock clock, long reserve, TimeSource time);

  /** One bucket: hands out permits to send. Thread-safe. */
  interface Bucket {
    /**
     * Waits until a request may go out, then counts it.
     *
     * @param call the call, whose deadline bounds the wait and whose stats record it
     * @return the permit, to be released exactly once when the request is answered or failed
     * @throws CallTimeoutException when the call's deadline comes first
     * @throws InterruptedException when interrupted
     */
    Permit acquire(CallContext call) throws CallTimeoutException, InterruptedException;
  }

  /** A request's permit to go out. */
  interface Permit {
    /**
     * Says the request is done and what its response said about the window.
     *
     * @param headers the response's rate-limit headers, or null when no response arrived
     * @param status the response's status (429 marks the window used up), or 0 when none arrived
     */
    void release(RateLimitHeaders headers, int status);
  }
}
