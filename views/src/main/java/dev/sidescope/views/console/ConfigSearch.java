package dev.sidescope.views.console;

import dev.sidescope.topology.model.proxy.ConfigTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds text in a proxy's configuration tree: the next node, in reading order (a node, then its
 * children), whose key or value holds the text, case-insensitive, going round to the top after the
 * last. A node is named by its path: the index of each child from the root down. Pure.
 */
public final class ConfigSearch {
  private ConfigSearch() {}

  /**
   * The path of the first match after {@code after} (or the first of all, when {@code after} is
   * empty or none follows it); empty when nothing matches or the text is blank.
   */
  public static Optional<List<Integer>> next(ConfigTree root, String text, List<Integer> after) {
    String needle = text.strip().toLowerCase(Locale.ROOT);
    if (needle.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> first = null;
    boolean passed = after.isEmpty();
    // Depth first, in reading order, without recursion: a deep dump does not overflow the stack.
    Deque<Frame> stack = new ArrayDeque<>();
    pushChildren(stack, root, List.of());
    while (!stack.isEmpty()) {
      Frame f = stack.pop();
      boolean hit = matches(f.node(), needle);
      if (hit && passed) {
        return Optional.of(f.path());
      }
      if (hit && first == null) {
        first = f.path();
      }
      if (!passed && f.path().equals(after)) {
        passed = true;
      }
      pushChildren(stack, f.node(), f.path());
    }
    return Optional.ofNullable(first);
  }

  private record Frame(ConfigTree node, List<Integer> path) {}

  private static void pushChildren(Deque<Frame> stack, ConfigTree node, List<Integer> path) {
    List<ConfigTree> children = node.children();
    for (int i = children.size() - 1; i >= 0; i--) {
      List<Integer> p = new ArrayList<>(path.size() + 1);
      p.addAll(path);
      p.add(i);
      stack.push(new Frame(children.get(i), List.copyOf(p)));
    }
  }

  private static boolean matches(ConfigTree node, String needle) {
    return node.key().toLowerCase(Locale.ROOT).contains(needle)
        || node.value().map(v -> v.toLowerCase(Locale.ROOT).contains(needle)).orElse(false);
  }

  /** What a node of the tree reads: "key: value" for a leaf, the key for a branch. */
  public static String line(ConfigTree node) {
    return node.value().map(v -> node.key() + ": " + v).orElse(node.key());
  }
}
