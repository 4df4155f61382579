package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A definition whose JMESPath builds without bound fails as a definition error of its action, never as a crash. */
class HostileExpressionTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String AUTH = "{type: api_key, header: Authorization, format: \"SSWS {{secret}}\", secret: testorg_api_token}";

  @TempDir
  Path dir;

  private Engine engine(String action, String url) {
    return Fixtures.engine(Fixtures.catalog(dir, Fixtures.connector(AUTH, ""), Map.of("get_user", action)), url,
        Map.of("testorg_api_token", Fixtures.TOKEN));
  }

  @Test
  void anOutputMapThatDoublesAtEachStepIsADefinitionErrorOfItsAction() throws Exception {
    String map = String.join(" | ", Collections.nCopies(40, "{a:@,b:@}"));
    String action = """
        description: Gets a user.
        method: GET
        path: /api/v1/users/{{id}}
        inputs:
          id: {type: string, required: true}
        output: {map: "%s"}
        """.formatted(map);
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "{\"id\":\"00u1\"}"))) {
      assertThatThrownBy(() -> engine(action, server.url()).call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.BAD_DEFINITION);
            assertThat(e.getMessage()).contains("testorg.get_user").contains("output.map").contains("builds more than");
          });
    }
  }

  @Test
  void aFunctionGivenTheWrongTypeInAnOutputMapIsADefinitionErrorNotAnInternalOne() throws Exception {
    String action = """
        description: Gets a user.
        method: GET
        path: /api/v1/users/{{id}}
        inputs:
          id: {type: string, required: true}
        output: {map: "lower(n)"}
        """;
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "{\"n\":5}"))) {
      assertThatThrownBy(() -> engine(action, server.url()).call("testorg.get_user", Map.of("id", F.textNode("1"))))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.BAD_DEFINITION);
            assertThat(e.getMessage()).contains("output.map 'lower(n)' failed");
          });
    }
  }
}
