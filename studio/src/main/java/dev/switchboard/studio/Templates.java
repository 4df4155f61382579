package dev.switchboard.studio;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The studio's JTE templates ({@code src/main/jte}), compiled to Java at build time by jte-maven-plugin into
 * {@value #PACKAGE}: nothing is compiled at run time. Output is HTML-escaped by context (text, attributes).
 */
final class Templates {
  /** The package the templates are compiled into. */
  static final String PACKAGE = "dev.switchboard.studio.templates";
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

  /**
   * Renders a template as the answer.
   *
   * @param ctx the request
   * @param template its file, such as {@code connectors.jte}
   * @param params its parameters, as name, value, name, value...
   */
  void render(Context ctx, String template, Object... params) {
    ctx.contentType("text/html; charset=utf-8").result(text(template, params));
  }

  /** {@return a template rendered as text} */
  String text(String template, Object... params) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      map.put((String) params[i], params[i + 1]);
    }
    StringOutput out = new StringOutput();
    engine.render(template, map, out);
    return out.toString();
  }
}
