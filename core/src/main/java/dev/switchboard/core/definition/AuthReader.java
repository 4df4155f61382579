package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkHeader;
import static dev.switchboard.core.definition.FieldChecks.checkName;
import static dev.switchboard.core.definition.FieldChecks.headerSafe;
import static dev.switchboard.core.definition.FieldChecks.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code auth:} block of {@code connector.yaml} into an {@link AuthConfig}. */
final class AuthReader {
  private AuthReader() {}

  /**
   * Reads an auth config.
   *
   * @param a the {@code auth:} mapping
   * @param configNames the connector's settings, which templates may name as {@code config.*}
   * @return the auth config, or null after adding problems
   */
  static AuthConfig read(Mapping a, Set<String> configNames) {
    String type = a.requiredText("type", "api_key");
    if (type == null) {
      return null;
    }
    switch (type) {
      case "none" -> {
        a.allowOnly("type");
        return new AuthConfig.None();
      }
      case "api_key" -> {
        a.allowOnly("type", "placement", "header", "param", "format", "secret");
        String placementText = a.text("placement").orElse("header");
        AuthConfig.Placement placement;
        String target;
        if (placementText.equals("header")) {
          placement = AuthConfig.Placement.HEADER;
          target = a.text("header").orElse("Authorization");
          if (a.has("param")) {
            a.problem("param", "'param' is for placement: query; with placement: header, name the header with 'header'");
          }
          checkHeader(a, "header", target, null);
        } else if (placementText.equals("query")) {
          placement = AuthConfig.Placement.QUERY;
          target = a.requiredText("param", "api_key");
          if (a.has("header")) {
            a.problem("header", "'header' is for placement: header; with placement: query, name the parameter with 'param'");
          }
        } else {
          a.problem("placement", "must be header or query, not '" + placementText + "'");
          return null;
        }
        String secret = a.requiredText("secret", "okta_api_token");
        checkName(a, "secret", secret);
        String formatText = a.text("format").orElse("{{secret}}");
        if (!headerSafe(formatText)) {
          a.problem("format", "holds a control character (CR, LF...) or a character outside Latin-1; the format is one line of text");
          return null;
        }
        Template format = template(a, "format", formatText, Set.of("secret"), Set.of());
        if (format != null && !format.names().contains("secret")) {
          a.problem("format", "must place the key with {{secret}}, as in \"SSWS {{secret}}\"");
          format = null;
        }
        if (target == null || secret == null || format == null) {
          return null;
        }
        return new AuthConfig.ApiKey(placement, target, format, secret);
      }
      case "bearer" -> {
        a.allowOnly("type", "secret");
        String secret = a.requiredText("secret", "my_api_token");
        checkName(a, "secret", secret);
        return secret == null ? null : new AuthConfig.Bearer(secret);
      }
      case "basic" -> {
        a.allowOnly("type", "username", "secret");
        Template username = template(a, "username", a.requiredText("username", "\"{{config.user}}\""), Set.of("config"), configNames);
        String secret = a.requiredText("secret", "my_password");
        checkName(a, "secret", secret);
        return username == null || secret == null ? null : new AuthConfig.Basic(username, secret);
      }
      case "oauth2_client_credentials" -> {
        a.allowOnly("type", "token_url", "client_id", "client_auth", "secret", "algorithm", "key_id", "scopes");
        Template tokenUrl = template(a, "token_url", a.requiredText("token_url", "\"{{config.org_url}}/oauth2/v1/token\""), Set.of("config"), configNames);
        Template clientId = template(a, "client_id", a.requiredText("client_id", "\"{{config.client_id}}\""), Set.of("config"), configNames);
        String clientAuthText = a.text("client_auth").orElse("client_secret_basic");
        AuthConfig.ClientAuth clientAuth = switch (clientAuthText) {
          case "client_secret_basic" -> AuthConfig.ClientAuth.CLIENT_SECRET_BASIC;
          case "client_secret_post" -> AuthConfig.ClientAuth.CLIENT_SECRET_POST;
          case "private_key_jwt" -> AuthConfig.ClientAuth.PRIVATE_KEY_JWT;
          default -> {
            a.problem("client_auth", "must be client_secret_basic, client_secret_post or private_key_jwt, not '" + clientAuthText + "'");
            yield null;
          }
        };
        String algorithm = a.text("algorithm").orElse("RS256");
        if (!algorithm.equals("RS256") && !algorithm.equals("ES256")) {
          a.problem("algorithm", "must be RS256 or ES256, not '" + algorithm + "'");
        }
        if (a.has("algorithm") && clientAuth != AuthConfig.ClientAuth.PRIVATE_KEY_JWT) {
          a.problem("algorithm", "is only for client_auth: private_key_jwt");
        }
        Optional<Template> keyId = a.text("key_id").map(k -> template(a, "key_id", k, Set.of("config"), configNames));
        String secret = a.requiredText("secret", "okta_private_key");
        checkName(a, "secret", secret);
        List<String> scopes = new ArrayList<>();
        JsonNode scopeNode = a.raw("scopes");
        if (scopeNode != null && !scopeNode.isNull()) {
          if (scopeNode.isArray()) {
            scopeNode.forEach(sc -> scopes.add(sc.asText()));
          } else if (scopeNode.isTextual()) {
            scopes.addAll(List.of(scopeNode.asText().strip().split("\\s+")));
          } else {
            a.problem("scopes", "must be a list of scope names, such as [okta.users.read]");
          }
        }
        if (tokenUrl == null || clientId == null || clientAuth == null || secret == null) {
          return null;
        }
        return new AuthConfig.OAuth2ClientCredentials(tokenUrl, clientId, clientAuth, secret, algorithm,
            keyId.filter(Objects::nonNull), List.copyOf(scopes));
      }
      default -> {
        a.problem("type", "unknown auth type '" + type + "'; supported: none, api_key, bearer, basic, oauth2_client_credentials");
        return null;
      }
    }
  }
}
