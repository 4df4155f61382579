package dev.switchboard.core.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Input validators are compiled once per distinct schema, and later changes to a schema given do not reach them. */
class SchemaValidatorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void equalSchemasShareOneValidatorThatKeepsItsOwnCopy() throws Exception {
    ObjectNode schema = (ObjectNode) JSON.readTree("{\"type\": \"string\", \"maxLength\": 3}");
    ObjectNode same = schema.deepCopy();

    assertThat(SchemaValidators.of(same)).isSameAs(SchemaValidators.of(schema));
    schema.put("maxLength", 300);
    assertThat(SchemaValidators.of(same).validate(JSON.readTree("\"abcd\""))).isNotEmpty();
    assertThat(SchemaValidators.of(same).validate(JSON.readTree("\"abc\""))).isEmpty();
    assertThat(SchemaValidators.of(schema)).isNotSameAs(SchemaValidators.of(same));
    assertThat(SchemaValidators.of(schema).validate(JSON.readTree("\"abcd\""))).isEmpty();
    assertThat(SchemaValidators.of(JSON.readTree("{\"type\": \"string\", \"format\": \"email\"}"))
        .validate(JSON.readTree("\"not an address\""))).isNotEmpty();
  }

  @Test
  void aSchemaTheMetaSchemaRefusesIsRefusedEveryTime() throws Exception {
    ObjectNode bad = (ObjectNode) JSON.readTree("{\"type\": \"string\", \"minLength\": -1}");
    assertThat(SchemaValidators.metaProblems(bad)).isNotEmpty();
    assertThat(SchemaValidators.metaProblems(bad)).isNotEmpty();
    assertThat(SchemaValidators.metaProblems(JSON.readTree("{\"type\": \"integer\"}"))).isEmpty();
    assertThat(SchemaValidators.metaProblems(JSON.readTree("{\"type\": \"integer\"}"))).isEmpty();
  }
}
