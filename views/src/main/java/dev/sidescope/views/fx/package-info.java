/**
 * The console window on JavaFX and GraphStream: {@link dev.sidescope.views.fx.ConsoleWindow}, the
 * GraphStream picture with its foreground, the side panels, and the two hand-overs to the FX thread
 * ({@link dev.sidescope.views.fx.FxLatest}, {@link dev.sidescope.views.fx.LayoutWorker}). Every
 * class here is used on the FX thread unless its Javadoc says otherwise.
 */
package dev.sidescope.views.fx;
