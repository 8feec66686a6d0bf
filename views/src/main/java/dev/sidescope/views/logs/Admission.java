package dev.sidescope.views.logs;

import java.util.Optional;

/**
 * The flood gate in front of one stream's ring: past a rate, lines are not kept, and a note says
 * how many were left out. Called on the source's threads, one stream's lines at a time.
 */
public interface Admission {
  /** Whether the line arriving at {@code nanoTime} is kept. */
  boolean admit(long nanoTime);

  /** Lines left out so far. */
  long dropped();

  /** "… 12,345 lines dropped …" once a burst is over (or now and then during one); else empty. */
  Optional<String> takeNote();
}
