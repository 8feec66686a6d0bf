package dev.sidescope.views.testing;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SidescopeConsole;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens the real console window on the seed sample, for looking at it (under Xvfb, say): {@code
 * java -cp ... dev.sidescope.views.testing.ConsoleDemo [configDir]}. After a few seconds it
 * publishes the seed with one more pod, as a live store would.
 */
public final class ConsoleDemo {
  private ConsoleDemo() {}

  public static void main(String[] args) {
    Path config = Path.of(args.length > 0 ? args[0] : "target/demo-config");
    FakeFeed feed = new FakeFeed(SeedSample.observations());
    ScheduledExecutorService later =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-change");
              t.setDaemon(true);
              return t;
            });
    later.schedule(
        () -> feed.publish(SeedSample.withExtraPod()),
        Long.getLong("demo.changeAfterMs", 6000),
        TimeUnit.MILLISECONDS);
    SidescopeConsole.launch(ConsoleOptions.of("Sidescope — seed (demo)", config, feed));
  }
}
