package dev.switchboard.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An expression may build only so much: one that doubles its value at each step (a multi-select of {@code @} twice,
 * a flatten of two copies, a join of a string with itself) is refused as an expression that builds too much, instead of
 * taking the JVM's memory or handing the rest of the engine a value of 2^40 nodes to write out. Measured in nodes and
 * characters built, never in time.
 */
class JmespathLimitTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static String piped(String step, int times) {
    return String.join(" | ", Collections.nCopies(times, step));
  }

  @Test
  void anObjectOfItselfNestedFortyDeepIsRefused() {
    assertThatThrownBy(() -> Jmespath.search(piped("{a:@,b:@}", 40), F.textNode("x")))
        .isInstanceOf(JmespathLimitException.class)
        .hasMessageContaining("builds more than");
  }

  @Test
  void anArrayFlattenedWithItselfIsRefusedBeforeItTakesTheMemory() {
    assertThatThrownBy(() -> Jmespath.search(piped("[@,@][]", 40), F.arrayNode().add(1)))
        .isInstanceOf(JmespathLimitException.class);
  }

  @Test
  void aStringJoinedWithItselfIsRefusedBeforeItTakesTheMemory() {
    assertThatThrownBy(() -> Jmespath.search(piped("join('', [@, @])", 26), F.textNode("ab")))
        .isInstanceOf(JmespathLimitException.class);
  }

  @Test
  void anInputsLongKeyCountsInEveryCopyOfItsObject() {
    // 256 copies of a one-million-character key write 256 MB out; the copies' nodes alone are only a few hundred
    JsonNode input = F.objectNode().put("k".repeat(1_000_000), 1);
    assertThatThrownBy(() -> Jmespath.search(piped("{a:@,b:@}", 8), input))
        .isInstanceOf(JmespathLimitException.class)
        .hasMessageContaining("builds more than");
  }

  @Test
  void anEvaluationAfterARefusedOneStartsWithAFreshBudget() {
    assertThatThrownBy(() -> Jmespath.search(piped("{a:@,b:@}", 40), F.textNode("x")))
        .isInstanceOf(JmespathLimitException.class);
    assertThat(Jmespath.search(piped("{a:@,b:@}", 10), F.textNode("x")).get("a").isObject()).isTrue();
  }

  @Test
  void writingOutASharedTreeIsRefusedToo() {
    assertThatThrownBy(() -> Jmespath.search(piped("{a:@,b:@}", 30) + " | to_string(@)", F.textNode("x")))
        .isInstanceOf(JmespathLimitException.class);
  }

  @Test
  void aLargeButOrdinaryProjectionIsAllowed() {
    ArrayNode records = F.arrayNode();
    for (int i = 0; i < 100_000; i++) {
      records.addObject().put("id", "00u" + i).putObject("profile").put("login", "user" + i + "@example.com");
    }
    JsonNode out = Jmespath.search("[].{id: id, login: profile.login, all: @}", records);
    assertThat(out.size()).isEqualTo(100_000);
    assertThat(Jmespath.search("{everything: @, again: @}", records).get("again").size()).isEqualTo(100_000);
  }

  @Test
  void theOutputMapperReportsTheLimitForItsAction() {
    OutputMapper mapper = OutputMapper.of("testorg.get_user", Optional.empty(), Optional.of(piped("{a:@,b:@}", 40)));
    assertThatThrownBy(() -> mapper.apply(F.objectNode().put("id", "1")))
        .isInstanceOf(dev.switchboard.core.error.ActionError.class)
        .hasMessageContaining("testorg.get_user")
        .hasMessageContaining("output.map")
        .satisfies(e -> assertThat(((dev.switchboard.core.error.ActionError) e).category())
            .isEqualTo(dev.switchboard.core.error.ErrorCategory.BAD_DEFINITION));
  }
}
