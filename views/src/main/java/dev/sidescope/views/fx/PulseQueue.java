package dev.sidescope.views.fx;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.animation.AnimationTimer;

/**
 * Work that can wait a frame, done one piece per pulse: each piece, and the CSS and layout pass
 * over the nodes it adds, then lands in a pulse of its own instead of all in the one that applies a
 * picture. A piece queued again under the same name before it ran replaces the older one, which
 * keeps its place in the queue.
 *
 * <p>FX thread only.
 */
final class PulseQueue {
  private final Map<String, Runnable> pending = new LinkedHashMap<>();
  private final AnimationTimer timer =
      new AnimationTimer() {
        @Override
        public void handle(long now) {
          runOne();
        }
      };
  private boolean running;
  private boolean justStarted;

  /** Runs {@code work} in a coming pulse, after what was queued before it. */
  void later(String name, Runnable work) {
    pending.put(name, work);
    if (!running) {
      running = true;
      justStarted = true;
      timer.start();
    }
  }

  /** Whether nothing is waiting. */
  boolean idle() {
    return pending.isEmpty();
  }

  private void runOne() {
    if (justStarted) {
      justStarted = false; // the pulse that queued the work has enough of its own
      return;
    }
    var it = pending.entrySet().iterator();
    if (!it.hasNext()) {
      timer.stop();
      running = false;
      return;
    }
    Runnable work = it.next().getValue();
    it.remove();
    work.run();
  }

  /** Drops what is waiting, for a window that closes. */
  void clear() {
    pending.clear();
    timer.stop();
    running = false;
  }
}
