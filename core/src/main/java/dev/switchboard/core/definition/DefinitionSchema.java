package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas (draft 2020-12) of the definition format, shipped in the jar under
 * {@value #RESOURCE_DIR} ({@code connector.schema.json}, {@code action.schema.json}; copies in docs/schema/), and
 * the first check of every definition file: its YAML tree is validated against its schema and each failure becomes
 * a {@link Problem} with the file's line and the field's path, in words a person understands.
 */
final class DefinitionSchema {
  /** The class-path directory of the schemas. */
  static final String RESOURCE_DIR = "switchboard/schema/";

  /** Which file a schema describes. */
  enum Kind {
    /** {@code connector.yaml}. */
    CONNECTOR("connector.schema.json"),
    /** {@code actions/NAME.yaml}. */
    ACTION("action.schema.json");

    final String file;

    Kind(String file) {
      this.file = file;
    }
  }

  private static final DefinitionSchema INSTANCE = new DefinitionSchema();

  private final Map<Kind, JsonSchema> schemas;
  private final Map<String, JsonNode> documents;
  private final SchemaMessages messages;

  private DefinitionSchema() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    schemas = Map.of(
        Kind.CONNECTOR, factory.getSchema(SchemaLocation.of("classpath:" + RESOURCE_DIR + Kind.CONNECTOR.file), config),
        Kind.ACTION, factory.getSchema(SchemaLocation.of("classpath:" + RESOURCE_DIR + Kind.ACTION.file), config));
    documents = Map.of(Kind.CONNECTOR.file, read(Kind.CONNECTOR.file), Kind.ACTION.file, read(Kind.ACTION.file));
    messages = new SchemaMessages(this);
  }

  /** Returns the schemas, loaded once. */
  static DefinitionSchema get() {
    return INSTANCE;
  }

  /**
   * Validates a definition file against its schema.
   *
   * @param yaml the parsed file
   * @param kind which schema applies
   * @return one problem per failure, with the file's line and the field's dotted path; empty when valid
   */
  List<Problem> validate(YamlFile yaml, Kind kind) {
    Set<ValidationMessage> failures = schemas.get(kind).validate(yaml.root);
    return failures.isEmpty() ? List.of() : messages.problems(yaml, failures);
  }

  /**
   * Returns the schema node at a location, following nothing: the document named by the location's IRI (its last
   * path segment, such as {@code action.schema.json}), then the fragment's elements.
   *
   * @return the node, or a missing node
   */
  JsonNode node(SchemaLocation location) {
    String iri = String.valueOf(location.getAbsoluteIri());
    JsonNode node = documents.getOrDefault(iri.substring(iri.lastIndexOf('/') + 1), MissingNode.getInstance());
    JsonNodePath fragment = location.getFragment();
    for (int i = 0; fragment != null && i < fragment.getNameCount(); i++) {
      Object element = fragment.getElement(i);
      node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
    }
    return node;
  }

  /**
   * Resolves a {@code $ref} found in the document {@code base} (such as {@code #/$defs/name} or
   * {@code connector.schema.json#/$defs/input}).
   *
   * @return the node referred to, or a missing node
   */
  JsonNode resolve(String base, String ref) {
    int hash = ref.indexOf('#');
    String file = hash <= 0 ? base : ref.substring(0, hash);
    JsonNode node = documents.getOrDefault(file.substring(file.lastIndexOf('/') + 1), MissingNode.getInstance());
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    return pointer.isEmpty() ? node : node.at(pointer);
  }

  private static JsonNode read(String file) {
    try (InputStream in = DefinitionSchema.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("the definition schema " + RESOURCE_DIR + file + " is missing from the class path");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
