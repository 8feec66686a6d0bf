package dev.sidescope.views.fx;

import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.OsTheme;
import dev.sidescope.views.settings.SettingsStore;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the JavaFX toolkit (unless it runs already), opens the {@link ConsoleWindow} and waits for
 * it to close; then stops the toolkit if it started it. Settings and the operating system's theme
 * are read on the caller's thread, before the FX thread starts, so it never waits on files or
 * commands.
 */
public final class ConsoleLauncher {
  private ConsoleLauncher() {}

  public static void launch(ConsoleOptions options) {
    if (Platform.isFxApplicationThread()) {
      throw new IllegalStateException("launch the console from main, not from the FX thread");
    }
    SettingsStore store = new SettingsStore(options.configDir());
    SettingsStore.Loaded loaded = store.load();
    Theme os = OsTheme.detect();
    CountDownLatch closed = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<ConsoleWindow> opened =
        new java.util.concurrent.atomic.AtomicReference<>();
    Runnable open =
        () -> {
          try {
            ConsoleWindow window =
                new ConsoleWindow(options, store, loaded.settings(), loaded.problem(), os);
            opened.set(window);
            Stage stage = new Stage();
            window.show(stage);
            // show() sets its own close handler; keep ours, which also releases the caller.
            stage.setOnHidden(
                e -> {
                  window.close();
                  closed.countDown();
                });
          } catch (RuntimeException e) {
            closed.countDown();
            throw e;
          }
        };
    Platform.setImplicitExit(false);
    boolean startedHere = true;
    try {
      Platform.startup(open);
    } catch (IllegalStateException alreadyStarted) {
      // Someone else runs the toolkit (a test harness, an embedding app): leave it running.
      startedHere = false;
      Platform.runLater(open);
    }
    try {
      closed.await();
      ConsoleWindow window = opened.get();
      if (window != null) {
        window.awaitWrites(3000); // the settings are saved off the FX thread
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (startedHere) {
      Platform.exit();
    }
  }
}
