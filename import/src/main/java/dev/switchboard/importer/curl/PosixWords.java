package dev.switchboard.importer.curl;

import dev.switchboard.importer.ImportException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Word splitting as a POSIX shell (and bash) does it, for commands pasted from API documentation and from
 * browsers' "Copy as cURL (bash)": blanks separate words; a backslash escapes the next character and a backslash
 * before a newline joins the lines; {@code '...'} is literal; in {@code "..."} a backslash escapes only
 * {@code $ ` " \} and newline; bash's {@code $'...'} takes C escapes ({@code \n}, {@code \x41}, {@code \u00e9},
 * octal, {@code \cx}); {@code #} at the start of a word begins a comment; {@code ; & | && ||} and newlines end a
 * command; redirections ({@code > file}, {@code 2>/dev/null}) are dropped. Parameter expansions and command
 * substitutions are kept as written and named in the word's variables (see {@link Word}).
 *
 * <p>Source of the rules: POSIX.1-2017, Shell Command Language, section 2.2 (Quoting) and 2.3 (Token
 * Recognition); bash manual, section 3.1.2.4 (ANSI-C Quoting).
 */
final class PosixWords {
  private final String s;
  private int i;
  private final List<Command> commands = new ArrayList<>();
  private List<Word> words = new ArrayList<>();
  private List<String> redirections = new ArrayList<>();
  private final StringBuilder cur = new StringBuilder();
  private Set<String> vars = new LinkedHashSet<>();
  private boolean inWord;
  private int wordStart;
  private boolean redirectTarget;
  private String redirectOp = "";

  PosixWords(String text) {
    this.s = text.replace("\r\n", "\n");
  }

  List<Command> commands() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          i++; // a trailing backslash (a continuation with nothing after it) is dropped
        } else if (s.charAt(i + 1) == '\n') {
          i += 2;
        } else {
          start();
          cur.append(s.charAt(i + 1));
          i += 2;
        }
      } else if (c == '\'') {
        start();
        int close = s.indexOf('\'', i + 1);
        if (close < 0) {
          throw unbalanced('\'', i);
        }
        cur.append(s, i + 1, close);
        i = close + 1;
      } else if (c == '"') {
        start();
        doubleQuoted();
      } else if (c == '$') {
        start();
        dollar(false);
      } else if (c == '`') {
        start();
        backtick();
      } else if (c == ' ' || c == '\t') {
        endWord();
        i++;
      } else if (c == '\n') {
        endWord();
        endCommand("\n");
        i++;
      } else if (c == '#' && !inWord) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '|' || c == '&' || c == ';') {
        endWord();
        String op = String.valueOf(c);
        if (i + 1 < s.length() && (s.charAt(i + 1) == c && c != ';')) {
          op += c;
        } else if (c == '&' && i + 1 < s.length() && s.charAt(i + 1) == '>') {
          redirect("&>", 2);
          continue;
        } else if (c == '|' && i + 1 < s.length() && s.charAt(i + 1) == '&') {
          op = "|&";
        }
        i += op.length();
        endCommand(op);
      } else if (c == '>' || c == '<') {
        if (inWord && cur.chars().allMatch(Character::isDigit) && vars.isEmpty()) {
          redirectOp = cur.toString(); // a file descriptor: 2>/dev/null
          cur.setLength(0);
          inWord = false;
        } else {
          endWord();
        }
        if (c == '<' && s.startsWith("<<", i)) {
          throw new ImportException("a here-document or here-string (" + ShellWords.excerpt(s, i) + ") at "
              + ShellWords.position(s, i) + " cannot be imported: it feeds the body from the shell; put the body in -d '...' instead");
        }
        int len = s.startsWith(">>", i) || s.startsWith(">&", i) || s.startsWith("<&", i) ? 2 : 1;
        redirect(redirectOp + s.substring(i, i + len), len);
      } else if (c == '(' || c == ')') {
        throw new ImportException("'" + c + "' at " + ShellWords.position(s, i)
            + " starts or ends a subshell, which cannot be imported; paste the curl command alone");
      } else {
        start();
        cur.append(c);
        i++;
      }
    }
    endWord();
    endCommand("");
    return commands;
  }

  private void redirect(String op, int len) {
    i += len;
    redirectTarget = true;
    redirectOp = op;
  }

  private void start() {
    if (!inWord) {
      inWord = true;
      wordStart = i;
    }
  }

  private void endWord() {
    if (!inWord) {
      return;
    }
    if (redirectTarget) {
      redirections.add(redirectOp + cur);
      redirectTarget = false;
      redirectOp = "";
    } else {
      words.add(new Word(cur.toString(), Set.copyOf(vars), ShellWords.lineOf(s, wordStart)));
    }
    cur.setLength(0);
    vars = new LinkedHashSet<>();
    inWord = false;
  }

  private void endCommand(String op) {
    if (redirectTarget) {
      throw new ImportException("the redirection '" + redirectOp + "' before " + ShellWords.position(s, i)
          + " has no file name after it");
    }
    if (!words.isEmpty() || !redirections.isEmpty()) {
      commands.add(new Command(List.copyOf(words), op, List.copyOf(redirections)));
    }
    words = new ArrayList<>();
    redirections = new ArrayList<>();
  }

  private void doubleQuoted() {
    int open = i;
    i++;
    while (true) {
      if (i >= s.length()) {
        throw unbalanced('"', open);
      }
      char c = s.charAt(i);
      if (c == '"') {
        i++;
        return;
      }
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if (n == '\n') {
          i += 2;
        } else if (n == '$' || n == '`' || n == '"' || n == '\\') {
          cur.append(n);
          i += 2;
        } else {
          cur.append('\\');
          i++;
        }
      } else if (c == '$') {
        dollar(true);
      } else if (c == '`') {
        backtick();
      } else {
        cur.append(c);
        i++;
      }
    }
  }

  /** Reads what follows a {@code $} at i: $'...', $"...", ${...}, $(...), $name, or a lone $. */
  private void dollar(boolean inDoubleQuotes) {
    int start = i;
    char n = i + 1 < s.length() ? s.charAt(i + 1) : 0;
    if (n == '\'' && !inDoubleQuotes) {
      i += 2;
      ansiC(start);
    } else if (n == '"' && !inDoubleQuotes) {
      i++;
      doubleQuoted();
    } else if (n == '{') {
      int close = s.indexOf('}', i + 2);
      if (close < 0) {
        throw unbalanced('{', i + 1);
      }
      String inside = s.substring(i + 2, close);
      String name = inside.replaceFirst("^[#!]", "").split("[:\\-+=?%/\\[]", 2)[0];
      vars.add(name.isEmpty() ? inside : name);
      cur.append(s, i, close + 1);
      i = close + 1;
    } else if (n == '(') {
      int close = matchParen(i + 1);
      String text = s.substring(i, close + 1);
      vars.add(text);
      cur.append(text);
      i = close + 1;
    } else if (Character.isLetter(n) || n == '_') {
      int j = i + 1;
      while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
        j++;
      }
      vars.add(s.substring(i + 1, j));
      cur.append(s, i, j);
      i = j;
    } else if (Character.isDigit(n) || n == '@' || n == '*' || n == '#' || n == '?' || n == '$' || n == '!') {
      vars.add(String.valueOf(n));
      cur.append(s, i, i + 2);
      i += 2;
    } else {
      cur.append('$');
      i++;
    }
  }

  private int matchParen(int open) {
    int depth = 0;
    for (int j = open; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '\'') {
        int close = s.indexOf('\'', j + 1);
        if (close < 0) {
          throw unbalanced('\'', j);
        }
        j = close;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return j;
        }
      }
    }
    throw unbalanced('(', open);
  }

  private void backtick() {
    int close = s.indexOf('`', i + 1);
    if (close < 0) {
      throw unbalanced('`', i);
    }
    String text = s.substring(i, close + 1);
    vars.add(text);
    cur.append(text);
    i = close + 1;
  }

  /** Reads the body of $'...' from i (just after the opening quote). */
  private void ansiC(int open) {
    while (true) {
      if (i >= s.length()) {
        throw unbalanced('\'', open + 1);
      }
      char c = s.charAt(i);
      if (c == '\'') {
        i++;
        return;
      }
      if (c != '\\' || i + 1 >= s.length()) {
        cur.append(c);
        i++;
        continue;
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'a' -> cur.append('\u0007');
        case 'b' -> cur.append('\b');
        case 'e', 'E' -> cur.append('\u001b');
        case 'f' -> cur.append('\f');
        case 'n' -> cur.append('\n');
        case 'r' -> cur.append('\r');
        case 't' -> cur.append('\t');
        case 'v' -> cur.append('\u000b');
        case '\\', '\'', '"', '?' -> cur.append(e);
        case 'x' -> appendNumber(16, 2, "\\x");
        case 'u' -> appendNumber(16, 4, "\\u");
        case 'U' -> appendNumber(16, 8, "\\U");
        case 'c' -> {
          if (i >= s.length()) {
            throw unbalanced('\'', open + 1);
          }
          cur.append((char) (s.charAt(i++) & 0x1f));
        }
        default -> {
          if (e >= '0' && e <= '7') {
            i--;
            appendNumber(8, 3, "\\");
          } else {
            cur.append('\\').append(e);
          }
        }
      }
    }
  }

  /** Appends the character of an escape's digits (hex or octal) at i; with no digits, the escape as written. */
  private void appendNumber(int radix, int maxDigits, String escape) {
    int start = i;
    while (i < s.length() && i - start < maxDigits && Character.digit(s.charAt(i), radix) >= 0) {
      i++;
    }
    if (i == start) {
      cur.append(escape);
      return;
    }
    int value = Integer.parseInt(s.substring(start, i), radix);
    if (!Character.isValidCodePoint(value)) {
      throw new ImportException("'" + escape + s.substring(start, i) + "' at " + ShellWords.position(s, start)
          + " is not a valid character");
    }
    cur.appendCodePoint(value);
  }

  private ImportException unbalanced(char quote, int at) {
    String what = switch (quote) {
      case '\'' -> "single quote (')";
      case '"' -> "double quote (\")";
      case '`' -> "backtick (`)";
      case '{' -> "brace ({)";
      default -> "parenthesis (()";
    };
    return new ImportException("unbalanced quotes: the " + what + " opened at " + ShellWords.position(s, at) + " ("
        + ShellWords.excerpt(s, at) + ") is never closed; check that the whole command was pasted");
  }
}
