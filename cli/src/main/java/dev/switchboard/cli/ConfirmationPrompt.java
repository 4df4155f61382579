package dev.switchboard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.mcp.confirm.RequestPreview;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Asks before a destructive action runs (an action annotated {@code destructive}, as MCP's confirmation uses):
 * on a terminal, a prompt on stderr that shows what would be sent and waits for {@code y} on stdin; without a
 * terminal, a refusal that says to add {@code --yes} (or {@code --dry-run} to look first). {@code --yes} skips
 * both. The preview is the one MCP shows ({@link RequestPreview}: the request line as rendered from the inputs, or
 * a compound action's steps, with the inputs; no credentials, no base URL).
 */
final class ConfirmationPrompt {
  private ConfirmationPrompt() {}

  /**
   * Decides whether a destructive action may run.
   *
   * @param plan the action, annotated destructive
   * @param bound its inputs with defaults
   * @param interactive whether a person can be asked (stdin and stderr are a terminal)
   * @param stdin where the answer is read
   * @param err where the prompt goes
   * @param scrub the redactor's scrub function (nothing is registered yet, but inputs pass through it as in MCP)
   * @return true when the person answered yes; false when they answered anything else
   * @throws Main.UsageException when there is no terminal to ask on: the message says to add --yes
   */
  static boolean confirmed(ActionPlan plan, ObjectNode bound, boolean interactive, InputStream stdin, PrintWriter err,
      UnaryOperator<String> scrub) {
    RequestPreview preview = RequestPreview.of(plan, bound, scrub);
    String what = (preview.method().isPresent() ? "send " : "run ") + Main.printable(preview.requestLine()) + " on "
        + preview.connector();
    if (!interactive) {
      String brief = preview.method().isPresent() ? what : "run the steps of " + plan.id() + " on " + preview.connector();
      throw new Main.UsageException(plan.id() + " is destructive (it would " + brief + ") and there is no terminal to ask"
          + " on: add --yes to run it, or --dry-run to see the request without sending it");
    }
    err.println(plan.id() + " is destructive: it would " + what + " with inputs " + Main.printable(preview.inputs().toString()) + ".");
    err.print("Run it? [y/N] ");
    err.flush();
    String answer;
    try {
      answer = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      answer = null;
    }
    String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }
}
