package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.auth.Authenticator;
import dev.switchboard.core.transport.Interceptor;
import java.net.URI;

/**
 * One connector made ready to send: its base URL and settings as read once, its authenticator (with its
 * resolved secrets and cached tokens) and the chain every request of its actions goes through (retry, rate
 * limit, auth, redirects, decompression, transport), so that its rate-limit state and token cache are shared by
 * every call. Built by {@link RuntimeBuilder}; thread-safe.
 */
final class ConnectorRuntime {
  private final URI baseUrl;
  private final ObjectNode config;
  private final Authenticator authenticator;
  private final Interceptor.Pipeline pipeline;

  ConnectorRuntime(URI baseUrl, ObjectNode config, Authenticator authenticator, Interceptor.Pipeline pipeline) {
    this.baseUrl = baseUrl;
    this.config = config;
    this.authenticator = authenticator;
    this.pipeline = pipeline;
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

  /** Returns the chain a request is sent through. */
  Interceptor.Pipeline pipeline() {
    return pipeline;
  }
}
