package dev.switchboard.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names an action from its method and path, the way the packs name them: {@code GET /api/v1/users} is
 * {@code list_users}, {@code GET /api/v1/users/{{user_id}}} is {@code get_user}, {@code POST /api/v1/users} is
 * {@code create_user}, {@code DELETE .../users/{{user_id}}} is {@code delete_user},
 * {@code POST .../users/{{user_id}}/lifecycle/activate} is {@code activate_user},
 * {@code GET .../users/{{user_id}}/groups} is {@code list_user_groups} and {@code POST /api/chat.postMessage} is
 * {@code chat_post_message}. Version and prefix segments ({@code api}, {@code v1}, {@code rest}, {@code 2}) are
 * skipped.
 */
final class ActionNaming {
  private static final Set<String> SKIPPED = Set.of("api", "rest", "latest", "services", "public", "restapi");
  private static final Set<String> CURRENT = Set.of("me", "self", "current", "myself");

  private ActionNaming() {}

  /**
   * Names an action.
   *
   * @param method the HTTP method
   * @param segments the path's segments, literal or templated
   * @return a valid name
   */
  static String name(String method, List<PathTemplate.Segment> segments) {
    List<PathTemplate.Segment> kept = new ArrayList<>();
    for (PathTemplate.Segment s : segments) {
      String lit = s.literal().map(l -> UrlParts.decode(l).toLowerCase(Locale.ROOT)).orElse(null);
      if (lit != null && (SKIPPED.contains(lit) || lit.matches("v\\d+([._]\\d+)*[a-z]*\\d*|\\d+"))) {
        continue;
      }
      kept.add(s);
    }
    if (kept.isEmpty()) {
      return Naming.snake(method.toLowerCase(Locale.ROOT) + "_root", "call");
    }
    PathTemplate.Segment last = kept.get(kept.size() - 1);
    int lastParam = -1;
    for (int i = 0; i < kept.size(); i++) {
      if (kept.get(i).input().isPresent()) {
        lastParam = i;
      }
    }
    String verb = switch (method) {
      case "GET" -> "get";
      case "POST" -> "create";
      case "PUT", "PATCH" -> "update";
      case "DELETE" -> "delete";
      default -> "check";
    };
    if (last.input().isPresent()) {
      int literal = literalBefore(kept, kept.size() - 1);
      String resource = literal >= 0 ? word(kept.get(literal)) : last.input().get().replaceFirst("_id$", "");
      String parent = "";
      if (literal > 0 && kept.get(literal - 1).input().isPresent()) {
        int parentLiteral = literalBefore(kept, literal - 1);
        parent = parentLiteral >= 0 ? Naming.singular(word(kept.get(parentLiteral))) + "_" : "";
      }
      String v = method.equals("POST") ? "update" : verb;
      return Naming.snake(v + "_" + parent + Naming.singular(resource), "call");
    }
    String lastText = word(last);
    String lastRaw = last.literal().map(UrlParts::decode).orElse("");
    if (lastRaw.contains(".")) {
      return Naming.snake(lastRaw, "call");
    }
    if (lastParam >= 0) {
      String resource = Naming.singular(resourceBefore(kept, lastParam));
      List<String> tail = new ArrayList<>();
      for (int i = lastParam + 1; i < kept.size(); i++) {
        tail.add(word(kept.get(i)));
      }
      String tailName = tail.get(tail.size() - 1);
      boolean collection = plural(tailName);
      if (method.equals("GET")) {
        return Naming.snake((collection ? "list_" : "get_") + resource + "_" + String.join("_", tail), "call");
      }
      if (tail.size() == 1) {
        String action = switch (method) {
          case "POST" -> "create";
          case "DELETE" -> "delete";
          default -> "update";
        };
        return Naming.snake(action + "_" + resource + "_" + (method.equals("POST") ? Naming.singular(tailName) : tailName), "call");
      }
      return Naming.snake(tailName + "_" + resource, "call");
    }
    if (CURRENT.contains(lastText) && kept.size() > 1) {
      return Naming.snake(verb + "_current_" + Naming.singular(word(kept.get(kept.size() - 2))), "call");
    }
    if (lastText.equals("search") && kept.size() > 1) {
      return Naming.snake("search_" + word(kept.get(kept.size() - 2)), "call");
    }
    if (word(kept.get(0)).equals("search") && kept.size() > 1) {
      return Naming.snake("search_" + lastText, "call");
    }
    if (plural(lastText)) {
      return Naming.snake(switch (method) {
        case "GET" -> "list_" + lastText;
        case "POST" -> "create_" + Naming.singular(lastText);
        case "DELETE" -> "delete_" + lastText;
        default -> "update_" + lastText;
      }, "call");
    }
    return Naming.snake(verb + "_" + lastText, "call");
  }

  private static int literalBefore(List<PathTemplate.Segment> kept, int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (kept.get(i).literal().isPresent()) {
        return i;
      }
    }
    return -1;
  }

  private static String resourceBefore(List<PathTemplate.Segment> kept, int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (kept.get(i).literal().isPresent()) {
        return word(kept.get(i));
      }
    }
    return kept.get(index).input().orElse("item").replaceFirst("_id$", "");
  }

  private static String word(PathTemplate.Segment s) {
    return s.literal().map(UrlParts::decode).map(w -> Naming.snake(w, "item")).orElseGet(() -> s.input().orElseThrow());
  }

  private static boolean plural(String word) {
    return word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is");
  }
}
