package dev.sidescope.views.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to change in the drawn graph to go from one set of node looks and edges to the next: nodes
 * to remove, add or restyle (a move is a restyle), edges to remove or add. Untouched nodes are not
 * mentioned, so they neither move nor flicker. Pure.
 *
 * @param edgesToAdd keys of edges to add, with their endpoints in {@code edgeEnds}
 */
public record GraphDiff(
    List<String> nodesToRemove,
    List<NodeLook> nodesToAdd,
    List<NodeLook> nodesToRestyle,
    List<String> edgesToRemove,
    List<String> edgesToAdd) {

  /** The endpoints of an edge of the drawn graph. */
  public record Ends(String from, String to) {}

  public static GraphDiff between(
      Map<String, NodeLook> before,
      Map<String, NodeLook> after,
      Map<String, Ends> edgesBefore,
      Map<String, Ends> edgesAfter) {
    List<String> removeNodes = new ArrayList<>();
    List<NodeLook> add = new ArrayList<>();
    List<NodeLook> restyle = new ArrayList<>();
    before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(removeNodes::add);
    after.forEach(
        (id, look) -> {
          NodeLook old = before.get(id);
          if (old == null) {
            add.add(look);
          } else if (!old.equals(look)) {
            restyle.add(look);
          }
        });
    List<String> removeEdges = new ArrayList<>();
    List<String> addEdges = new ArrayList<>();
    edgesBefore.forEach(
        (key, ends) -> {
          Ends now = edgesAfter.get(key);
          boolean endGone = removeNodes.contains(ends.from()) || removeNodes.contains(ends.to());
          if (now == null || !Objects.equals(now, ends) || endGone) {
            removeEdges.add(key);
          }
        });
    edgesAfter.forEach(
        (key, ends) -> {
          if (!edgesBefore.containsKey(key) || removeEdges.contains(key)) {
            addEdges.add(key);
          }
        });
    return new GraphDiff(removeNodes, add, restyle, removeEdges, addEdges);
  }

  public boolean isEmpty() {
    return nodesToRemove.isEmpty()
        && nodesToAdd.isEmpty()
        && nodesToRestyle.isEmpty()
        && edgesToRemove.isEmpty()
        && edgesToAdd.isEmpty();
  }
}
