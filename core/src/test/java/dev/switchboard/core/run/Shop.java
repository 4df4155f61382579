package dev.switchboard.core.run;

import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorSource;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.SourceText;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.secret.MapSecretStore;
import java.util.List;

/**
 * A small non-Okta connector loaded from text, for tests of the registry: {@code shop}, with an API key header,
 * a cursor-paginated listing, a single get and a compound of two gets. Its base URL carries a version path
 * ({@code /v1}), so the server can tell which version of the connector sent a request.
 */
final class Shop {
  static final String KEY = "shop-key-0123456789abcdef";

  private Shop() {}

  /**
   * Loads the connector.
   *
   * @param url the server's URL, such as {@code http://127.0.0.1:8080}
   * @param version the version path, such as {@code v1}
   */
  static ConnectorDefinition connector(String url, String version) {
    return connector("shop", url, version);
  }

  /** Loads the connector under another name. */
  static ConnectorDefinition connector(String name, String url, String version) {
    return DefinitionLoader.load(new ConnectorSource(new SourceText(name + "/connector.yaml", """
        name: %s
        title: Shop
        base_url: "%s/%s"
        auth: {type: api_key, placement: header, header: X-Api-Key, secret: shop_key}
        """.formatted(name, url, version)), List.of(
        new SourceText("shop/actions/list_items.yaml", """
            description: Lists items.
            method: GET
            path: /items
            query: {after: "{{after}}"}
            inputs:
              after: {type: string}
            pagination: {type: cursor, cursor_param: after, cursor_path: next}
            output: {records: items}
            """),
        new SourceText("shop/actions/get_item.yaml", """
            description: Gets an item.
            method: GET
            path: /items/{{id}}
            inputs:
              id: {type: string, required: true}
            """),
        new SourceText("shop/actions/get_two.yaml", """
            description: Gets two items.
            inputs:
              first: {type: string, required: true}
              second: {type: string, required: true}
            steps:
              - {name: one, action: get_item, inputs: {id: "{{first}}"}}
              - {name: two, action: get_item, inputs: {id: "{{second}}"}}
              - result: "[one.line, two.line]"
            """))));
  }

  /** Returns an engine running the connector at {@code v1}, with its key. */
  static Engine engine(String url) {
    return Engine.builder(Catalog.of(List.of(connector(url, "v1"))))
        .secrets(new MapSecretStore("the test").put("shop_key", KEY))
        .config(ConfigSource.of(java.util.Map.of()))
        .build();
  }
}
