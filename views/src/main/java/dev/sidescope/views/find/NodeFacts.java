package dev.sidescope.views.find;

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
 */
public record NodeFacts(
    String id,
    Set<String> names,
    Optional<String> namespace,
    Optional<String> platform,
    Set<String> kinds,
    Set<String> findingCodes) {

  public NodeFacts {
    names = Set.copyOf(names);
    kinds = Set.copyOf(kinds);
    findingCodes = Set.copyOf(findingCodes);
  }
}
