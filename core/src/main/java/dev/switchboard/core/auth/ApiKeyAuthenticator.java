package dev.switchboard.core.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.AuthConfig;
import dev.switchboard.core.secret.Secret;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.core.template.Escaper;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.Request;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Places an API key in a header (such as Okta's {@code Authorization: SSWS {token}},
 * https://developer.okta.com/docs/guides/create-an-api-token/) or a query parameter, formatted by the
 * auth config's {@code format} template. The value is rendered once, at construction.
 */
final class ApiKeyAuthenticator implements Authenticator {
  private final AuthConfig.ApiKey config;
  private final String value;
  private final String origin;

  /**
   * Renders the credential.
   *
   * @throws SecretException when the key was pasted with the scheme word the format adds itself (a token copied as
   *     {@code SSWS 00ab...} would be sent as {@code SSWS SSWS 00ab...}, which the service refuses as an invalid
   *     token); the message names where the key came from, never its value
   */
  ApiKeyAuthenticator(AuthConfig.ApiKey config, Secret secret) {
    this.config = config;
    this.origin = secret.origin();
    String key = secret.singleLine().value();
    refusePastedScheme(key, config.scheme(), config.name(), origin);
    ObjectNode scope = JsonNodeFactory.instance.objectNode().put("secret", key);
    this.value = config.placement() == AuthConfig.Placement.HEADER
        ? config.format().render(scope, Escaper.HEADER_VALUE)
        : config.format().render(scope, Escaper.QUERY_COMPONENT);
  }

  /**
   * Refuses a credential pasted with the scheme word that the header adds itself ({@code SSWS 00ab...} for
   * {@code SSWS {{secret}}}, {@code Bearer eyJ...} for a bearer token), which would be sent doubled and refused by
   * the service as an invalid token.
   *
   * @param value the credential as resolved
   * @param scheme the word the header puts before it, such as {@code SSWS}; empty for none
   * @param header the header's name, for the message
   * @param origin where the credential came from, such as {@code environment variable OKTA_API_TOKEN}
   * @throws SecretException naming the origin and what to keep, never the value
   */
  static void refusePastedScheme(String value, String scheme, String header, String origin) {
    if (!scheme.isEmpty() && value.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1)) {
      throw new SecretException(origin + " starts with '" + scheme + " ', which Switchboard adds itself (it sends "
          + header + ": " + scheme + " <key>): keep only the key after '" + scheme + " '");
    }
  }

  @Override
  public Request authenticate(Request request, CallContext call) {
    if (config.placement() == AuthConfig.Placement.HEADER) {
      return request.withHeader(config.name(), value);
    }
    URI uri = request.uri();
    String pair = Escaper.percentEncode(config.name()) + "=" + value;
    String query = uri.getRawQuery() == null ? pair : uri.getRawQuery() + "&" + pair;
    try {
      return request.withUri(new URI(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + query));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot add the API key parameter to the request URI", e);
    }
  }

  /** Returns the credential as sent: the header's value, or the query parameter's encoded value. */
  String sent() {
    return value;
  }

  @Override
  public String describe() {
    String scheme = config.scheme();
    return (config.placement() == AuthConfig.Placement.HEADER
        ? "an API key in header " + config.name() + (scheme.isEmpty() ? "" : " with scheme " + scheme)
        : "an API key in query parameter " + config.name()) + " from " + origin;
  }

  @Override
  public String toString() {
    return "ApiKeyAuthenticator[" + describe() + "]";
  }
}
