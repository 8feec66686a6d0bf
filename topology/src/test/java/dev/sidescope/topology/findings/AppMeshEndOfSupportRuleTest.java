package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppMeshEndOfSupportRuleTest {
  private final AppMeshEndOfSupportRule rule = new AppMeshEndOfSupportRule();

  private List<Finding> examine(Workload workload) {
    return rule.examine(workload, new DoctorContext(List.of(workload), List.of()));
  }

  @Test
  void ecsTaskWithAnAppMeshEnvoyIsToldToMoveToServiceConnect() {
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .owner("Service/colorteller")
            .app(container("app").essential(true).state(running()))
            .sidecar(SidecarKind.APPMESH_ENVOY, container("envoy").essential(true).state(running()))
            .build();

    assertThat(examine(task))
        .containsExactly(
            new Finding(
                Severity.INFO,
                "APPMESH_END_OF_SUPPORT",
                task.id(),
                Optional.of("envoy"),
                "Task 0123abcd still runs an App Mesh Envoy (envoy), and AWS App Mesh reached end of"
                    + " support on 30 September 2026; move the service to Amazon ECS Service"
                    + " Connect, which runs its own managed proxy."));
  }

  @Test
  void kubernetesPodIsToldToMoveToAnotherMeshOrVpcLattice() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app(container("order-service").state(running()))
            .sidecar(SidecarKind.APPMESH_ENVOY, "envoy")
            .build();

    assertThat(examine(pod))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.container()).contains("envoy");
              assertThat(f.message())
                  .startsWith("Pod order-service-5f7c9-x2k4q still runs an App Mesh Envoy (envoy)")
                  .endsWith(
                      "move the service to another service mesh (Istio or Linkerd) or to Amazon"
                          + " VPC Lattice.");
            });
  }

  @Test
  void plainEnvoyAndServiceConnectProxyAreNotAppMesh() {
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .app(container("app").essential(true).state(running()))
            .sidecar(SidecarKind.ENVOY, "ecs-service-connect-7hq2x")
            .build();

    assertThat(examine(task)).isEmpty();
  }

  @Test
  void workloadWithoutSidecarsIsNotReported() {
    assertThat(examine(WorkloadBuilder.pod("lonely").app("lonely").build())).isEmpty();
  }
}
