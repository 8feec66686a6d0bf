package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SidescopeConsole;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.sources.SourceCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The demo: a built-in sample served in-process on loopback, read by the production Kubernetes and
 * ECS sources exactly as a real cluster would be, into a store that feeds the console. Its Sources
 * dialog can switch to the person's own clusters.
 *
 * <p>Runs on the command line's thread, which the console blocks until its window closes; then
 * every source and endpoint is stopped.
 */
final class DemoConsole {
  private DemoConsole() {}

  static void open(Path folder, String name, Path configDir, Map<String, String> processEnv) {
    try (LiveSourceSet sources = new LiveSourceSet(processEnv, Clock.systemUTC())) {
      sources.readEnvoysAtMost(new SettingsStore(configDir).load().settings().envoySidecars());
      String title;
      try {
        title = sources.openDemo(folder, name);
      } catch (SourceCatalog.Unavailable e) {
        throw new UserError(lowerFirst(e.getMessage()), e);
      }
      SidescopeConsole.launch(
          ConsoleOptions.of(title, configDir, sources.feed())
              .withSources(sources)
              .withTraces(sources.tracing())
              .withProxies(sources.proxies())
              .withLogs(sources.logs())
              .withEvents(sources.events()));
    }
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
