/**
 * The console window on JavaFX and GraphStream: {@link dev.sidescope.views.fx.ConsoleWindow}, which
 * builds the widgets and binds them to the view model of {@code dev.sidescope.views.console}; its
 * parts (the toolbar, the side pane with its tabs and the findings list, the empty state, the
 * export actions); the GraphStream picture with its foreground; and the two hand-overs to the FX
 * thread ({@link dev.sidescope.views.fx.FxLatest}, {@link dev.sidescope.views.fx.LayoutWorker}).
 * Every class here is used on the FX thread unless its Javadoc says otherwise.
 */
package dev.sidescope.views.fx;
