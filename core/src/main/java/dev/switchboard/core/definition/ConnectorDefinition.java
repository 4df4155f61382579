package dev.switchboard.core.definition;

import dev.switchboard.core.error.ErrorFormat;
import dev.switchboard.core.template.Template;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connector as declared in {@code connector.yaml} with its actions from {@code actions/*.yaml}.
 *
 * @param name the connector's name, the first part of an action reference such as {@code tix.get_ticket}
 * @param title a short human title
 * @param description what the connector reaches
 * @param baseUrl the base URL template; it may use only {@code config.*} values
 * @param config the connector's settings by name
 * @param auth how requests are authenticated
 * @param headers default request header templates, sent with every action
 * @param transport rate limiting, retries, timeouts, size cap and allowed hosts
 * @param errors how the service's error bodies read ({@code errors:}); {@link ErrorFormat#NONE} for the common shapes
 * @param requestIdHeader the response header that carries the service's request id ({@code request_id_header:}),
 *     tried before the common ones ({@code X-Request-Id}, {@code Request-Id}, {@code X-Correlation-Id})
 * @param sandbox the name of a built-in sandbox that can stand in for the real service
 * @param actions the actions, sorted by name
 * @param file the file the connector was read from
 */
public record ConnectorDefinition(
    String name,
    String title,
    String description,
    Template baseUrl,
    Map<String, ConfigVariable> config,
    AuthConfig auth,
    Map<String, Template> headers,
    TransportSettings transport,
    ErrorFormat errors,
    Optional<String> requestIdHeader,
    Optional<String> sandbox,
    List<ActionDefinition> actions,
    String file) {

  /**
   * Returns the same connector under another name, such as an instance {@code tix@prod} of a pack.
   *
   * @param newName the name
   * @return the copy
   */
  public ConnectorDefinition withName(String newName) {
    return new ConnectorDefinition(newName, title, description, baseUrl, config, auth, headers, transport, errors,
        requestIdHeader, sandbox, actions, file);
  }
}
