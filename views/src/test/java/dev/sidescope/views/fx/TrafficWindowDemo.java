package dev.sidescope.views.fx;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.FakeFeed;
import dev.sidescope.views.testing.TracedSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * Opens the real console window on the traced seed with canned tracing answers, for looking at the
 * Traffic tab (under Xvfb, say): {@code java -cp ... dev.sidescope.views.fx.TrafficWindowDemo
 * [light|dark] [trace]}. It selects order-service's pod and shows its Traffic tab; with {@code
 * trace}, it opens the failed trace too. A new snapshot with more requests comes every 2 s.
 */
public final class TrafficWindowDemo {
  private TrafficWindowDemo() {}

  public static void main(String[] args) throws Exception {
    ThemeChoice theme =
        args.length > 0 && args[0].equals("dark") ? ThemeChoice.DARK : ThemeChoice.LIGHT;
    boolean openTrace = args.length > 1 && args[1].equals("trace");
    Path dir = Files.createTempDirectory("sidescope-traffic-demo");
    AtomicLong more = new AtomicLong();
    FakeFeed feed = new FakeFeed(SeedSample.observations(), s -> TracedSeed.traced(s, more.get()));
    ScheduledExecutorService ticks =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-ticks");
              t.setDaemon(true);
              return t;
            });
    ticks.scheduleAtFixedRate(
        () -> {
          more.addAndGet(7);
          feed.publish(SeedSample.observations());
        },
        2,
        2,
        TimeUnit.SECONDS);
    dev.sidescope.views.testing.CannedTraces queries = TracedSeed.queries(Instant.now());
    ConsoleOptions options =
        ConsoleOptions.of("Sidescope — traffic (demo)", dir, feed).withTraces(queries);
    if (Boolean.getBoolean("demo.debug")) {
      ticks.schedule(() -> System.err.println("asked: " + queries.asked), 12, TimeUnit.SECONDS);
    }
    Platform.startup(
        () -> {
          ConsoleWindow window =
              new ConsoleWindow(
                  options,
                  new SettingsStore(dir),
                  ConsoleSettings.DEFAULTS.withTheme(theme),
                  Optional.empty(),
                  Theme.LIGHT);
          Stage stage = new Stage();
          window.show(stage);
          stage.setX(0);
          stage.setY(0);
          stage.setWidth(1600);
          stage.setHeight(1000);
          window
              .model()
              .sidePane()
              .listen(
                  new java.util.function.Consumer<>() {
                    boolean done;

                    @Override
                    public void accept(dev.sidescope.views.console.SidePaneContent c) {
                      if (!done && window.model().shown().isPresent()) {
                        done = true;
                        Platform.runLater(
                            () -> {
                              window.select(SeedSample.ORDER_POD, false, true);
                              TabPane tabs = (TabPane) stage.getScene().lookup("#side-tabs");
                              tabs.getSelectionModel().select(1);
                              if (openTrace) {
                                window.model().traffic().openTrace(TracedSeed.FAILED_TRACE);
                                window.model().traffic().toggleDetails("a000000000000005");
                              }
                            });
                      }
                    }
                  });
        });
  }
}
