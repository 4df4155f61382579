package dev.switchboard.cli;

import dev.switchboard.core.definition.DefinitionException;
import dev.switchboard.core.output.TerminalText;
import dev.switchboard.core.plan.UnknownActionException;
import dev.switchboard.core.error.ActionError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code switchboard} command: runs actions, lists and validates definitions, serves the Okta sandbox.
 *
 * <p>Exit codes: 0 success; 1 the call failed (the service answered an error, or could not be reached);
 * 2 a usage error (unknown option, unknown action, bad input); 3 definitions or configuration are invalid
 * or missing; 70 an internal error. Data goes to stdout; messages go to stderr; a user's mistake never
 * shows a stack trace (set {@code SWITCHBOARD_DEBUG=1} to see one for internal errors).
 */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Declared connectors and HTTP actions for enterprise APIs, for agents, scripts and people.",
    subcommands = {RunCommand.class, ActionsCommand.class, ValidateCommand.class, ConfigCommand.class, SecretsCommand.class,
        SandboxCommand.class, McpCommand.class, ImportCommand.class, ServeCommand.class, WorkspaceCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
  final java.util.Map<String, String> env;
  final java.io.InputStream stdin;
  /** Whether a person can be asked: stdin and stderr are a terminal. */
  final boolean interactive;

  Main(java.util.Map<String, String> env, java.io.InputStream stdin, boolean interactive) {
    this.env = java.util.Map.copyOf(env);
    this.stdin = stdin;
    this.interactive = interactive;
  }
  /** Exit code: the call failed. */
  public static final int EXIT_FAILED = 1;
  /** Exit code: a usage error or a bad input. */
  public static final int EXIT_USAGE = 2;
  /** Exit code: definitions or configuration are invalid or missing. */
  public static final int EXIT_CONFIG = 3;
  /** Exit code: an internal error (a bug). */
  public static final int EXIT_INTERNAL = 70;

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(), System.in,
        interactive()));
  }

  /**
   * Tells whether this process can ask a person: the {@code switchboard} script says whether stdin and stderr are
   * a terminal ({@code -Dswitchboard.stdin.tty}, {@code -Dswitchboard.stderr.tty}); run as {@code java -jar},
   * Java's console (stdin and stdout a terminal) stands in.
   */
  private static boolean interactive() {
    String in = System.getProperty("switchboard.stdin.tty");
    if (in != null) {
      return "true".equals(in) && "true".equals(System.getProperty("switchboard.stderr.tty"));
    }
    return System.console() != null;
  }

  /**
   * Runs the command line without exiting (for tests and embedding).
   *
   * @param args the arguments
   * @param out where data goes
   * @param err where messages go
   * @param env the environment variables the command sees (OKTA_ORG_URL, OKTA_API_TOKEN, SWITCHBOARD_DEFS...)
   * @param stdin where commands that read input (secrets set) read it
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env, java.io.InputStream stdin) {
    return run(args, out, err, env, stdin, false);
  }

  /**
   * Runs the command line without exiting, saying whether a person can be asked (for tests of prompts).
   *
   * @param args the arguments
   * @param out where data goes
   * @param err where messages and prompts go
   * @param env the environment variables the command sees
   * @param stdin where commands read input and answers to prompts
   * @param interactive whether stdin and stderr are a terminal, so that a destructive action may be confirmed
   * @return the exit code
   */
  static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env, java.io.InputStream stdin,
      boolean interactive) {
    CommandLine cli = new CommandLine(new Main(env, stdin, interactive));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr()));
    cli.setExecutionStrategy(Main::refuseUnmatchedThenRun);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Runs the command, unless some argument matched nothing. Picocli lets {@code --help} win over unmatched
   * arguments, so {@code switchboard serve --help} printed the general help and exited 0 as if {@code serve}
   * existed; an unknown command or argument is a usage error (exit 2) with or without {@code --help}.
   */
  private static int refuseUnmatchedThenRun(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (!p.unmatched().isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  /**
   * Makes text from a server or a user safe to print on a terminal: control characters other than newline
   * (escape sequences, carriage returns, bells) and bidirectional overrides are shown as {@code \\uXXXX}.
   *
   * @param text any text
   * @return the printable text
   */
  static String printable(String text) {
    return TerminalText.escape(text, true);
  }

  static int report(Exception e, PrintWriter err) {
    if (e instanceof ActionError a) {
      err.println("error: " + printable(a.getMessage()));
      return switch (a.category()) {
        case VALIDATION -> a.status() == 0 ? EXIT_USAGE : EXIT_FAILED;
        case CONFIGURATION, BAD_DEFINITION -> EXIT_CONFIG;
        default -> EXIT_FAILED;
      };
    }
    if (e instanceof UnknownActionException || e instanceof UsageException) {
      err.println("error: " + printable(e.getMessage()));
      return EXIT_USAGE;
    }
    if (e instanceof DefinitionException || e instanceof ConfigurationException) {
      err.println("error: " + printable(e.getMessage()));
      return EXIT_CONFIG;
    }
    err.println("internal error: " + e.getClass().getSimpleName());
    if (System.getenv("SWITCHBOARD_DEBUG") != null) {
      err.println(printable(e.getMessage()));
      e.printStackTrace(err);
    } else {
      err.println("(this is a bug in Switchboard; set SWITCHBOARD_DEBUG=1 to see the stack trace and report it)");
    }
    return EXIT_INTERNAL;
  }

  /** A mistake in how a command was used, reported without a stack trace (exit code 2). */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Missing or invalid configuration (a key file, a store), reported without a stack trace (exit code 3). */
  static final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigurationException(String message) {
      super(message);
    }
  }

  /** Prints the version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"switchboard " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
