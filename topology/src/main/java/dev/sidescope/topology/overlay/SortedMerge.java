package dev.sidescope.topology.overlay;

import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * What appenders that measure edges share: measured edges put on a snapshot's sorted edges (found
 * by binary search, the rest added in order), and added nodes merged into its sorted nodes. A few
 * hundred measured edges cost microseconds against a base of 90,000.
 *
 * <p>Stateless.
 */
final class SortedMerge {
  private SortedMerge() {}

  /**
   * {@code base} with each of {@code measured} put on the edge it names ({@code onExisting(old,
   * measured)}) or added where there is none, in {@link Edge#ORDER}.
   */
  static List<Edge> edges(
      List<Edge> base, Collection<Edge> measured, BinaryOperator<Edge> onExisting) {
    Edge[] out = base.toArray(new Edge[0]);
    List<Edge> added = new ArrayList<>();
    for (Edge e : measured) {
      int at = Collections.binarySearch(base, e, Edge.ORDER);
      if (at >= 0) {
        out[at] = onExisting.apply(base.get(at), e);
      } else {
        added.add(e);
      }
    }
    added.sort(Edge.ORDER);
    return merged(out, added, Edge.ORDER);
  }

  /** {@code base} with {@code added} (none of them in it), in {@link Node#ORDER}. */
  static List<Node> nodes(List<Node> base, Collection<Node> added) {
    List<Node> more = new ArrayList<>(added);
    more.sort(Node.ORDER);
    return merged(base.toArray(new Node[0]), more, Node.ORDER);
  }

  private static <T> List<T> merged(T[] sorted, List<T> more, Comparator<T> order) {
    List<T> out = new ArrayList<>(sorted.length + more.size());
    int i = 0;
    int j = 0;
    while (i < sorted.length || j < more.size()) {
      if (j == more.size() || i < sorted.length && order.compare(sorted[i], more.get(j)) <= 0) {
        out.add(sorted[i++]);
      } else {
        out.add(more.get(j++));
      }
    }
    return out;
  }
}
