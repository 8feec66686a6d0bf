package dev.sidescope.views.fx;

import dev.sidescope.views.picture.LaidOutPicture;
import java.util.Optional;
import javafx.geometry.Point2D;

/**
 * The console's picture as a script drives and watches it: what a person does with the mouse and
 * keys (fit, actual size, zoom, pan), and which picture is drawn now. The console benchmark pans
 * and zooms through it while it times the FX thread's frames, and tests use it to look at the
 * picture without reaching into the window. Points are in layout units, x to the right and y down,
 * as in the picture's geometry.
 *
 * <p>FX thread only, like the {@link ConsoleWindow#picture() window} that hands it out: every
 * method is called, and every change shows, on the FX thread.
 */
public interface PictureDriver {
  /** The picture applied last; empty until the first one is. */
  Optional<LaidOutPicture> shown();

  /** Zooms and moves so that the whole picture is in view. */
  void fit();

  /** Zooms so that one layout unit is one pixel: labels at their designed size. */
  void actualSize();

  /** Shows {@code factor} times as much of the picture: below 1 zooms in, above 1 out. */
  void zoom(double factor);

  /** Pixels per layout unit right now. */
  double scale();

  /** The point of the picture at the centre of the view. */
  Point2D viewCenter();

  /** Moves the view, keeping the zoom, so that this point of the picture is at its centre. */
  void setViewCenter(double x, double y);
}
