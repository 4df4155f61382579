package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkHeader;
import static dev.switchboard.core.definition.FieldChecks.headerSafe;
import static dev.switchboard.core.definition.FieldChecks.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code auth:} block of {@code connector.yaml} into an {@link AuthConfig}. Its shape (the kind, each
 * kind's fields) is the schema's ({@code $defs/auth}); this reads it and checks what crosses fields: templates and
 * the names they use, the header an API key goes in, a key format that places the key.
 */
final class AuthReader {
  private AuthReader() {}

  /**
   * Reads an auth config.
   *
   * @param a the {@code auth:} mapping
   * @param configNames the connector's settings, which templates may name as {@code config.*}
   * @return the auth config, or null when it has problems (the schema's or a cross-check's)
   */
  static AuthConfig read(Mapping a, Set<String> configNames) {
    return switch (a.text("type").orElse("")) {
      case "none" -> new AuthConfig.None();
      case "api_key" -> apiKey(a);
      case "bearer" -> a.text("secret").map(AuthConfig.Bearer::new).orElse(null);
      case "basic" -> basic(a, configNames);
      case "oauth2_client_credentials" -> clientCredentials(a, configNames);
      default -> null; // the schema names the kinds and reported this one
    };
  }

  private static AuthConfig apiKey(Mapping a) {
    boolean query = a.text("placement").orElse("header").equals("query");
    String target;
    if (query) {
      target = a.text("param").orElse(null);
      if (a.has("header")) {
        a.problem("header", "'header' is for placement: header; with placement: query, name the parameter with 'param'");
      }
    } else {
      target = a.text("header").orElse("Authorization");
      if (a.has("param")) {
        a.problem("param", "'param' is for placement: query; with placement: header, name the header with 'header'");
      }
      checkHeader(a, "header", target, null);
    }
    String secret = a.text("secret").orElse(null);
    String formatText = a.text("format").orElse("{{secret}}");
    if (!headerSafe(formatText)) {
      a.problem("format", "holds a control character (CR, LF...) or a character outside Latin-1; the format is one line of text");
      return null;
    }
    Template format = template(a, "format", formatText, Set.of("secret"), Set.of());
    if (format != null && !format.names().contains("secret")) {
      a.problem("format", "must place the key with {{secret}}, as in \"Token {{secret}}\"");
      format = null;
    }
    if (target == null || secret == null || format == null) {
      return null;
    }
    return new AuthConfig.ApiKey(query ? AuthConfig.Placement.QUERY : AuthConfig.Placement.HEADER, target, format, secret);
  }

  private static AuthConfig basic(Mapping a, Set<String> configNames) {
    Template username = template(a, "username", a.text("username").orElse(null), Set.of("config"), configNames);
    String secret = a.text("secret").orElse(null);
    return username == null || secret == null ? null : new AuthConfig.Basic(username, secret);
  }

  private static AuthConfig clientCredentials(Mapping a, Set<String> configNames) {
    Template tokenUrl = template(a, "token_url", a.text("token_url").orElse(null), Set.of("config"), configNames);
    Template clientId = template(a, "client_id", a.text("client_id").orElse(null), Set.of("config"), configNames);
    AuthConfig.ClientAuth clientAuth = switch (a.text("client_auth").orElse("client_secret_basic")) {
      case "client_secret_basic" -> AuthConfig.ClientAuth.CLIENT_SECRET_BASIC;
      case "client_secret_post" -> AuthConfig.ClientAuth.CLIENT_SECRET_POST;
      case "private_key_jwt" -> AuthConfig.ClientAuth.PRIVATE_KEY_JWT;
      default -> null; // reported by the schema
    };
    String algorithm = a.text("algorithm").orElse("RS256");
    if (a.has("algorithm") && clientAuth != AuthConfig.ClientAuth.PRIVATE_KEY_JWT) {
      a.problem("algorithm", "is only for client_auth: private_key_jwt");
    }
    Optional<Template> keyId = a.text("key_id").map(k -> template(a, "key_id", k, Set.of("config"), configNames));
    String secret = a.text("secret").orElse(null);
    List<String> scopes = new ArrayList<>();
    JsonNode scopeNode = a.raw("scopes");
    if (scopeNode != null && scopeNode.isArray()) {
      scopeNode.forEach(sc -> scopes.add(sc.asText()));
    } else if (scopeNode != null && scopeNode.isTextual()) {
      scopes.addAll(List.of(scopeNode.asText().strip().split("\\s+")));
    }
    if (tokenUrl == null || clientId == null || clientAuth == null || secret == null) {
      return null;
    }
    return new AuthConfig.OAuth2ClientCredentials(tokenUrl, clientId, clientAuth, secret, algorithm,
        keyId.filter(Objects::nonNull), List.copyOf(scopes));
  }
}
