package dev.sidescope.collectors.proxy;

import dev.sidescope.topology.model.proxy.StatSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recent values of every stat of the few sidecars a person is looking at: only those asked
 * about ({@link #keep}), at most {@code subjects} of them (the least recently asked is dropped),
 * the last {@code depth} polls of each. Nothing is kept for the other sidecars, so a hundred of
 * them cost nothing here.
 *
 * <p>Threading: thread-safe; polls record from the poll threads while questions read.
 */
final class StatHistory {
  private final int subjects;
  private final int depth;
  // Access order: the eldest is the least recently asked.
  private final LinkedHashMap<String, Rings> kept = new LinkedHashMap<>(8, 0.75f, true);

  StatHistory(int subjects, int depth) {
    this.subjects = subjects;
    this.depth = depth;
  }

  /** Starts keeping {@code subject}'s stats, or marks it asked again; drops the least recent. */
  synchronized void keep(String subject) {
    kept.computeIfAbsent(subject, s -> new Rings(depth));
    Iterator<String> eldest = kept.keySet().iterator();
    while (kept.size() > subjects && eldest.hasNext()) {
      eldest.next();
      eldest.remove();
    }
  }

  /** Whether polls of {@code subject} should record every stat. Does not count as asking. */
  synchronized boolean keeps(String subject) {
    return kept.containsKey(subject); // unlike get(), does not count as an access
  }

  /** Whether anything was recorded for {@code subject} yet. */
  synchronized boolean recorded(String subject) {
    Rings r = peek(subject);
    return r != null && r.count > 0;
  }

  /** One poll's values of {@code subject}'s stats; ignored when it is not kept. */
  synchronized void record(String subject, Map<String, Long> values) {
    Rings r = peek(subject);
    if (r != null) {
      r.record(values);
    }
  }

  /** Stops keeping {@code subject}: it left the sidecars read. */
  synchronized void forget(String subject) {
    kept.remove(subject);
  }

  /**
   * At most {@code limit} of {@code subject}'s stats whose names contain {@code search}
   * (case-insensitive; every stat where it is blank), sorted by name, each with its kept values,
   * oldest first.
   */
  synchronized List<StatSeries> answer(String subject, String search, int limit) {
    Rings r = peek(subject);
    if (r == null || limit <= 0) {
      return List.of();
    }
    String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (String name : r.rings.keySet()) {
      if (needle.isEmpty() || name.toLowerCase(Locale.ROOT).contains(needle)) {
        names.add(name);
      }
    }
    names.sort(null);
    List<StatSeries> out = new ArrayList<>(Math.min(limit, names.size()));
    for (String name : names.subList(0, Math.min(limit, names.size()))) {
      out.add(new StatSeries(name, r.values(name)));
    }
    return out;
  }

  private Rings peek(String subject) {
    for (Map.Entry<String, Rings> e : kept.entrySet()) {
      if (e.getKey().equals(subject)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** One sidecar's stats, each in a ring of the last {@code depth} polls; NaN where absent. */
  private static final class Rings {
    final int depth;
    final Map<String, double[]> rings = new HashMap<>();
    int next; // where the next poll goes
    int count; // polls recorded, at most depth

    Rings(int depth) {
      this.depth = depth;
    }

    void record(Map<String, Long> values) {
      for (Map.Entry<String, Long> v : values.entrySet()) {
        double[] ring =
            rings.computeIfAbsent(
                v.getKey(),
                k -> {
                  double[] fresh = new double[depth];
                  Arrays.fill(fresh, Double.NaN);
                  return fresh;
                });
        ring[next] = v.getValue();
      }
      // A stat this poll did not print: nothing at this poll; gone once no poll kept has it.
      rings
          .entrySet()
          .removeIf(
              e -> {
                if (!values.containsKey(e.getKey())) {
                  e.getValue()[next] = Double.NaN;
                  return allNaN(e.getValue());
                }
                return false;
              });
      next = (next + 1) % depth;
      count = Math.min(count + 1, depth);
    }

    List<Double> values(String name) {
      double[] ring = rings.get(name);
      List<Double> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        double v = ring[Math.floorMod(next - count + i, depth)];
        if (!Double.isNaN(v)) {
          out.add(v);
        }
      }
      return out;
    }

    private static boolean allNaN(double[] ring) {
      for (double v : ring) {
        if (!Double.isNaN(v)) {
          return false;
        }
      }
      return true;
    }
  }
}
