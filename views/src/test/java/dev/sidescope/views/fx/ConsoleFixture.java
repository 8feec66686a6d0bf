package dev.sidescope.views.fx;

import dev.sidescope.topology.model.Observations;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.ExportFormat;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.FakeFeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** A console window on a fake feed, with the file chooser and clipboard replaced. */
final class ConsoleFixture {
  final Path dir;
  final FakeFeed feed;
  final ConsoleWindow window;
  final Stage stage;
  final Map<ExportFormat, Path> chosen = new ConcurrentHashMap<>();
  final List<String> clipboard = new CopyOnWriteArrayList<>();

  ConsoleFixture(Stage stage, Observations observations, ThemeChoice theme) throws IOException {
    this(
        stage,
        observations,
        Files.createTempDirectory("sidescope-console-test"),
        new SettingsStore.Loaded(ConsoleSettings.DEFAULTS.withTheme(theme), Optional.empty()));
  }

  ConsoleFixture(Stage stage, Observations observations, Path dir, SettingsStore.Loaded settings) {
    this.stage = stage;
    this.dir = dir;
    this.feed = new FakeFeed(observations);
    ConsoleOptions options =
        ConsoleOptions.of("Sidescope — test", dir, feed)
            .withFileChooser(
                (format, name) -> {
                  Path p = dir.resolve(name);
                  chosen.put(format, p);
                  return Optional.of(p);
                })
            .withClipboard(clipboard::add);
    window =
        new ConsoleWindow(
            options, new SettingsStore(dir), settings.settings(), settings.problem(), Theme.LIGHT);
    window.show(stage);
    // The whole headless screen: a window reaching past its edge makes Monocle's painter overflow.
    stage.setX(0);
    stage.setY(0);
    stage.setWidth(1600);
    stage.setHeight(1000);
  }

  /** Waits until a condition, evaluated on the FX thread, holds. */
  static void await(Supplier<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(
          20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("condition not met within 20 s", e);
    }
  }

  /** Runs on the FX thread and returns the value. */
  static <T> T onFx(Supplier<T> supplier) {
    try {
      return WaitForAsyncUtils.asyncFx(supplier::get).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Closes something of the FX thread's, on the FX thread. */
  static void closeOnFx(AutoCloseable closeable) {
    onFx(
        () -> {
          try {
            closeable.close();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          return null;
        });
  }

  /**
   * Waits until everything around the last picture is in (source chips, side pane, findings rows,
   * legend rows, a few per pulse) and GraphStream has drawn a frame of what was asked of the view
   * before this call.
   */
  static void settle(ConsoleWindow window) {
    await(window::aroundShown);
    long drawn =
        onFx(
            () -> {
              window.topologyView().repaint();
              return window.topologyView().framesDrawn();
            });
    await(() -> window.topologyView().framesDrawn() > drawn);
  }

  /** {@link #settle(ConsoleWindow)} for this fixture's window. */
  void settle() {
    settle(window);
  }

  /** A pixel's red, green and blue, for comparing colours whatever their alpha. */
  static int[] rgb(int argb) {
    return new int[] {(argb >> 16) & 255, (argb >> 8) & 255, argb & 255};
  }

  /** A colour's red, green and blue. */
  static int[] rgb(dev.sidescope.views.picture.Rgb colour) {
    return new int[] {colour.r(), colour.g(), colour.b()};
  }
}
