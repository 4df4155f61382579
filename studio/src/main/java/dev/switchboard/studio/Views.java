package dev.switchboard.studio;

import dev.switchboard.workspace.Credential;
import dev.switchboard.workspace.Run;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the studio's templates show, as records: no template reads the workspace itself. */
public final class Views {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Views() {}

  /** {@return a time as people read it, in UTC} */
  public static String when(Instant at) {
    return WHEN.format(at);
  }

  /**
   * A connector in the list.
   *
   * @param name its name
   * @param title its title, or its name
   * @param auth its auth config's kind, in words
   * @param actions how many actions it has
   * @param loads whether it loads (a connector that does not is not served)
   * @param lastRun its newest run
   * @param savedBy who saved connector.yaml last
   * @param savedAt when
   */
  public record ConnectorRow(String name, String title, String auth, int actions, boolean loads, Optional<Run> lastRun, String savedBy,
      Instant savedAt) {}

  /**
   * The connector list.
   *
   * @param rows this page's connectors
   * @param q the filter
   * @param page this page, from 1
   * @param pages how many pages
   * @param total how many connectors match
   */
  public record ConnectorList(List<ConnectorRow> rows, String q, int page, int pages, int total) {}

  /**
   * An action in a connector's list.
   *
   * @param name its name
   * @param title its title
   * @param method its HTTP method
   * @param path its path
   * @param version its saved version
   * @param savedBy who saved it
   * @param savedAt when
   */
  public record ActionRow(String name, String title, String method, String path, int version, String savedBy, Instant savedAt) {}

  /**
   * A setting in the settings form.
   *
   * @param name its name
   * @param description what it is
   * @param example an example value
   * @param value its saved value
   */
  public record SettingRow(String name, String description, String example, String value) {}

  /**
   * The settings section of a connector.
   *
   * @param connector the connector
   * @param version the version of settings.yaml
   * @param rows each declared setting
   * @param notice what the last save did
   */
  public record SettingsSection(String connector, int version, List<SettingRow> rows, Optional<Notice> notice) {}

  /**
   * The auth config section of a connector.
   *
   * @param connector the connector
   * @param version the version of connector.yaml the form edits
   * @param type the form's auth type
   * @param kinds the auth kinds to choose from (type, title)
   * @param kind the chosen kind's fields
   * @param values the fields' values as saved
   * @param secretName the credential the auth config names, or empty
   * @param credential the credential as stored (never its value), when set
   * @param notice what the last save did
   */
  public record AuthSection(String connector, int version, String type, Map<String, String> kinds, SchemaForm.Kind kind,
      Map<String, String> values, String secretName, Optional<Credential> credential, Optional<Notice> notice) {}

  /**
   * A connector's page.
   *
   * @param name the connector
   * @param title its title
   * @param description its description
   * @param baseUrl its base URL template
   * @param resolvedBaseUrl the template with the connector's settings in place (an unset one named as such)
   * @param loads whether it loads
   * @param sandbox whether it runs against the embedded sandbox now
   * @param actions its actions
   * @param settings its settings section
   * @param auth its auth section
   * @param testAction the action Test connection runs, when it has one
   */
  public record ConnectorPage(String name, String title, String description, String baseUrl, String resolvedBaseUrl, boolean loads,
      boolean sandbox,
      List<ActionRow> actions, SettingsSection settings, AuthSection auth, Optional<String> testAction) {}

  /**
   * A test's result as shown.
   *
   * @param ok whether the call succeeded
   * @param status the upstream status, 0 when none arrived
   * @param durationMs how long the call took
   * @param headers the response headers
   * @param body the pretty-printed body
   * @param output the pretty-printed output
   * @param errorCategory the error's category
   * @param errorCode the upstream error code (such as E0000011)
   * @param errorSummary the upstream error summary
   * @param message the error's message
   * @param runId the run recorded
   * @param action what ran
   */
  public record TestView(boolean ok, int status, long durationMs, Map<String, String> headers, String body, String output,
      String errorCategory, String errorCode, String errorSummary, String message, String runId, String action) {}
}
