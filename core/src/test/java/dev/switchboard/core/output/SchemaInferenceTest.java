package dev.switchboard.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void inferredSchemaDescribesAListOfOktaUsers() throws Exception {
    JsonNode sample = JSON.readTree("""
        [{"id":"00u1","status":"ACTIVE","created":"2024-03-01T10:15:30.000Z","lastLogin":null,
          "profile":{"login":"a@example.com","department":"Sales"},"score":3},
         {"id":"00u2","status":"STAGED","created":"2024-03-02T10:15:30.000Z","lastLogin":"2024-04-01T00:00:00.000Z",
          "profile":{"login":"b@example.com"},"score":2.5}]
        """);
    JsonNode schema = SchemaInference.infer(sample);
    assertThat(schema.get("type").asText()).isEqualTo("array");
    JsonNode item = schema.get("items");
    assertThat(item.get("required").toString()).isEqualTo("[\"id\",\"status\",\"created\",\"lastLogin\",\"profile\",\"score\"]");
    assertThat(item.at("/properties/created/format").asText()).isEqualTo("date-time");
    assertThat(item.at("/properties/lastLogin/type").toString()).isEqualTo("[\"null\",\"string\"]");
    assertThat(item.at("/properties/score/type").asText()).isEqualTo("number");
    assertThat(item.at("/properties/profile/required").toString()).isEqualTo("[\"login\"]");
    assertThat(item.at("/properties/id/format").isMissingNode()).isTrue();
  }

  @Test
  void theSampleValidatesAgainstItsInferredSchema() throws Exception {
    JsonNode sample = JSON.readTree("{\"a\":[1,\"x\",null],\"b\":{\"c\":true},\"d\":[]}");
    JsonNode schema = SchemaInference.infer(sample);
    assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(sample)).isEmpty();
  }
}
