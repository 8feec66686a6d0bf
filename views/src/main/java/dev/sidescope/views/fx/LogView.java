package dev.sidescope.views.fx;

import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.source.LogTails;
import dev.sidescope.views.console.LogViewModel;
import dev.sidescope.views.logs.LogText;
import java.time.ZoneId;
import java.util.Optional;
import javafx.scene.Parent;

/**
 * The Logs tab's view on its own, outside the console: for a script (or a benchmark) that feeds a
 * {@link LogTails} and watches what the view does with it, following as a person would. It is the
 * very pane and view model the console uses; the tail opens at once and closes with {@link
 * #close()}.
 *
 * <p>Make, use, read and close it on the FX thread. Each pulse moves at most {@link
 * LogViewModel#LINES_PER_PULSE} lines from the rings into the list; the list keeps the newest
 * {@code bufferLines}, and each stream's ring as many, dropping (and counting) the oldest when the
 * FX thread falls behind.
 */
public final class LogView {
  private final LogViewModel model;
  private final LogPane pane;

  private LogView(LogViewModel model) {
    this.model = model;
    this.pane = new LogPane(model, text -> {}, false);
  }

  /**
   * The logs of {@code node} (a pod, task, box or container of {@code snapshot}), tailed through
   * {@code tails} at once.
   *
   * @param bufferLines lines kept per stream's ring and in the list ({@code logs.buffer.lines})
   */
  public static LogView open(
      LogTails tails, TopologySnapshot snapshot, String node, int bufferLines) {
    LogViewModel model =
        new LogViewModel(
            Optional.of(tails),
            bufferLines,
            LogText.STANDARD,
            ZoneId.systemDefault(),
            System::nanoTime);
    LogView view = new LogView(model);
    model.inspect(snapshot, Optional.of(node));
    model.showing(true);
    return view;
  }

  /** The view, for a scene. */
  public Parent node() {
    return pane;
  }

  /** Lines the source delivered. */
  public long linesReceived() {
    return model.linesReceived();
  }

  /** Lines that reached the list (the oldest since trimmed to the buffer's size). */
  public long linesShown() {
    return model.linesShown();
  }

  /** Lines a flood gate left out or a full ring dropped. */
  public long linesDropped() {
    return model.linesDropped();
  }

  /** Lines in the list now: at most the buffer's size. */
  public int linesListed() {
    return model.lines().size();
  }

  /** Cells the list has made: about a screenful, however many lines it holds. */
  public int cellsMade() {
    return pane.cellsMade();
  }

  /** Whether the list follows the newest line. */
  public boolean following() {
    return model.following().get();
  }

  /** Closes the tail and stops the pulses. */
  public void close() {
    pane.stop();
    model.close();
  }
}
