package dev.switchboard.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The auth config an import chose for a connector (see docs/definitions.md, "Auth configs"). The secret is only
 * named here; its value, when the input held a real one, travels in {@link ImportResult#secrets()}. Each kind
 * writes its own YAML fields, so a new kind cannot be forgotten by the writer.
 */
public sealed interface AuthDraft {
  /** Returns the name of the secret this auth config reads, or empty for none. */
  String secret();

  /** Returns the auth type as the YAML names it ({@code api_key}, {@code bearer}...). */
  String type();

  /**
   * Writes the fields of the {@code auth:} mapping.
   *
   * @param auth the mapping to fill
   */
  void write(ObjectNode auth);

  /** No credentials. */
  record None() implements AuthDraft {
    @Override
    public String secret() {
      return "";
    }

    @Override
    public String type() {
      return "none";
    }

    @Override
    public void write(ObjectNode auth) {
      auth.put("type", "none");
    }
  }

  /**
   * An API key in a header or a query parameter.
   *
   * @param inQuery true for a query parameter, false for a header
   * @param target the header or parameter name
   * @param format how the key is written, with {@code {{secret}}} where it goes (such as {@code SSWS {{secret}}})
   * @param secret the secret's name
   */
  record ApiKey(boolean inQuery, String target, String format, String secret) implements AuthDraft {
    @Override
    public String type() {
      return "api_key";
    }

    @Override
    public void write(ObjectNode auth) {
      auth.put("type", "api_key");
      auth.put("placement", inQuery ? "query" : "header");
      auth.put(inQuery ? "param" : "header", target);
      auth.put("format", format);
      auth.put("secret", secret);
    }
  }

  /**
   * A bearer token ({@code Authorization: Bearer <token>}).
   *
   * @param secret the secret's name
   */
  record Bearer(String secret) implements AuthDraft {
    @Override
    public String type() {
      return "bearer";
    }

    @Override
    public void write(ObjectNode auth) {
      auth.put("type", "bearer");
      auth.put("secret", secret);
    }
  }

  /**
   * HTTP Basic authentication (RFC 7617).
   *
   * @param usernameSetting the name of the setting that holds the user name
   * @param secret the secret's name (the password)
   */
  record Basic(String usernameSetting, String secret) implements AuthDraft {
    @Override
    public String type() {
      return "basic";
    }

    @Override
    public void write(ObjectNode auth) {
      auth.put("type", "basic");
      auth.put("username", "{{config." + usernameSetting + "}}");
      auth.put("secret", secret);
    }
  }
}
