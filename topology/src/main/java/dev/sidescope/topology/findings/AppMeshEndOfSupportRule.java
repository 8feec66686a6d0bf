package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code APPMESH_END_OF_SUPPORT}, severity {@code info}: a workload still runs an AWS App Mesh
 * Envoy ({@link SidecarKind#APPMESH_ENVOY}). App Mesh reached end of support on 30 September 2026:
 * the control plane no longer takes changes and its Envoy images get no more fixes, so the mesh is
 * a migration waiting to happen. The message says where to go: Amazon ECS Service Connect for an
 * ECS task; another service mesh or Amazon VPC Lattice for a Kubernetes pod.
 *
 * <p>Info rather than a warning: the traffic still flows today, and nothing about the workload
 * itself is wrong. One finding per App Mesh Envoy container.
 */
public final class AppMeshEndOfSupportRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "APPMESH_END_OF_SUPPORT";

  /** When App Mesh reached end of support, as the messages say it. */
  static final String END_OF_SUPPORT = "30 September 2026";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Finding> examine(Workload workload, DoctorContext context) {
    List<Finding> findings = List.of();
    List<Container> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      if (c.is(SidecarKind.APPMESH_ENVOY)) {
        findings = findings.isEmpty() ? new ArrayList<>() : findings;
        findings.add(finding(workload, c));
      }
    }
    return findings;
  }

  private static Finding finding(Workload workload, Container envoy) {
    String instead =
        workload.platform() == Platform.ECS
            ? "move the service to Amazon ECS Service Connect, which runs its own managed proxy."
            : "move the service to another service mesh (Istio or Linkerd) or to Amazon VPC Lattice.";
    String message =
        Wording.capitalized(Wording.place(workload))
            + " still runs an App Mesh Envoy ("
            + envoy.name()
            + "), and AWS App Mesh reached end of support on "
            + END_OF_SUPPORT
            + "; "
            + instead;
    return new Finding(Severity.INFO, CODE, workload.id(), Optional.of(envoy.name()), message);
  }
}
