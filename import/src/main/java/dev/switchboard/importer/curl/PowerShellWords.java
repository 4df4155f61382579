package dev.switchboard.importer.curl;

import dev.switchboard.importer.ImportException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word splitting as PowerShell does it for the arguments of a native command such as {@code curl.exe}, and for
 * the parameters of {@code Invoke-WebRequest} that Chrome's "Copy as PowerShell" writes: blanks separate words;
 * the backtick escapes the next character ({@code `n}, {@code `t}, {@code `"}, {@code `$}...) and a backtick
 * before a newline joins the lines; {@code '...'} is literal with {@code ''} for a quote; {@code "..."} takes
 * backtick escapes, {@code ""} for a quote and {@code $variables}; typographic quotes count as quotes, as in
 * PowerShell; {@code #} at the start of a word begins a comment; {@code ;} {@code |} and newlines end a command;
 * {@code --%} passes the rest of the line as written. A hashtable {@code @{...}} or a parenthesised expression is
 * kept as one word, as written, for {@link InvokeWebRequest} to read. Variables ({@code $token},
 * {@code $env:TOKEN}, {@code ${x}}) and subexpressions ({@code $(...)}) are kept as written, except
 * {@code $([char]NNN)}, which Chrome uses for characters outside ASCII and which becomes that character.
 *
 * <p>Source: PowerShell's about_Quoting_Rules, about_Special_Characters, about_Parsing (PowerShell 7.4).
 */
final class PowerShellWords {
  private static final Pattern CHAR = Pattern.compile("\\$\\(\\[char\\]\\s*(\\d{1,7})\\)");
  private final String s;
  private final boolean expression;
  private int i;
  private final List<Command> commands = new ArrayList<>();
  private List<Word> words = new ArrayList<>();
  private final StringBuilder cur = new StringBuilder();
  private Set<String> vars = new LinkedHashSet<>();
  private boolean inWord;
  private int wordStart;

  PowerShellWords(String text) {
    this(text, false);
  }

  /**
   * @param text the text
   * @param expression true inside a hashtable, where {@code =} separates a key from its value
   */
  PowerShellWords(String text, boolean expression) {
    this.s = text.replace("\r\n", "\n");
    this.expression = expression;
  }

  List<Command> commands() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '`') {
        if (i + 1 >= s.length()) {
          i++;
        } else if (s.charAt(i + 1) == '\n') {
          i += 2;
        } else {
          start();
          cur.append(escape(s.charAt(i + 1)));
          i += 2;
        }
      } else if (isSingleQuote(c)) {
        start();
        singleQuoted();
      } else if (isDoubleQuote(c)) {
        start();
        doubleQuoted();
      } else if (c == '$') {
        start();
        dollar();
      } else if (c == ' ' || c == '\t') {
        endWord();
        i++;
      } else if (c == '\n' || c == ';') {
        endWord();
        endCommand(String.valueOf(c));
        i++;
      } else if (c == '|') {
        endWord();
        String op = s.startsWith("||", i) ? "||" : "|";
        i += op.length();
        endCommand(op);
      } else if (c == '&' && !inWord) {
        if (s.startsWith("&&", i)) {
          endCommand("&&");
          i += 2;
        } else {
          i++; // the call operator: & curl.exe ...
        }
      } else if (c == '#' && !inWord) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '<' && s.startsWith("<#", i) && !inWord) {
        int close = s.indexOf("#>", i + 2);
        if (close < 0) {
          throw new ImportException("the block comment <# opened at " + ShellWords.position(s, i) + " is never closed with #>");
        }
        i = close + 2;
      } else if (c == '-' && !inWord && s.startsWith("--%", i)) {
        int end = s.indexOf('\n', i);
        end = end < 0 ? s.length() : end;
        words.addAll(CmdWords.argv(s.substring(i + 3, end), ShellWords.lineOf(s, i)));
        i = end;
      } else if (c == '@' && i + 1 < s.length() && (s.charAt(i + 1) == '{' || s.charAt(i + 1) == '(') && !inWord) {
        endWord();
        int close = closing(i + 1);
        words.add(Word.of(s.substring(i, close + 1), ShellWords.lineOf(s, i)));
        i = close + 1;
      } else if ((c == '(' || c == '{') && !inWord) {
        int close = closing(i);
        words.add(Word.of(s.substring(i, close + 1), ShellWords.lineOf(s, i)));
        i = close + 1;
      } else if (c == '=' && expression) {
        endWord();
        words.add(Word.of("=", ShellWords.lineOf(s, i)));
        i++;
      } else if (c == '>' && !inWord || (c == '>' && cur.toString().matches("[0-9*]"))) {
        throw new ImportException("the redirection at " + ShellWords.position(s, i) + " (" + ShellWords.excerpt(s, i)
            + ") cannot be imported; paste the command without it");
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

  private static boolean isSingleQuote(char c) {
    return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201a' || c == '\u201b';
  }

  private static boolean isDoubleQuote(char c) {
    return c == '"' || c == '\u201c' || c == '\u201d' || c == '\u201e';
  }

  private static char escape(char c) {
    return switch (c) {
      case '0' -> '\0';
      case 'a' -> '\u0007';
      case 'b' -> '\b';
      case 'e' -> '\u001b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'v' -> '\u000b';
      default -> c;
    };
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
    words.add(new Word(cur.toString(), Set.copyOf(vars), ShellWords.lineOf(s, wordStart)));
    cur.setLength(0);
    vars = new LinkedHashSet<>();
    inWord = false;
  }

  private void endCommand(String op) {
    if (!words.isEmpty()) {
      commands.add(new Command(List.copyOf(words), op, List.of()));
    }
    words = new ArrayList<>();
  }

  private void singleQuoted() {
    int open = i;
    i++;
    while (true) {
      if (i >= s.length()) {
        throw unbalanced("single quote (')", open);
      }
      char c = s.charAt(i);
      if (isSingleQuote(c)) {
        if (i + 1 < s.length() && isSingleQuote(s.charAt(i + 1))) {
          cur.append('\'');
          i += 2;
          continue;
        }
        i++;
        return;
      }
      cur.append(c);
      i++;
    }
  }

  private void doubleQuoted() {
    int open = i;
    i++;
    while (true) {
      if (i >= s.length()) {
        throw unbalanced("double quote (\")", open);
      }
      char c = s.charAt(i);
      if (isDoubleQuote(c)) {
        if (i + 1 < s.length() && isDoubleQuote(s.charAt(i + 1))) {
          cur.append('"');
          i += 2;
          continue;
        }
        i++;
        return;
      }
      if (c == '`' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if (n == 'u' && i + 2 < s.length() && s.charAt(i + 2) == '{') {
          int close = s.indexOf('}', i + 3);
          if (close > 0 && s.substring(i + 3, close).matches("[0-9A-Fa-f]{1,6}")) {
            cur.appendCodePoint(Integer.parseInt(s.substring(i + 3, close), 16));
            i = close + 1;
            continue;
          }
        }
        cur.append(n == '\n' ? '\n' : escape(n));
        i += 2;
      } else if (c == '$') {
        dollar();
      } else {
        cur.append(c);
        i++;
      }
    }
  }

  /** Reads a variable or subexpression at i, keeping it as written (but $([char]N) becomes the character). */
  private void dollar() {
    char n = i + 1 < s.length() ? s.charAt(i + 1) : 0;
    if (n == '(') {
      int close = closing(i + 1);
      String text = s.substring(i, close + 1);
      Matcher m = CHAR.matcher(text);
      if (m.matches() && Character.isValidCodePoint(Integer.parseInt(m.group(1)))) {
        cur.appendCodePoint(Integer.parseInt(m.group(1)));
      } else {
        vars.add(text);
        cur.append(text);
      }
      i = close + 1;
    } else if (n == '{') {
      int close = s.indexOf('}', i + 2);
      if (close < 0) {
        throw unbalanced("brace ({)", i + 1);
      }
      vars.add(s.substring(i + 2, close));
      cur.append(s, i, close + 1);
      i = close + 1;
    } else if (Character.isLetter(n) || n == '_') {
      int j = i + 1;
      while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == ':')) {
        j++;
      }
      String name = s.substring(i + 1, j);
      vars.add(name.toLowerCase(java.util.Locale.ROOT).startsWith("env:") ? name.substring(4) : name);
      cur.append(s, i, j);
      i = j;
    } else {
      cur.append('$');
      i++;
    }
  }

  /** Returns the index of the bracket that closes the one at {@code open}, skipping strings inside. */
  private int closing(int open) {
    char o = s.charAt(open);
    char c = o == '(' ? ')' : '}';
    int depth = 0;
    for (int j = open; j < s.length(); j++) {
      char ch = s.charAt(j);
      if (ch == '`') {
        j++;
      } else if (isSingleQuote(ch)) {
        j = skipQuoted(j, true);
      } else if (isDoubleQuote(ch)) {
        j = skipQuoted(j, false);
      } else if (ch == o) {
        depth++;
      } else if (ch == c) {
        depth--;
        if (depth == 0) {
          return j;
        }
      }
    }
    throw unbalanced(o == '(' ? "parenthesis (()" : "brace ({)", open);
  }

  private int skipQuoted(int open, boolean single) {
    for (int j = open + 1; j < s.length(); j++) {
      char ch = s.charAt(j);
      if (!single && ch == '`') {
        j++;
      } else if (single ? isSingleQuote(ch) : isDoubleQuote(ch)) {
        if (j + 1 < s.length() && (single ? isSingleQuote(s.charAt(j + 1)) : isDoubleQuote(s.charAt(j + 1)))) {
          j++;
        } else {
          return j;
        }
      }
    }
    throw unbalanced(single ? "single quote (')" : "double quote (\")", open);
  }

  private ImportException unbalanced(String what, int at) {
    return new ImportException("unbalanced quotes: the " + what + " opened at " + ShellWords.position(s, at) + " ("
        + ShellWords.excerpt(s, at) + ") is never closed; check that the whole command was pasted");
  }
}
