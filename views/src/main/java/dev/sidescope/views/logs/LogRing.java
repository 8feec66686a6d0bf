package dev.sidescope.views.logs;

import java.util.List;

/**
 * A bounded ring of one stream's lines between the source that writes them and the view that drains
 * them: when it is full, the oldest line not yet drained makes room for the newest, and is counted
 * as dropped. Memory stays at {@code capacity} references however fast lines come.
 *
 * <p>Threads: any number of writers (the source's threads) and one drainer (the FX thread, on the
 * pulse). Each call holds the ring's lock only for an array copy; nobody waits on I/O under it.
 *
 * @param <T> what is kept: a line, or a line with what the view needs of it
 */
public final class LogRing<T> {
  /** Lines kept per stream when the settings do not say: {@code logs.buffer.lines}. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final Object[] items;
  private int head; // index of the oldest line not yet drained
  private int size;
  private long written;
  private long dropped;

  public LogRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a ring holds at least one line: " + capacity);
    }
    this.items = new Object[capacity];
  }

  public int capacity() {
    return items.length;
  }

  /** Adds a line; the oldest one waiting is dropped when the ring is full. */
  public synchronized void add(T line) {
    written++;
    if (size == items.length) {
      items[head] = line;
      head = (head + 1) % items.length;
      dropped++;
      return;
    }
    items[(head + size) % items.length] = line;
    size++;
  }

  /** Adds lines in order, as {@link #add} each. */
  public synchronized void addAll(List<? extends T> lines) {
    for (int i = 0, n = lines.size(); i < n; i++) {
      add(lines.get(i));
    }
  }

  /**
   * Moves at most {@code max} of the oldest lines waiting into {@code out}, oldest first.
   *
   * @return how many were moved
   */
  @SuppressWarnings("unchecked")
  public synchronized int drainTo(List<? super T> out, int max) {
    int n = Math.min(max, size);
    for (int i = 0; i < n; i++) {
      int at = (head + i) % items.length;
      out.add((T) items[at]);
      items[at] = null;
    }
    head = (head + n) % items.length;
    size -= n;
    return n;
  }

  /** Lines waiting to be drained. */
  public synchronized int waiting() {
    return size;
  }

  /** Lines ever added. */
  public synchronized long written() {
    return written;
  }

  /** Lines dropped before they were drained, the ring being full. */
  public synchronized long dropped() {
    return dropped;
  }
}
