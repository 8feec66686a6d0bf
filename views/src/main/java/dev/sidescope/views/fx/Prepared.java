package dev.sidescope.views.fx;

import dev.sidescope.views.console.DeadSources;
import dev.sidescope.views.find.FindIndex;
import dev.sidescope.views.inspect.FindingRow;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.PicturePalette;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the console derives from each laid-out picture — the find index, the findings rows and the
 * parts of drawing it ({@link PictureParts}) — worked out by the layout worker right after the
 * layout, so that the FX thread only picks them up. Holds the latest picture's only; for any other
 * picture it works them out on the spot.
 *
 * <p>Thread-safe.
 */
final class Prepared {
  private record Entry(
      LaidOutPicture picture, FindIndex index, List<FindingRow> findings, PictureParts parts) {}

  private final AtomicReference<Entry> latest = new AtomicReference<>();
  private volatile PicturePalette palette;

  Prepared(PicturePalette palette) {
    this.palette = palette;
  }

  /** The palette pictures will be drawn in from now on. */
  void palette(PicturePalette p) {
    this.palette = p;
  }

  /**
   * Works out what a live update that changed only numbers needs, reusing what the picture before
   * it had where it can: its parts but the arrows, and its findings rows if they are equal (so that
   * the window can tell they need not be shown again); on the layout worker.
   */
  void restyle(LaidOutPicture before, LaidOutPicture picture) {
    Entry e = latest.get();
    if (e == null || e.picture() != before) {
      prepare(picture);
      return;
    }
    List<FindingRow> findings = FindingRow.of(picture.snapshot(), picture.picture());
    latest.set(
        new Entry(
            picture,
            FindIndex.of(picture.snapshot(), picture.picture()),
            findings.equals(e.findings()) ? e.findings() : findings,
            PictureParts.restyled(e.parts(), picture, DeadSources.of(picture.snapshot()))));
  }

  /** Works out what a picture needs; on the layout worker. */
  void prepare(LaidOutPicture picture) {
    latest.set(
        new Entry(
            picture,
            FindIndex.of(picture.snapshot(), picture.picture()),
            FindingRow.of(picture.snapshot(), picture.picture()),
            PictureParts.of(picture, palette, DeadSources.of(picture.snapshot()))));
  }

  PictureParts parts(LaidOutPicture picture) {
    Entry e = latest.get();
    return e != null && e.picture() == picture
        ? e.parts()
        : PictureParts.of(picture, palette, DeadSources.of(picture.snapshot()));
  }

  FindIndex index(LaidOutPicture picture) {
    Entry e = latest.get();
    return e != null && e.picture() == picture
        ? e.index()
        : FindIndex.of(picture.snapshot(), picture.picture());
  }

  List<FindingRow> findings(LaidOutPicture picture) {
    Entry e = latest.get();
    return e != null && e.picture() == picture
        ? e.findings()
        : FindingRow.of(picture.snapshot(), picture.picture());
  }
}
