package dev.sidescope.views.logs;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.source.LogTails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One open tail's buffers: per stream, a flood gate in front of a {@link LogRing}; the states the
 * source said, in order. The source writes into it on its threads ({@link LogTails.Sink}); the view
 * drains it on the FX thread, in bulk, a pulse at a time. It never blocks the source: a full ring
 * drops its oldest line, and the gate's note says how many a flood cost.
 *
 * <p>The first line or state written after a drain calls {@code wake} once (on the source's
 * thread), so that the view asks for a pulse; until the next drain, further writes call nothing.
 */
public final class LogSession implements LogTails.Sink {
  private final int capacity;
  private final LogText text;
  private final LongSupplier nanoTime;
  private final Map<LogStream, Lane> lanes = new ConcurrentHashMap<>();
  private final Queue<LogStreamState> states = new ConcurrentLinkedQueue<>();
  private final AtomicInteger colours = new AtomicInteger();
  private final AtomicBoolean woken = new AtomicBoolean();
  private final AtomicLong received = new AtomicLong();
  private volatile Runnable wake;
  private final List<LogTails.Tail> tails = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** One stream's gate and ring. */
  private static final class Lane {
    final LogStream stream;
    final int colour;
    final Admission gate;
    final LogRing<ShownLine> ring;

    Lane(LogStream stream, int colour, Admission gate, int capacity) {
      this.stream = stream;
      this.colour = colour;
      this.gate = gate;
      this.ring = new LogRing<>(capacity);
    }
  }

  public LogSession(int capacity, LogText text, LongSupplier nanoTime, Runnable wake) {
    this.capacity = capacity;
    this.text = text;
    this.nanoTime = nanoTime;
    this.wake = wake;
  }

  /** A tail writing into this session; closed with it. */
  public void opened(LogTails.Tail value) {
    tails.add(value);
    if (closed) {
      value.close();
    }
  }

  /** From now on, writes wake this instead (a detached window took the session over). */
  public void wakeWith(Runnable value) {
    this.wake = value;
    woken.set(false);
    value.run();
  }

  private Lane lane(LogStream stream) {
    return lanes.computeIfAbsent(
        stream, s -> new Lane(s, colours.getAndIncrement(), text.gate(), capacity));
  }

  // ---- the source's side

  @Override
  public void lines(List<LogLine> lines) {
    if (lines.isEmpty()) {
      return;
    }
    received.addAndGet(lines.size());
    long now = nanoTime.getAsLong();
    List<ShownLine> kept = new ArrayList<>(lines.size());
    int from = 0;
    while (from < lines.size()) {
      LogStream stream = lines.get(from).stream();
      int to = from + 1;
      while (to < lines.size() && lines.get(to).stream().equals(stream)) {
        to++;
      }
      Lane lane = lane(stream);
      synchronized (lane) {
        for (int i = from; i < to; i++) {
          if (lane.gate.admit(now)) {
            kept.add(new ShownLine(lines.get(i), lane.colour, false));
          }
        }
        note(lane, now, kept.isEmpty() ? Instant.now() : kept.get(0).time());
        lane.ring.addAll(kept);
      }
      kept.clear();
      from = to;
    }
    poke();
  }

  /** Puts the gate's note, when one is due, into the lane's ring as a line of its stream. */
  private static void note(Lane lane, long now, Instant at) {
    Optional<String> note = lane.gate.takeNote(now);
    if (note.isPresent()) {
      lane.ring.add(new ShownLine(new LogLine(at, lane.stream, note.get()), lane.colour, true));
    }
  }

  @Override
  public void state(LogStreamState state) {
    lane(state.stream());
    states.add(state);
    poke();
  }

  private void poke() {
    if (woken.compareAndSet(false, true)) {
      wake.run();
    }
  }

  // ---- the view's side

  /**
   * Moves at most {@code max} lines into {@code out}, shared among the streams that have some
   * waiting, each stream's oldest first.
   */
  public int drainLines(List<ShownLine> out, int max) {
    woken.set(false);
    long now = nanoTime.getAsLong();
    List<Lane> busy = new ArrayList<>();
    for (Lane l : lanes.values()) {
      synchronized (l) {
        if (l.gate.dropped() > 0) {
          note(l, now, Instant.now()); // a flood that ended with no line after it: its note is due
        }
      }
      if (l.ring.waiting() > 0) {
        busy.add(l);
      }
    }
    int moved = 0;
    while (!busy.isEmpty() && moved < max) {
      int share = Math.max(1, (max - moved) / busy.size());
      for (int i = busy.size() - 1; i >= 0 && moved < max; i--) {
        Lane l = busy.get(i);
        moved += l.ring.drainTo(out, Math.min(share, max - moved));
        if (l.ring.waiting() == 0) {
          busy.remove(i);
        }
      }
    }
    return moved;
  }

  /** The states said since the last call, in order. */
  public List<LogStreamState> drainStates() {
    List<LogStreamState> out = new ArrayList<>();
    for (LogStreamState s; (s = states.poll()) != null; ) {
      out.add(s);
    }
    return out;
  }

  /** Whether lines or states wait to be drained. */
  public boolean waiting() {
    if (!states.isEmpty()) {
      return true;
    }
    for (Lane l : lanes.values()) {
      if (l.ring.waiting() > 0) {
        return true;
      }
    }
    return false;
  }

  /** The colour of a stream, given when it was first heard of. */
  public int colour(LogStream stream) {
    return lane(stream).colour;
  }

  /** Lines the source delivered. */
  public long received() {
    return received.get();
  }

  /** Lines not shown: left out by a stream's flood gate, or dropped by a full ring. */
  public long dropped() {
    long n = 0;
    for (Lane l : lanes.values()) {
      n += l.gate.dropped() + l.ring.dropped();
    }
    return n;
  }

  /** Closes every tail writing into this session. */
  public void close() {
    closed = true;
    for (LogTails.Tail t : tails) {
      t.close();
    }
  }
}
