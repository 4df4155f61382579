package dev.switchboard.mcp.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.mcp.confirm.Confirmation;
import dev.switchboard.mcp.json.McpJson;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A tool's description is what a model reads to call it: it must not talk about inputs the tool does not take.
 * The Okta pack's listings once said "pass it as `after`" where the tool takes {@code next_cursor} instead.
 */
class ToolDescriptionsTest {
  /** A name in backticks, as descriptions quote inputs: {@code `q`}. */
  private static final Pattern QUOTED = Pattern.compile("`([a-z][a-z0-9_]*)`");

  @Test
  void noBuiltInToolDescriptionNamesAnInputTheToolDoesNotTake() {
    ToolCatalog tools = ToolCatalog.of(Catalog.builtIn(), ToolSelection.ALL, OutputBudget.DEFAULT, Confirmation.ASK);
    List<String> problems = new ArrayList<>();
    for (ActionTool tool : tools.tools()) {
      String description = tool.descriptor().description();
      JsonNode properties = McpJson.objectMapper().valueToTree(tool.descriptor().inputSchema()).path("properties");
      Matcher quoted = QUOTED.matcher(description);
      while (quoted.find()) {
        if (!properties.has(quoted.group(1))) {
          problems.add(tool.name() + " quotes `" + quoted.group(1) + "`, which it does not take");
        }
      }
      tool.hiddenCursorInput().ifPresent(cursor -> {
        if (Pattern.compile("(?i)\\b(as|pass|input|give)\\s+`?" + cursor + "`?\\b").matcher(description).find()) {
          problems.add(tool.name() + " tells the model to pass '" + cursor + "', which the tool replaces with next_cursor");
        }
      });
    }
    assertThat(problems).isEmpty();
  }
}
