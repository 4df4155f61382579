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
 * Test connectors written as YAML, as a user would: {@code shop} (against {@link ShopApi}: a listing, a get, a
 * destructive DELETE and a write) and {@code okta_users} (a get-one-user action against the Okta sandbox, beside
 * the catalog's own {@code okta.list_users}).
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
  static final String OKTA_USERS = """
      name: okta_users
      title: Okta (test actions)
      base_url: "{{config.org_url}}"
      config:
        org_url: {description: your Okta org URL, env: OKTA_ORG_URL}
      auth: {type: api_key, placement: header, header: Authorization, format: "SSWS {{secret}}", secret: okta_api_token}
      """;
  static final String GET_USER = """
      title: Get user
      description: Gets one Okta user by id or login.
      method: GET
      path: /api/v1/users/{{id}}
      inputs:
        id: {type: string, required: true, description: The user's id or login.}
      output:
        map: >-
          {id: id, status: status, login: profile.login, name: join(' ', [profile.firstName || '', profile.lastName || '']),
          email: profile.email, department: profile.department, created: created, lastLogin: lastLogin}
      annotations: {read_only: true, idempotent: true}
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
      Path okta = dir.resolve("okta_users");
      Files.createDirectories(okta.resolve("actions"));
      Files.writeString(okta.resolve("connector.yaml"), OKTA_USERS);
      Files.writeString(okta.resolve("actions/get_user.yaml"), GET_USER);
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
