package dev.switchboard.core.run;

import dev.switchboard.core.definition.ConfigVariable;
import java.util.Map;
import java.util.Optional;

/**
 * Supplies a connector's settings (its {@code config:} values, such as Okta's {@code org_url}).
 * Sources chain with {@link #orElse}: the first that has a value wins.
 */
@FunctionalInterface
public interface ConfigSource {
  /** What {@link #describe} says of a source that cannot tell where it looks. */
  String NOWHERE = "configuration";

  /**
   * Looks a setting up.
   *
   * @param connector the connector's name
   * @param variable the setting as declared
   * @return the value, or empty when this source has none
   */
  Optional<String> value(String connector, ConfigVariable variable);

  /**
   * Describes where this source looks, for error messages, such as {@code environment variable OKTA_ORG_URL}.
   *
   * @param connector the connector's name
   * @param variable the setting
   * @return a short phrase
   */
  default String describe(String connector, ConfigVariable variable) {
    return NOWHERE;
  }

  /**
   * Chains another source after this one. The chain describes itself as both sources, such as
   * {@code environment variable OKTA_ORG_URL or the setting okta.org_url (switchboard config set ...)}.
   *
   * @param next asked when this source has no value
   * @return the chained source
   */
  default ConfigSource orElse(ConfigSource next) {
    ConfigSource first = this;
    return new ConfigSource() {
      @Override
      public Optional<String> value(String connector, ConfigVariable variable) {
        Optional<String> v = first.value(connector, variable);
        return v.isPresent() ? v : next.value(connector, variable);
      }

      @Override
      public String describe(String connector, ConfigVariable variable) {
        String a = first.describe(connector, variable);
        String b = next.describe(connector, variable);
        if (a.equals(NOWHERE) || a.equals(b)) {
          return b;
        }
        return b.equals(NOWHERE) ? a : a + " or " + b;
      }
    };
  }

  /**
   * Reads each setting from the environment variable its declaration names ({@code env:}).
   *
   * @param environment variable names to values, such as {@link System#getenv()}
   * @return the source
   */
  static ConfigSource environment(Map<String, String> environment) {
    Map<String, String> copy = Map.copyOf(environment);
    return new ConfigSource() {
      @Override
      public Optional<String> value(String connector, ConfigVariable variable) {
        return variable.env().map(copy::get).map(String::strip).filter(s -> !s.isEmpty());
      }

      @Override
      public String describe(String connector, ConfigVariable variable) {
        return variable.env().map(e -> "environment variable " + e).orElse(NOWHERE);
      }
    };
  }

  /**
   * Fixed settings, such as the URL of an embedded sandbox.
   *
   * @param values connector names to setting names to values
   * @return the source
   */
  static ConfigSource of(Map<String, Map<String, String>> values) {
    Map<String, Map<String, String>> copy = Map.copyOf(values);
    return (connector, variable) -> Optional.ofNullable(copy.getOrDefault(connector, Map.of()).get(variable.name()));
  }
}
