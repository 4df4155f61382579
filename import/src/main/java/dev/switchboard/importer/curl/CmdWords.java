package dev.switchboard.importer.curl;

import dev.switchboard.importer.ImportException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word splitting for a command pasted into Windows cmd.exe, as browsers write it for "Copy as cURL (cmd)"
 * (Chrome) and "Copy as cURL (Windows)" (Firefox). Two programs read the line in turn, and both are emulated:
 *
 * <ol>
 *   <li>cmd.exe: {@code "} toggles quoting (and stays in the text); outside quotes {@code ^} makes the next
 *       character literal, {@code ^} at the end of a line joins the next line and makes its first character
 *       literal (so {@code ^}, newline, newline is a literal newline), and {@code & | < >} end or redirect the
 *       command; inside quotes every character is literal. A {@code ^"} is therefore a quote cmd.exe does not
 *       see but the program does. {@code %NAME%} is a variable, kept as written.
 *   <li>the Microsoft C runtime of curl.exe splits what cmd.exe passes into arguments: blanks separate outside
 *       quotes, {@code "} toggles quoting, {@code ""} inside quotes is a literal quote, 2n backslashes before a
 *       quote are n backslashes (and the quote toggles), 2n+1 are n and a literal quote, and other backslashes
 *       are literal.
 * </ol>
 *
 * <p>Sources: "How Command Line Parameters Are Parsed" (D. Deley) and Microsoft's "Parsing C command-line
 * arguments" for the runtime; SS64's "Escape characters" and the cmd.exe parsing rules collected by D. Benham
 * for cmd.exe; the escaping that Chrome DevTools and Firefox apply (their {@code escapeStringWin}).
 */
final class CmdWords {
  private static final Pattern VARIABLE = Pattern.compile("%([A-Za-z_][A-Za-z0-9_]*)%");
  private final String s;

  CmdWords(String text) {
    this.s = text.replace("\r\n", "\n");
  }

  List<Command> commands() {
    List<Command> commands = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    List<String> redirections = new ArrayList<>();
    boolean quoted = false;
    int lineStart = 0;
    int quoteStart = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        quoteStart = i;
        line.append(c);
        i++;
      } else if (quoted) {
        if (c == '\n') {
          throw new ImportException("unbalanced quotes: the double quote (\") opened at " + ShellWords.position(s, quoteStart)
              + " (" + ShellWords.excerpt(s, quoteStart) + ") is not closed on its line, and cmd.exe ends the command at"
              + " the line break; continue lines with ^ outside quotes");
        }
        line.append(c);
        i++;
      } else if (c == '^') {
        if (i + 1 >= s.length()) {
          i++;
        } else if (s.charAt(i + 1) == '\n') {
          i += 2; // continuation: the next character is taken literally
          if (i < s.length()) {
            line.append(s.charAt(i));
            i++;
          }
        } else {
          line.append(s.charAt(i + 1));
          i += 2;
        }
      } else if (c == '&' || c == '|' || c == '\n') {
        String op = c == '\n' ? "\n" : i + 1 < s.length() && s.charAt(i + 1) == c ? "" + c + c : String.valueOf(c);
        i += op.length();
        add(commands, line.toString(), op, redirections, lineStart);
        line.setLength(0);
        redirections = new ArrayList<>();
        lineStart = i;
      } else if (c == '<' || c == '>') {
        int j = i + 1;
        while (j < s.length() && (s.charAt(j) == '>' || s.charAt(j) == '&')) {
          j++;
        }
        while (j < s.length() && s.charAt(j) == ' ') {
          j++;
        }
        int end = j;
        while (end < s.length() && " \n&|<>".indexOf(s.charAt(end)) < 0) {
          end++;
        }
        redirections.add(s.substring(i, end).replace(" ", ""));
        i = end;
      } else {
        line.append(c);
        i++;
      }
    }
    add(commands, line.toString(), "", redirections, lineStart);
    return commands;
  }

  private void add(List<Command> commands, String line, String op, List<String> redirections, int offset) {
    List<Word> words = argv(line, ShellWords.lineOf(s, offset));
    if (!words.isEmpty() || !redirections.isEmpty()) {
      commands.add(new Command(words, op, List.copyOf(redirections)));
    }
  }

  /**
   * Splits one command line into arguments by the C runtime's rules.
   *
   * @throws ImportException when a quote is left open at the end of the line
   */
  static List<Word> argv(String line, int lineNumber) {
    List<Word> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      StringBuilder word = new StringBuilder();
      boolean inQuotes = false;
      while (i < n) {
        char c = line.charAt(i);
        if (c == '\\') {
          int k = 0;
          while (i < n && line.charAt(i) == '\\') {
            k++;
            i++;
          }
          if (i < n && line.charAt(i) == '"') {
            word.append("\\".repeat(k / 2));
            if (k % 2 == 1) {
              word.append('"');
              i++;
            }
          } else {
            word.append("\\".repeat(k));
          }
        } else if (c == '"') {
          if (inQuotes && i + 1 < n && line.charAt(i + 1) == '"') {
            word.append('"');
            i += 2;
          } else {
            inQuotes = !inQuotes;
            i++;
          }
        } else if ((c == ' ' || c == '\t') && !inQuotes) {
          break;
        } else {
          word.append(c);
          i++;
        }
      }
      if (inQuotes) {
        int open = line.lastIndexOf('"');
        throw new ImportException("unbalanced quotes: a double quote (\") is left open on line " + lineNumber + " near '"
            + ShellWords.excerpt(line, Math.max(0, open - 20)) + "'; check that the whole command was pasted");
      }
      String text = word.toString();
      Set<String> variables = new LinkedHashSet<>();
      Matcher m = VARIABLE.matcher(text);
      while (m.find()) {
        variables.add(m.group(1));
      }
      out.add(new Word(text, Set.copyOf(variables), lineNumber));
    }
    return out;
  }
}
