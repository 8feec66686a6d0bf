package dev.sidescope.topology.model;

import java.util.Objects;
import java.util.function.BinaryOperator;

/**
 * A typed key for one kind of overlay data: what a source measured (the traffic on an edge) or what
 * an appender worked out for the views (that a workload's source is down). Keys are made only in
 * {@link OverlayKeys}, so each kind of data has one name, one type and one way of folding two
 * values together, and no call site uses a string key or a cast.
 *
 * <p>Keys compare by identity. Immutable and thread-safe.
 *
 * @param <T> the type of the values stored under this key
 */
public final class OverlayKey<T> {
  private final String name;
  private final Class<T> type;
  private final BinaryOperator<T> fold;

  OverlayKey(String name, Class<T> type, BinaryOperator<T> fold) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.fold = Objects.requireNonNull(fold, "fold");
  }

  /** The key's name, for logs and tests, e.g. {@code edge-traffic}. */
  public String name() {
    return name;
  }

  /** The type of its values. */
  public Class<T> type() {
    return type;
  }

  /**
   * One value for two subjects that became one, as when grouping folds the pods of a Deployment
   * into one box: {@code first} belongs to the subject that comes first by id.
   */
  public T fold(T first, T second) {
    return fold.apply(first, second);
  }

  /** The value as this key's type; a value of another type is a programming error. */
  T cast(Object value) {
    return type.cast(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
