package dev.sidescope.topology.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Values under {@link OverlayKey}s, each about one subject: a workload, container, node or edge,
 * named by its id (an edge by {@link Edge#key(String, String, EdgeKind)}). What a source publishes
 * to an {@code OverlaySink} is overlay data, and so is what the appenders leave in a {@link
 * TopologySnapshot} for the views.
 *
 * <p>Immutable and thread-safe. Subjects under each key are kept in the order of their ids, so
 * equal data always iterates alike.
 */
public final class OverlayData {
  /** No data at all. */
  public static final OverlayData EMPTY = new OverlayData(Map.of());

  // Key -> subject -> value; each inner map is unmodifiable and sorted by subject.
  private final Map<OverlayKey<?>, Map<String, ?>> byKey;

  private OverlayData(Map<OverlayKey<?>, Map<String, ?>> byKey) {
    this.byKey = byKey;
  }

  /** A builder of new data. */
  public static Builder builder() {
    return new Builder();
  }

  /** The value under {@code key} about {@code subject}, if any. */
  public <T> Optional<T> get(String subject, OverlayKey<T> key) {
    Map<String, ?> values = byKey.get(key);
    return values == null ? Optional.empty() : Optional.ofNullable(key.cast(values.get(subject)));
  }

  /** Every value under {@code key}, by subject in the order of the subjects' ids; unmodifiable. */
  @SuppressWarnings("unchecked") // the builder only ever stores values of the key's own type
  public <T> Map<String, T> all(OverlayKey<T> key) {
    Map<String, ?> values = byKey.get(key);
    return values == null ? Map.of() : (Map<String, T>) values;
  }

  /** The keys with at least one value. */
  public Set<OverlayKey<?>> keys() {
    return byKey.keySet();
  }

  public boolean isEmpty() {
    return byKey.isEmpty();
  }

  /** This data with every value under {@code key} replaced by {@code values}; empty removes it. */
  public <T> OverlayData with(OverlayKey<T> key, Map<String, T> values) {
    Map<OverlayKey<?>, Map<String, ?>> copy = new LinkedHashMap<>(byKey);
    if (values.isEmpty()) {
      copy.remove(key);
    } else {
      // Sorting the subjects in an array and keeping that order costs a fraction of putting them
      // into a tree one by one: an appender may write tens of thousands of container ids.
      String[] subjects = values.keySet().toArray(new String[0]);
      Arrays.sort(subjects);
      Map<String, T> sorted = new LinkedHashMap<>(subjects.length * 4 / 3 + 1);
      for (String subject : subjects) {
        sorted.put(subject, key.cast(values.get(subject)));
      }
      copy.put(key, Collections.unmodifiableMap(sorted));
    }
    return new OverlayData(Collections.unmodifiableMap(copy));
  }

  /**
   * Several sources' data as one. Where two say something under the same key about the same
   * subject, the earlier in {@code data} stands; the store passes them in the order of the sources'
   * ids, so the result does not depend on who published last.
   */
  public static OverlayData merge(List<OverlayData> data) {
    List<OverlayData> nonEmpty = data.stream().filter(d -> !d.isEmpty()).toList();
    if (nonEmpty.isEmpty()) {
      return EMPTY;
    }
    if (nonEmpty.size() == 1) {
      return nonEmpty.get(0);
    }
    Builder merged = builder();
    for (OverlayData d : nonEmpty) {
      for (Map.Entry<OverlayKey<?>, Map<String, ?>> e : d.byKey.entrySet()) {
        merged.putAllAbsent(e.getKey(), e.getValue());
      }
    }
    return merged.build();
  }

  /**
   * This data about other subjects: each subject is renamed by {@code rename}; where several become
   * one, their values are folded by the key, in the order of the old subjects' ids. Used when
   * grouping folds pods into boxes.
   */
  public OverlayData renamed(UnaryOperator<String> rename) {
    if (byKey.isEmpty()) {
      return this;
    }
    Builder renamed = builder();
    for (Map.Entry<OverlayKey<?>, Map<String, ?>> e : byKey.entrySet()) {
      renamed.putAllRenamed(e.getKey(), e.getValue(), rename);
    }
    return renamed.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OverlayData other && byKey.equals(other.byKey);
  }

  @Override
  public int hashCode() {
    return byKey.hashCode();
  }

  @Override
  public String toString() {
    return "OverlayData" + byKey;
  }

  /** Collects values; a later value about the same subject under the same key replaces it. */
  public static final class Builder {
    private final Map<OverlayKey<?>, Map<String, Object>> byKey = new LinkedHashMap<>();

    private Builder() {}

    /** Puts {@code value} under {@code key} about {@code subject}. */
    public <T> Builder put(String subject, OverlayKey<T> key, T value) {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(value, "value");
      byKey.computeIfAbsent(key, k -> new HashMap<>()).put(subject, key.cast(value));
      return this;
    }

    /** Everything of {@code data}; its values replace this builder's about the same subjects. */
    public Builder putAll(OverlayData data) {
      data.byKey.forEach(
          (key, values) -> byKey.computeIfAbsent(key, k -> new HashMap<>()).putAll(values));
      return this;
    }

    private void putAllAbsent(OverlayKey<?> key, Map<String, ?> values) {
      Map<String, Object> target = byKey.computeIfAbsent(key, k -> new HashMap<>());
      values.forEach(target::putIfAbsent);
    }

    private <T> void putAllRenamed(
        OverlayKey<T> key, Map<String, ?> values, UnaryOperator<String> rename) {
      Map<String, Object> target = byKey.computeIfAbsent(key, k -> new HashMap<>());
      // Sorted by old subject: the first by id is folded first.
      values.forEach(
          (subject, value) ->
              target.merge(
                  rename.apply(subject),
                  value,
                  (first, second) -> key.fold(key.cast(first), key.cast(second))));
    }

    public OverlayData build() {
      if (byKey.isEmpty()) {
        return EMPTY;
      }
      Map<OverlayKey<?>, Map<String, ?>> frozen = new LinkedHashMap<>();
      byKey.forEach(
          (key, values) -> {
            if (!values.isEmpty()) {
              frozen.put(key, Collections.unmodifiableMap(new TreeMap<>(values)));
            }
          });
      return frozen.isEmpty() ? EMPTY : new OverlayData(Collections.unmodifiableMap(frozen));
    }
  }
}
