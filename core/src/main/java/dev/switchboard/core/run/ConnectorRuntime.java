package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.auth.Authenticator;
import dev.switchboard.core.transport.Interceptor;
import java.net.URI;
import java.util.List;

/**
 * One connector made ready to send: its base URL and settings as read once, its authenticator (with its
 * resolved secrets and cached tokens) and the chain every request of its actions goes through (retry, rate
 * limit, auth, redirects, decompression, transport), so that its rate-limit state and token cache are shared by
 * every call. Built by {@link RuntimeBuilder}; thread-safe.
 *
 * <p>{@link #close} lets go of what it holds: the cached token, the transport's pooled connections (when the
 * runtime made its own transport) and its registrations with the redactor. Its owner ({@link ConnectorVersion})
 * closes it once no call holds it, so no call sees a closed runtime.
 */
final class ConnectorRuntime implements AutoCloseable {
  private final URI baseUrl;
  private final ObjectNode config;
  private final Authenticator authenticator;
  private final Interceptor.Pipeline pipeline;
  private final ResponseDecoder decoder;
  private final List<AutoCloseable> owned;

  /**
   * @param owned what closing releases, in order (the redactor scope last, so that a failure while closing the
   *     others is still scrubbed)
   */
  ConnectorRuntime(URI baseUrl, ObjectNode config, Authenticator authenticator, Interceptor.Pipeline pipeline,
      ResponseDecoder decoder, List<AutoCloseable> owned) {
    this.baseUrl = baseUrl;
    this.config = config;
    this.authenticator = authenticator;
    this.pipeline = pipeline;
    this.decoder = decoder;
    this.owned = List.copyOf(owned);
  }

  /** Returns the connector's base URL, rendered and checked (scheme, host, no query). */
  URI baseUrl() {
    return baseUrl;
  }

  /** Returns the connector's settings as a JSON object (the {@code config} of templates). Not to be changed. */
  ObjectNode config() {
    return config;
  }

  /** Returns the connector's authenticator. */
  Authenticator authenticator() {
    return authenticator;
  }

  /** Returns how the connector's responses read: errors, request ids, kept headers. */
  ResponseDecoder decoder() {
    return decoder;
  }

  /** Returns the chain a request is sent through. */
  Interceptor.Pipeline pipeline() {
    return pipeline;
  }

  /** Forgets the cached credential and closes what the runtime owns; a failure to close one does not stop the rest. */
  @Override
  public void close() {
    authenticator.invalidate();
    closeAll(owned);
  }

  /** Closes each in order, whatever the others do. */
  static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // nothing holds it any more; a pool that fails to close its sockets leaves them to the OS
      }
    }
  }
}
