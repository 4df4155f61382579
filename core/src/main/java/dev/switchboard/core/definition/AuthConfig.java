package dev.switchboard.core.definition;

import dev.switchboard.core.template.Template;

/**
 * How a connector authenticates its requests: the {@code auth:} block of {@code connector.yaml}.
 *
 * <p>Secrets are named here, never given: the value is resolved from a secret store at run time.
 */
public sealed interface AuthConfig {
  /** The value of {@code auth.type}, such as {@code api_key}. */
  String type();

  /** No credentials are added ({@code type: none}). */
  record None() implements AuthConfig {
    @Override
    public String type() {
      return "none";
    }
  }

  /**
   * An API key placed in a header or a query parameter ({@code type: api_key}), as Moveworks Agent
   * Studio's "API Key Auth" and Okta's {@code Authorization: SSWS {token}} scheme.
   *
   * @param placement where the key goes
   * @param name the header or query parameter name, such as {@code Authorization}
   * @param format the value template; {@code {{secret}}} stands for the key, as in {@code SSWS {{secret}}}
   * @param secret the secret's name in the secret store, such as {@code okta_api_token}
   */
  record ApiKey(Placement placement, String name, Template format, String secret) implements AuthConfig {
    @Override
    public String type() {
      return "api_key";
    }

    /** Returns the scheme word of the format, such as {@code SSWS} for {@code SSWS {{secret}}}, or empty. */
    public String scheme() {
      String source = format.source();
      int brace = source.indexOf("{{");
      return (brace < 0 ? source : source.substring(0, brace)).strip();
    }
  }

  /** Where an API key is placed. */
  enum Placement {
    /** In a request header. */
    HEADER,
    /** In a query parameter (discouraged: URLs end up in logs). */
    QUERY
  }
}
