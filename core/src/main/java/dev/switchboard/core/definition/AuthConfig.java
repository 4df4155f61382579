package dev.switchboard.core.definition;

import dev.switchboard.core.template.Template;
import java.util.List;
import java.util.Optional;

/**
 * How a connector authenticates its requests: the {@code auth:} block of {@code connector.yaml}.
 *
 * <p>Secrets are named here, never given: each value is resolved from a secret store at run time.
 */
public sealed interface AuthConfig {
  /** The value of {@code auth.type}, such as {@code api_key}. */
  String type();

  /**
   * Dispatches on the kind of auth config: every visitor handles every kind, so a new kind cannot be left
   * unhandled (Java 17 has no exhaustive switch over a sealed type; this is its compile-time equivalent).
   *
   * @param visitor the handler of each kind
   * @param <R> what the visitor returns
   * @return the visitor's answer for this config
   */
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per kind of auth config.
   *
   * @param <R> what each method returns
   */
  interface Visitor<R> {
    /** Handles {@code type: none}. */
    R none(None config);

    /** Handles {@code type: api_key}. */
    R apiKey(ApiKey config);

    /** Handles {@code type: basic}. */
    R basic(Basic config);

    /** Handles {@code type: bearer}. */
    R bearer(Bearer config);

    /** Handles {@code type: oauth2_client_credentials}. */
    R oauth2ClientCredentials(OAuth2ClientCredentials config);
  }

  /** No credentials are added ({@code type: none}). */
  record None() implements AuthConfig {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.none(this);
    }

    @Override
    public String type() {
      return "none";
    }
  }

  /**
   * An API key placed in a header or a query parameter ({@code type: api_key}), as Moveworks Agent
   * Studio's "API Key Auth" (such as {@code Authorization: Token <key>}).
   *
   * @param placement where the key goes
   * @param name the header or query parameter name, such as {@code Authorization}
   * @param format the value template; {@code {{secret}}} stands for the key, as in {@code SSWS {{secret}}}
   * @param secret the secret's name in the secret store, such as {@code tix_api_key}
   */
  record ApiKey(Placement placement, String name, Template format, String secret) implements AuthConfig {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.apiKey(this);
    }

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

  /**
   * HTTP Basic authentication ({@code type: basic}, RFC 7617): {@code Authorization: Basic base64(user:password)}.
   *
   * @param username the user name template (over {@code config.*})
   * @param secret the password's secret name
   */
  record Basic(Template username, String secret) implements AuthConfig {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.basic(this);
    }

    @Override
    public String type() {
      return "basic";
    }
  }

  /**
   * A static bearer token ({@code type: bearer}, RFC 6750): {@code Authorization: Bearer <token>}.
   *
   * @param secret the token's secret name
   */
  record Bearer(String secret) implements AuthConfig {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.bearer(this);
    }

    @Override
    public String type() {
      return "bearer";
    }
  }

  /**
   * OAuth 2.0 client credentials ({@code type: oauth2_client_credentials}, RFC 6749 section 4.4): an access
   * token is fetched from the token endpoint, cached, refreshed before it expires and sent as
   * {@code Authorization: Bearer <token>}; with {@code private_key_jwt} the client signs a JWT assertion
   * (RFC 7523) instead of sending a secret.
   *
   * @param tokenUrl the token endpoint template (over {@code config.*}), such as {@code {{config.org_url}}/oauth2/v1/token}
   * @param clientId the client id template (over {@code config.*})
   * @param clientAuth how the client authenticates to the token endpoint
   * @param secret the client secret's name, or for {@code private_key_jwt} the private key's (PEM or JWK)
   * @param algorithm the JWS algorithm of a {@code private_key_jwt} assertion: {@code RS256} or {@code ES256}
   * @param keyId the {@code kid} of the signing key, when the server needs it
   * @param scopes the scopes asked for, such as {@code tickets.read}
   */
  record OAuth2ClientCredentials(Template tokenUrl, Template clientId, ClientAuth clientAuth, String secret,
      String algorithm, Optional<Template> keyId, List<String> scopes) implements AuthConfig {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.oauth2ClientCredentials(this);
    }

    @Override
    public String type() {
      return "oauth2_client_credentials";
    }
  }

  /** How an OAuth 2.0 client authenticates to the token endpoint (RFC 6749 section 2.3, RFC 7523). */
  enum ClientAuth {
    /** Client id and secret in an HTTP Basic header. */
    CLIENT_SECRET_BASIC,
    /** Client id and secret in the form body. */
    CLIENT_SECRET_POST,
    /** A JWT signed with the client's private key (RFC 7523 section 2.2). */
    PRIVATE_KEY_JWT
  }

  /** Where an API key is placed. */
  enum Placement {
    /** In a request header. */
    HEADER,
    /** In a query parameter (discouraged: URLs end up in logs). */
    QUERY
  }
}
