package dev.sidescope.views.find;

import dev.sidescope.topology.model.Severity;
import java.util.Optional;
import java.util.Set;

/**
 * What a find expression can ask about one node of the picture.
 *
 * @param names texts free words are looked for in: names, owner, label, image
 * @param namespace the Kubernetes namespace or ECS cluster, for a box and its members
 * @param platform {@code kubernetes} or {@code ecs}, for a box and its members
 * @param kinds sidecar kind ids, roles ({@code app}, {@code sidecar}, {@code init}) and node styles
 *     ({@code service}, {@code aws}, {@code vault}, {@code external})
 * @param findingCodes codes of the findings about it
 * @param worstFinding the severity of the worst finding about it; empty when there is none
 */
public record NodeFacts(
    String id,
    Set<String> names,
    Optional<String> namespace,
    Optional<String> platform,
    Set<String> kinds,
    Set<String> findingCodes,
    Optional<Severity> worstFinding) {

  public NodeFacts {
    worstFinding = worstFinding == null ? Optional.empty() : worstFinding;
    names = Set.copyOf(names);
    kinds = Set.copyOf(kinds);
    findingCodes = Set.copyOf(findingCodes);
  }
}
