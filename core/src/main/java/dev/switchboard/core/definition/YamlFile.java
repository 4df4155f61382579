package dev.switchboard.core.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML file read into a JSON tree that remembers the line of every field, so that a definition
 * error can name its file, line and field.
 */
final class YamlFile {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final String file;
  final JsonNode root;
  private final Map<String, Integer> lines;

  private YamlFile(String file, JsonNode root, Map<String, Integer> lines) {
    this.file = file;
    this.root = root;
    this.lines = lines;
  }

  /**
   * Parses a source's YAML text, refusing text over {@link DefinitionLoader#MAX_FILE_BYTES} bytes in UTF-8.
   *
   * @param source the text and the name used in problems
   * @param problems where a problem is added
   * @return the parsed file, or null after adding a problem
   */
  static YamlFile parse(SourceText source, List<Problem> problems) {
    long bytes = utf8Length(source.text());
    if (bytes > DefinitionLoader.MAX_FILE_BYTES) {
      problems.add(new Problem(source.name(), 0, "", DefinitionFiles.tooLarge(bytes)));
      return null;
    }
    return parse(source.name(), source.text(), problems);
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * Parses YAML text.
   *
   * @param file the name used in problems
   * @param text the YAML text
   * @param problems where a syntax error is added
   * @return the parsed file, or null after adding a problem
   */
  static YamlFile parse(String file, String text, List<Problem> problems) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.createParser(text)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(new Problem(file, 0, "", "the file is empty; expected a YAML mapping"));
        return null;
      }
      JsonNode root = read(parser, "", lines);
      if (parser.nextToken() != null) {
        problems.add(new Problem(file, parser.currentTokenLocation().getLineNr(), "",
            "a definition file holds one YAML document; remove the second one (after '---')"));
        return null;
      }
      return new YamlFile(file, root, lines);
    } catch (AliasException e) {
      problems.add(new Problem(file, e.line, "", "YAML aliases (*name) are not supported in definitions; write the value out"));
      return null;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : at.getLineNr();
      String message = e.getOriginalMessage().replaceAll("\\s+", " ").replace("in 'reader', line", "at line").strip();
      if (message.startsWith("Duplicate field")) {
        message = message + "; each field may appear once";
      }
      problems.add(new Problem(file, Math.max(line, 0), "", "invalid YAML: " + message));
      return null;
    } catch (IOException e) {
      problems.add(new Problem(file, 0, "", "cannot read: " + e.getMessage()));
      return null;
    }
  }

  /** Returns the line of a dotted field path, or the nearest enclosing field's line, or 0. */
  int line(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return lines.getOrDefault("", 0);
      }
      p = p.substring(0, cut);
    }
  }

  private static JsonNode read(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
    JsonToken token = parser.currentToken();
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      throw new AliasException(parser.currentTokenLocation().getLineNr());
    }
    lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          String child = path.isEmpty() ? name : path + "." + name;
          lines.put(child, parser.currentTokenLocation().getLineNr());
          parser.nextToken();
          object.set(name, read(parser, child, lines));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser, path + "[" + i++ + "]", lines));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? NODES.numberNode(parser.getBigIntegerValue())
            : NODES.numberNode(parser.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(parser.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new JsonProcessingException("unsupported YAML value (" + token + "); use strings, numbers, booleans,"
          + " lists and mappings", parser.currentTokenLocation()) { };
    }
  }

  /** A YAML alias, refused so that what a definition says is what it does. */
  private static final class AliasException extends IOException {
    private static final long serialVersionUID = 1L;
    final int line;

    AliasException(int line) {
      super("alias at line " + line);
      this.line = line;
    }
  }
}
