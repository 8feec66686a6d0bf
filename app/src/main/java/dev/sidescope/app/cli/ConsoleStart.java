package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SidescopeConsole;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.sources.SourceCatalog;
import dev.sidescope.views.sources.SourceChoice;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sidescope} with no arguments: the console on the sources last chosen in its Sources
 * dialog; else on the current kube context and, when AWS is configured with a region, ECS through
 * the AWS profile; else on an empty picture that offers the built-in demo in one click.
 *
 * <p>Runs on the command line's thread, which the console blocks until its window closes; then
 * every source is stopped.
 */
final class ConsoleStart {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleStart.class);

  private ConsoleStart() {}

  /** Where the console starts, and what to tell the person when it starts on nothing. */
  record Plan(String title, Optional<String> nothingFound) {}

  static void open(Path configDir, Map<String, String> env) {
    if (!DemoCommand.displayAvailable(env)) {
      throw new UserError(
          "there is no display to open the console on; 'sidescope snapshot' prints the current"
              + " sources' topology instead.");
    }
    try (LiveSourceSet sources = new LiveSourceSet(env, Clock.systemUTC())) {
      Plan plan = start(sources, new SettingsStore(configDir));
      ConsoleOptions options =
          ConsoleOptions.of(plan.title(), configDir, sources.feed())
              .withSources(sources)
              .withTraces(sources.tracing())
              .withProxies(sources.proxies())
              .withLogs(sources.logs())
              .withEvents(sources.events());
      SidescopeConsole.launch(plan.nothingFound().map(options::withNothingFound).orElse(options));
    }
  }

  /**
   * Connects the remembered sources, else the defaults the environment gives; says why when there
   * is nothing to connect. Reads the settings file; a corrupt one counts as nothing remembered (the
   * console reports it once).
   */
  static Plan start(LiveSourceSet sources, SettingsStore settings) {
    ConsoleSettings saved = settings.load().settings();
    sources.readEnvoysAtMost(saved.envoySidecars());
    Optional<SourceChoice> remembered = saved.sources();
    if (remembered.isPresent()) {
      try {
        return new Plan(sources.apply(remembered.get()), Optional.empty());
      } catch (SourceCatalog.Unavailable e) {
        LOG.warn("The remembered sources {} could not be opened", remembered.get().describe(), e);
        return new Plan(
            "Sidescope",
            Optional.of(
                "The sources used last time ("
                    + remembered.get().describe()
                    + ") could not be opened: "
                    + e.getMessage()));
      }
    }
    LiveSourceSet.Defaults defaults = sources.defaults();
    if (!defaults.choice().isEmpty()) {
      try {
        return new Plan(sources.apply(defaults.choice()), Optional.empty());
      } catch (SourceCatalog.Unavailable e) {
        LOG.warn("The default sources {} could not be opened", defaults.choice().describe(), e);
        return new Plan("Sidescope", Optional.of(e.getMessage()));
      }
    }
    return new Plan("Sidescope", Optional.of(defaults.whyNothing()));
  }
}
