package dev.sidescope.testing;

import dev.sidescope.topology.model.Container;
import java.util.List;

/**
 * What the classifier made of a container, in the one line that classifier tests write their
 * expectations in: {@code app}, {@code init}, or {@code sidecar KIND VARIANT} (e.g. {@code sidecar
 * istio-proxy sidecar}).
 */
public final class Roles {
  private Roles() {}

  /** The line for one classified container. */
  public static String describe(Container container) {
    if (!container.isSidecar()) {
      return container.role().wireName();
    }
    return "sidecar "
        + container.kind().orElseThrow().id()
        + " "
        + container.variant().orElseThrow().wireName();
  }

  /** The line for the container of this name among the classified ones. */
  public static String describe(List<Container> classified, String name) {
    return classified.stream()
        .filter(c -> c.name().equals(name))
        .map(Roles::describe)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container named " + name));
  }
}
