/**
 * The console's state and decisions, without JavaFX: {@link
 * dev.sidescope.views.console.ConsoleViewModel} (what the picture shows — find, "hide
 * non-matching", the part of a dead source greyed — the selection and the side pane's tabs for it,
 * grouping, theme, settings, the status and counts lines, the empty state), the tabs' own state
 * ({@link dev.sidescope.views.console.TrafficViewModel}, {@link
 * dev.sidescope.views.console.ProxyViewModel}), {@link dev.sidescope.views.console.ConsoleKeys}
 * (which key does what) and {@link dev.sidescope.views.console.DeadSources}. The window in {@code
 * dev.sidescope.views.fx} builds the widgets and binds them to the view model's {@link
 * dev.sidescope.views.console.Watched} values. Everything here is tested with plain JUnit, no
 * toolkit started.
 */
package dev.sidescope.views.console;
