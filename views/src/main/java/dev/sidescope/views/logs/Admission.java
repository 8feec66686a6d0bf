package dev.sidescope.views.logs;

import java.util.Optional;

/**
 * The flood gate in front of one stream's ring: past a rate, lines are not kept, and a note says
 * how many were left out. Not thread-safe: its session calls it under the stream's lock, from the
 * source's threads as lines arrive and from the FX thread for a note due after a flood.
 */
public interface Admission {
  /** Whether the line arriving at {@code nanoTime} is kept. */
  boolean admit(long nanoTime);

  /** Lines left out so far. */
  long dropped();

  /**
   * "… 12,345 lines dropped in 3 s: … …" once a flood is over (or a second into one), as of {@code
   * nanoTime}; else empty.
   */
  Optional<String> takeNote(long nanoTime);
}
