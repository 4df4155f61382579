package dev.switchboard.core.definition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One named instance of a connector pack, such as {@code okta@prod} and {@code okta@preview}: the pack's actions
 * against another service (another Okta org), with settings and secrets of its own. An instance is an ordinary
 * {@link ConnectorDefinition} ({@link #of}) named {@code <pack>@<instance>}, so its actions are referred to as
 * {@code okta@prod.list_users} and every part of the engine treats it as any connector.
 *
 * <p>What the instance renames, so that one machine can hold two orgs without one reading the other's values:
 * <ul>
 *   <li>its secrets: {@code okta_api_token} becomes {@code okta_api_token@prod} ({@link #secret}), read from the
 *       environment variable {@code OKTA_API_TOKEN_PROD} or the secret store under that name;</li>
 *   <li>the environment variables of its settings: {@code OKTA_ORG_URL} becomes {@code OKTA_ORG_URL_PROD}
 *       ({@link #env}); settings are also read from the config file under {@code okta@prod.org_url};</li>
 *   <li>its title: {@code Okta (prod)}; and it has no sandbox: an instance always calls its own service.</li>
 * </ul>
 *
 * @param pack the pack's connector name, such as {@code okta}
 * @param instance the instance's name, such as {@code prod}: {@link #NAME}
 */
public record ConnectorInstance(String pack, String instance) {
  /** Between pack and instance in a connector name: {@code okta@prod}. */
  public static final char SEPARATOR = '@';
  /** An instance name: a lower-case letter, then up to 31 lower-case letters, digits or {@code _}. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  /**
   * Checks both names.
   *
   * @throws IllegalArgumentException naming the part that is not a valid name and what would be
   */
  public ConnectorInstance {
    if (!DefinitionLoader.NAME.matcher(pack).matches()) {
      throw new IllegalArgumentException("'" + pack + "' is not a connector name; connector names are lower-case letters,"
          + " digits and '_', such as okta");
    }
    if (!NAME.matcher(instance).matches()) {
      throw new IllegalArgumentException("'" + instance + "' is not an instance name; use a lower-case letter, then up to"
          + " 31 lower-case letters, digits or '_', such as prod (as in " + pack + SEPARATOR + "prod)");
    }
  }

  /**
   * Reads a connector name that may be an instance's.
   *
   * @param connector a connector name, such as {@code okta} or {@code okta@prod}
   * @return the instance, or empty for a plain connector name (without {@code @})
   * @throws IllegalArgumentException when the name has an {@code @} but either side is not a valid name
   */
  public static Optional<ConnectorInstance> parse(String connector) {
    int at = connector.indexOf(SEPARATOR);
    if (at < 0) {
      return Optional.empty();
    }
    return Optional.of(new ConnectorInstance(connector.substring(0, at), connector.substring(at + 1)));
  }

  /** {@return the instance's connector name, {@code <pack>@<instance>}, such as {@code okta@prod}} */
  public String name() {
    return pack + SEPARATOR + instance;
  }

  /**
   * Returns the instance's name for one of the pack's secrets.
   *
   * @param packSecret the secret as the pack names it, such as {@code okta_api_token}
   * @return {@code okta_api_token@prod}
   */
  public String secret(String packSecret) {
    return packSecret + SEPARATOR + instance;
  }

  /**
   * Returns the instance's environment variable for one of the pack's.
   *
   * @param packVariable the variable as the pack names it, such as {@code OKTA_ORG_URL}
   * @return {@code OKTA_ORG_URL_PROD}
   */
  public String env(String packVariable) {
    return packVariable + "_" + instance.toUpperCase(Locale.ROOT);
  }

  /**
   * Makes the instance's connector from its pack.
   *
   * @param definition the pack's connector, whose name must be {@link #pack}
   * @return the same connector named {@link #name()}, titled {@code <title> (<instance>)}, with its secrets named by
   *     {@link #secret} and its settings' environment variables by {@link #env}, and no sandbox
   * @throws IllegalArgumentException when the definition is not this instance's pack, or is itself an instance
   */
  public ConnectorDefinition of(ConnectorDefinition definition) {
    if (!definition.name().equals(pack)) {
      throw new IllegalArgumentException("connector '" + definition.name() + "' is not the pack of " + name());
    }
    Map<String, ConfigVariable> config = new LinkedHashMap<>();
    definition.config().forEach((key, v) -> config.put(key,
        new ConfigVariable(v.name(), v.description(), v.env().map(this::env), v.example())));
    List<ActionDefinition> actions = new ArrayList<>(definition.actions());
    return new ConnectorDefinition(name(), definition.title() + " (" + instance + ")", definition.description(),
        definition.baseUrl(), Collections.unmodifiableMap(config), auth(definition.auth()), definition.headers(), definition.transport(),
        Optional.empty(), List.copyOf(actions), definition.file());
  }

  private AuthConfig auth(AuthConfig auth) {
    return auth.accept(new AuthConfig.Visitor<AuthConfig>() {
      @Override
      public AuthConfig none(AuthConfig.None config) {
        return config;
      }

      @Override
      public AuthConfig apiKey(AuthConfig.ApiKey k) {
        return new AuthConfig.ApiKey(k.placement(), k.name(), k.format(), secret(k.secret()));
      }

      @Override
      public AuthConfig basic(AuthConfig.Basic b) {
        return new AuthConfig.Basic(b.username(), secret(b.secret()));
      }

      @Override
      public AuthConfig bearer(AuthConfig.Bearer b) {
        return new AuthConfig.Bearer(secret(b.secret()));
      }

      @Override
      public AuthConfig oauth2ClientCredentials(AuthConfig.OAuth2ClientCredentials o) {
        return new AuthConfig.OAuth2ClientCredentials(o.tokenUrl(), o.clientId(), o.clientAuth(), secret(o.secret()),
            o.algorithm(), o.keyId(), o.scopes());
      }
    });
  }

}
