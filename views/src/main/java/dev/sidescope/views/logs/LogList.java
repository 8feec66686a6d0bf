package dev.sidescope.views.logs;

import dev.sidescope.topology.logs.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The lines the view lists: every stream's lines merged by time, the newest {@code capacity} kept.
 * A batch drained on a pulse is merged in and comes back as one {@link Edit} for the list control
 * to apply, so the control does one change per pulse however many lines came.
 *
 * <p>Lines mostly arrive in time order, and a batch then only appends; a stream that is late (the
 * tail of one container's history arriving after another's live lines) merges into the end of the
 * list from the first line it belongs before. Not thread-safe: the FX thread.
 */
public final class LogList {
  /** Oldest first; lines of one time keep their streams apart, and each stream its own order. */
  static final Comparator<ShownLine> ORDER = (a, b) -> LogLine.BY_TIME.compare(a.line(), b.line());

  /**
   * One change of the list: drop the first {@code trimmed} lines, then replace everything from
   * {@code from} (counted after the trim) to the end with {@code tail}.
   */
  public record Edit(int trimmed, int from, List<ShownLine> tail) {
    public static final Edit NONE = new Edit(0, Integer.MAX_VALUE, List.of());

    public boolean isNone() {
      return trimmed == 0 && tail.isEmpty() && from == Integer.MAX_VALUE;
    }
  }

  private final int capacity;
  private final ArrayList<ShownLine> lines = new ArrayList<>();
  private long added;
  private long trimmedTotal;

  public LogList(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a list holds at least one line: " + capacity);
    }
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }

  /** The lines, oldest first; a view that changes with the list. */
  public List<ShownLine> lines() {
    return Collections.unmodifiableList(lines);
  }

  public int size() {
    return lines.size();
  }

  /** Lines ever added. */
  public long added() {
    return added;
  }

  /** Lines ever trimmed from the front to keep the list at its capacity. */
  public long trimmed() {
    return trimmedTotal;
  }

  /** Merges a batch in (any order) and keeps the newest {@code capacity} lines. */
  public Edit add(List<ShownLine> batch) {
    if (batch.isEmpty()) {
      return Edit.NONE;
    }
    List<ShownLine> sorted = new ArrayList<>(batch);
    sorted.sort(ORDER); // stable: a stream's lines of one time keep their order
    added += sorted.size();
    int from = upperBound(sorted.get(0));
    List<ShownLine> tail;
    if (from == lines.size()) {
      lines.addAll(sorted);
      tail = sorted;
    } else {
      List<ShownLine> after = lines.subList(from, lines.size());
      tail = merge(new ArrayList<>(after), sorted);
      after.clear();
      lines.addAll(tail);
    }
    int excess = lines.size() - capacity;
    if (excess <= 0) {
      return new Edit(0, from, tail);
    }
    lines.subList(0, excess).clear();
    trimmedTotal += excess;
    from -= excess;
    if (from < 0) {
      tail = tail.subList(-from, tail.size());
      from = 0;
    }
    return new Edit(excess, from, List.copyOf(tail));
  }

  /** Empties the list. */
  public Edit clear() {
    int n = lines.size();
    lines.clear();
    return new Edit(n, 0, List.of());
  }

  /** The index after the last line that sorts at or before {@code line}. */
  private int upperBound(ShownLine line) {
    int lo = 0;
    int hi = lines.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ORDER.compare(lines.get(mid), line) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static List<ShownLine> merge(List<ShownLine> a, List<ShownLine> b) {
    List<ShownLine> out = new ArrayList<>(a.size() + b.size());
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      out.add(ORDER.compare(b.get(j), a.get(i)) < 0 ? b.get(j++) : a.get(i++));
    }
    out.addAll(a.subList(i, a.size()));
    out.addAll(b.subList(j, b.size()));
    return out;
  }

  /** The first line written at or after {@code time}; empty when every line is older. */
  public OptionalInt firstAtOrAfter(Instant time) {
    int lo = 0;
    int hi = lines.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (lines.get(mid).time().isBefore(time)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == lines.size() ? OptionalInt.empty() : OptionalInt.of(lo);
  }

  /**
   * The next line whose text (as {@code shown} gives it) holds {@code query}, ignoring case: after
   * {@code from} going forward, before it going back, wrapping around once.
   *
   * @param from the line to start from; -1 starts before the first going forward, after the last
   *     going back
   */
  public OptionalInt find(
      String query, int from, boolean forward, Function<ShownLine, String> shown) {
    int n = lines.size();
    if (query.isEmpty() || n == 0) {
      return OptionalInt.empty();
    }
    String q = query.toLowerCase(Locale.ROOT);
    int start = from < 0 || from >= n ? (forward ? -1 : n) : from;
    for (int k = 1; k <= n; k++) {
      int i = Math.floorMod(forward ? start + k : start - k, n);
      if (holds(shown.apply(lines.get(i)), q)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** How many lines hold {@code query}, ignoring case. */
  public int count(String query, Function<ShownLine, String> shown) {
    if (query.isEmpty()) {
      return 0;
    }
    String q = query.toLowerCase(Locale.ROOT);
    int c = 0;
    for (ShownLine l : lines) {
      if (holds(shown.apply(l), q)) {
        c++;
      }
    }
    return c;
  }

  /** Whether {@code text} holds {@code lowerQuery}, ignoring case, without copying the text. */
  public static boolean holds(String text, String lowerQuery) {
    int m = lowerQuery.length();
    for (int i = 0, last = text.length() - m; i <= last; i++) {
      if (text.regionMatches(true, i, lowerQuery, 0, m)) {
        return true;
      }
    }
    return false;
  }
}
