/**
 * The Sidescope console: JavaFX views of a {@link dev.sidescope.topology.model.TopologySnapshot}.
 * Views know the model, never a collector or a cloud SDK.
 *
 * <p>The app opens the console with {@link dev.sidescope.views.SidescopeConsole#launch} and a
 * {@link dev.sidescope.views.ConsoleOptions} carrying the window title, the config folder for
 * {@code console.properties}, and a {@link dev.sidescope.views.SnapshotFeed} over its store.
 *
 * <p>Threads: the feed calls back on any thread; the console keeps the latest snapshot and lays it
 * out on its own worker (ELK, off the FX thread, latest wins, a busy worker drops what it has not
 * started); a finished picture reaches the FX thread through one coalescing hand-over (at most one
 * {@code runLater} pending, newest value applied), where it is applied as a diff. File writes
 * (settings, exports) run on an I/O thread. Only {@code dev.sidescope.views.fx} calls {@code
 * Platform.runLater}.
 *
 * <p>Packages: {@code console} (the window's state and decisions: the view model and the key map;
 * pure), {@code picture} (layout, looks, diff, SVG; pure), {@code find} (find expressions; pure),
 * {@code inspect} (inspector and findings rows; pure), {@code status} (source chips; pure), {@code
 * settings} (console settings file, OS theme), {@code fx} (the window: widgets bound to the view
 * model).
 */
package dev.sidescope.views;
