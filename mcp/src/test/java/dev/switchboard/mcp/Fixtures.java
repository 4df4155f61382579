package dev.switchboard.mcp;

import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.EnvironmentSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A test connector written as YAML, as a user would: {@code shop} (against {@link ShopApi}: a listing, a get, a
 * destructive DELETE and a write), beside the catalog's Okta pack (served against the Okta sandbox).
 */
final class Fixtures {
  static final String SHOP = """
      name: shop
      title: Shop
      description: A small in-test API.
      base_url: "{{config.url}}"
      config:
        url: {description: the shop URL, env: SHOP_URL}
      auth: {type: api_key, placement: header, header: Authorization, format: "Key {{secret}}", secret: shop_api_key}
      errors: {code: errorCode, message: errorSummary, causes: "errorCauses[].errorSummary"}
      """;
  static final String LIST_ITEMS = """
      title: List items
      description: Lists the shop's items, optionally of one tag.
      method: GET
      path: /items
      query: {limit: "{{limit}}", after: "{{after}}", tag: "{{tag}}"}
      inputs:
        limit: {type: integer, minimum: 1, maximum: 100, default: 100, description: Items per page.}
        after: {type: string, description: The cursor of the next page.}
        tag: {type: string, enum: [red, blue], description: Only items of this tag.}
      pagination: {type: link_header, cursor_param: after, limit_param: limit}
      output: {records: "@", map: "{id: id, name: name, tag: tag}"}
      annotations: {read_only: true, idempotent: true}
      """;
  static final String GET_ITEM = """
      title: Get item
      description: Gets one item by id, such as it7.
      method: GET
      path: /items/{{id}}
      inputs:
        id: {type: string, required: true, pattern: "^it[0-9]+$", description: "The item's id, such as it7."}
      output: {map: "{id: id, name: name, tag: tag, notes: notes}"}
      annotations: {read_only: true, idempotent: true}
      """;
  static final String DELETE_ITEM = """
      title: Delete item
      description: Deletes one item for good.
      method: DELETE
      path: /items/{{id}}
      inputs:
        id: {type: string, required: true, description: "The item's id, such as it7."}
      annotations: {destructive: true, idempotent: true}
      """;
  static final String ARCHIVE_ITEM = """
      title: Archive item
      description: Archives one item (it stays readable).
      method: POST
      path: /items/{{id}}/archive
      inputs:
        id: {type: string, required: true}
      annotations: {read_only: false, destructive: false, idempotent: true}
      """;
  private Fixtures() {}

  /** Writes the test connectors under a directory and returns it. */
  static Path write(Path dir) {
    try {
      Path shop = dir.resolve("shop");
      Files.createDirectories(shop.resolve("actions"));
      Files.writeString(shop.resolve("connector.yaml"), SHOP);
      Files.writeString(shop.resolve("actions/list_items.yaml"), LIST_ITEMS);
      Files.writeString(shop.resolve("actions/get_item.yaml"), GET_ITEM);
      Files.writeString(shop.resolve("actions/delete_item.yaml"), DELETE_ITEM);
      Files.writeString(shop.resolve("actions/archive_item.yaml"), ARCHIVE_ITEM);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the built-in catalog plus the test connectors of a directory written by {@link #write}. */
  static Catalog catalog(Path dir) {
    return Catalog.builtIn().with(DefinitionLoader.loadDirectory(dir));
  }

  /** Returns an engine whose settings and secrets come from the given environment variables. */
  static Engine engine(Catalog catalog, Map<String, String> env) {
    return Engine.builder(catalog).config(ConfigSource.environment(env)).secrets(new EnvironmentSecretStore(env)).build();
  }
}
