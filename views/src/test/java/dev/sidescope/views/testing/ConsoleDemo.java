package dev.sidescope.views.testing;

import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SidescopeConsole;
import java.nio.file.Path;

/**
 * Opens the real console window on the seed sample, for looking at it (under Xvfb, say): {@code
 * java -cp ... dev.sidescope.views.testing.ConsoleDemo [configDir]}. After a few seconds it
 * publishes the seed with one more pod and the Kubernetes source down, as a live store would.
 */
public final class ConsoleDemo {
  private ConsoleDemo() {}

  public static void main(String[] args) {
    Path config = Path.of(args.length > 0 ? args[0] : "target/demo-config");
    FakeFeed feed = new FakeFeed(SeedCluster.observations());
    Thread later =
        new Thread(
            () -> {
              try {
                Thread.sleep(Long.getLong("demo.changeAfterMs", 6000));
                feed.publish(SeedCluster.withExtraPod());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    later.setDaemon(true);
    later.start();
    SidescopeConsole.launch(ConsoleOptions.of("Sidescope — seed (demo)", config, feed));
  }
}
