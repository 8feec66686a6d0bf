package dev.sidescope.app.cli;

import dev.sidescope.app.AppDirs;
import dev.sidescope.app.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The top of the command line: global options and the subcommands. */
@Command(
    name = "sidescope",
    mixinStandardHelpOptions = true,
    versionProvider = SidescopeCommand.Version.class,
    description = {
      "An observability console for sidecar topologies on Kubernetes and Amazon ECS.",
      "With no command, the console opens on the sources chosen last time, else on the current"
          + " kube context and AWS profile; where it finds none, it offers the demo."
    },
    subcommands = {
      DemoCommand.class,
      SnapshotCommand.class,
      LogsCommand.class,
      SampleClusterCommand.class
    })
public final class SidescopeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SidescopeCommand.class);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config-dir",
      paramLabel = "DIR",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Settings and logs live here (default: the platform's config directory; env SIDESCOPE_CONFIG_DIR).")
  Path configDir;

  final AppDirs dirs;
  final Map<String, String> env;

  SidescopeCommand(AppDirs dirs, Map<String, String> env) {
    this.dirs = dirs;
    this.env = env;
  }

  /**
   * No subcommand: the console on the last sources, else the current kube context and AWS profile,
   * else an empty picture that offers the demo.
   */
  @Override
  public Integer call() {
    ConsoleStart.open(dirs.config(), env);
    return 0;
  }

  /** A command line wired to these streams, with Sidescope's error handling. */
  public static CommandLine commandLine(
      AppDirs dirs, Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cl =
        new CommandLine(
            new SidescopeCommand(dirs, env),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> cls) throws Exception {
                if (cls == SidescopeCommand.class) {
                  return cls.cast(new SidescopeCommand(dirs, env));
                }
                return CommandLine.defaultFactory().create(cls);
              }
            });
    return handlingErrors(cl, dirs, out, err);
  }

  /**
   * Wires a command line to these streams with Sidescope's handling of problems: bad usage and a
   * {@link UserError} are one sentence on {@code err} and exit 2 (or the error's own code);
   * anything else is one sentence that points to the log file, where its stack trace goes. Every
   * entry point's command line is wired this way (the benchmarks' too), so that all of them fail
   * alike.
   */
  public static CommandLine handlingErrors(
      CommandLine cl, AppDirs dirs, PrintWriter out, PrintWriter err) {
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    String help = "(see '" + cl.getCommandName() + " --help')";
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          err.println("sidescope: " + ex.getMessage() + " " + help);
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UserError user) {
            if (user.getCause() != null) {
              LOG.warn("{}", user.getMessage(), user.getCause());
            }
            err.println("sidescope: " + user.getMessage());
            return user.exitCode();
          }
          LOG.error("unexpected failure", ex);
          err.println(
              "sidescope: something went wrong ("
                  + oneLine(ex)
                  + "); the details are in "
                  + dirs.logFile());
          return 2;
        });
    return cl;
  }

  private static String oneLine(Throwable ex) {
    String message = ex.getMessage();
    String what = ex.getClass().getSimpleName();
    return message == null ? what : message.lines().findFirst().orElse(what);
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in =
          SidescopeCommand.class.getResourceAsStream("/dev/sidescope/app/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "sidescope " + p.getProperty("version", "unknown"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
