package dev.sidescope.topology.model.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A proxy's configuration dump as a tree for a person to open level by level, with every secret
 * already replaced by {@link #REDACTED}: an object's fields and an array's items are children, a
 * scalar is a leaf with a value.
 *
 * @param key the field's name, or {@code [i]} for an array's item; empty for the root
 * @param value a leaf's value as text ({@code "true"}, {@code "8080"}, the string itself)
 * @param children an object's or an array's members, in the dump's order
 */
public record ConfigTree(String key, Optional<String> value, List<ConfigTree> children) {

  /** What stands where a secret was. */
  public static final String REDACTED = "[redacted]";

  public ConfigTree {
    Objects.requireNonNull(key, "key");
    value = value == null ? Optional.empty() : value;
    children = List.copyOf(children);
  }

  public static ConfigTree leaf(String key, String value) {
    return new ConfigTree(key, Optional.of(value), List.of());
  }

  public static ConfigTree branch(String key, List<ConfigTree> children) {
    return new ConfigTree(key, Optional.empty(), children);
  }
}
