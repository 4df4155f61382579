package dev.switchboard.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auth config form's values turned into the {@code auth:} block of {@code connector.yaml}, and that block put in
 * place of the old one (the rest of the file, comments included, is kept as written). The guide's value format
 * {@code SSWS {api_token}} is understood: a single {@code {name}} placeholder becomes {@code {{secret}}} and, when
 * no secret name is given, names the secret.
 */
final class AuthEdit {
  /** The form's extra type: OAuth 2.0 client credentials with a private_key_jwt client assertion. */
  static final String PRIVATE_KEY_JWT = "oauth2_private_key_jwt";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  private AuthEdit() {}

  /**
   * Builds an auth config from the form.
   *
   * @param type the form's type (an auth type, or {@value #PRIVATE_KEY_JWT})
   * @param values the form's fields by name
   * @return the auth config
   */
  static ObjectNode auth(String type, Map<String, String> values) {
    boolean jwt = type.equals(PRIVATE_KEY_JWT);
    String schemaType = jwt ? "oauth2_client_credentials" : type;
    ObjectNode auth = YAML.createObjectNode().put("type", schemaType);
    SchemaForm.Kind kind = SchemaForm.authKind(schemaType).orElseThrow(() -> new IllegalArgumentException("unknown auth type " + type));
    for (SchemaForm.Field f : kind.fields()) {
      String v = values.getOrDefault(f.name(), "").strip();
      if (jwt && f.name().equals("client_auth")) {
        v = "private_key_jwt";
      }
      if (v.isEmpty()) {
        continue;
      }
      if (f.name().equals("scopes")) {
        ArrayNode scopes = auth.putArray("scopes");
        for (String s : v.split("[\\s,]+")) {
          scopes.add(s);
        }
      } else {
        auth.put(f.name(), v);
      }
    }
    if (auth.has("format")) {
      String format = auth.path("format").asText();
      Matcher m = PLACEHOLDER.matcher(format.replace("{{secret}}", ""));
      if (!format.contains("{{") && m.find()) {
        if (!auth.hasNonNull("secret")) {
          auth.put("secret", m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        auth.put("format", format.replace(m.group(0), "{{secret}}"));
      }
    }
    return auth;
  }

  /** {@return the form type of an auth config: its type, or {@value #PRIVATE_KEY_JWT}} */
  static String formType(JsonNode auth) {
    String type = auth.path("type").asText("api_key");
    return type.equals("oauth2_client_credentials") && auth.path("client_auth").asText().equals("private_key_jwt") ? PRIVATE_KEY_JWT : type;
  }

  /** {@return the auth config of a connector's YAML, or an empty object when it cannot be read} */
  static ObjectNode current(String connectorYaml) {
    try {
      JsonNode root = YAML.readTree(connectorYaml);
      return root != null && root.path("auth").isObject() ? (ObjectNode) root.path("auth") : YAML.createObjectNode();
    } catch (IOException e) {
      return YAML.createObjectNode();
    }
  }

  /** {@return the secret an auth config names, when it names one} */
  static Optional<String> secret(JsonNode auth) {
    return Optional.of(auth.path("secret").asText("")).filter(s -> !s.isEmpty());
  }

  /**
   * Puts an auth config in place of a connector's {@code auth:} block.
   *
   * @param connectorYaml the text of {@code connector.yaml}
   * @param auth the new auth config
   * @return the new text
   */
  static String replace(String connectorYaml, ObjectNode auth) {
    String block = block("auth", auth);
    List<String> lines = connectorYaml.lines().toList();
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!replaced && line.matches("auth:.*")) {
        out.append(block);
        replaced = true;
        while (i + 1 < lines.size() && (lines.get(i + 1).startsWith(" ") || lines.get(i + 1).isBlank() && i + 2 < lines.size()
            && lines.get(i + 2).startsWith(" "))) {
          i++;
        }
        continue;
      }
      out.append(line).append('\n');
    }
    if (!replaced) {
      out.append(block);
    }
    return out.toString();
  }

  /** {@return a YAML document as text} */
  static String text(JsonNode root) {
    try {
      return YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return one top-level YAML field as text, such as {@code auth:} and its indented block} */
  static String block(String name, JsonNode value) {
    try {
      return YAML.writeValueAsString(YAML.createObjectNode().set(name, value));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
