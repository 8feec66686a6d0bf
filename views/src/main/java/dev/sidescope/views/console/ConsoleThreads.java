package dev.sidescope.views.console;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where the view model's work runs that must not run on the FX thread, and the way back to it. The
 * window gives its own threads and {@code Platform::runLater}; tests give executors that run
 * everything at once on the caller's thread.
 *
 * @param files settings saves and exports: files of the user's, one at a time, in order
 * @param sources the source catalog's calls (files, the network): one at a time
 * @param window back onto the thread the view model lives on, with a result
 */
public record ConsoleThreads(Executor files, Executor sources, Executor window) {
  public ConsoleThreads {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(window, "window");
  }
}
