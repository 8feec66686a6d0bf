package dev.sidescope.testing;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.notReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Variant;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import org.junit.jupiter.api.Test;

class WorkloadBuilderTest {

  @Test
  void podsAndTasksAreNamedAsTheSnapshotContractNamesThem() {
    assertThat(WorkloadBuilder.pod("web-1").spec())
        .extracting(WorkloadSpec::id, WorkloadSpec::source, WorkloadSpec::namespace)
        .containsExactly("kubernetes/kind-dev/shop/web-1", "kubernetes/kind-dev", "shop");
    assertThat(WorkloadBuilder.task("0123abcd").spec())
        .extracting(WorkloadSpec::id, WorkloadSpec::source, WorkloadSpec::namespace)
        .containsExactly("ecs/us-east-1/prod/0123abcd", "ecs/us-east-1", "prod");
    assertThat(WorkloadBuilder.pod("web-1").namespace("payments").context("test").id())
        .isEqualTo("kubernetes/test/payments/web-1");
  }

  @Test
  void containersKeepTheirOrderAndDeclaredRolesAndTakeIdsFromTheWorkload() {
    Workload pod =
        WorkloadBuilder.pod("p")
            .init("migrate", "m:1")
            .app("web")
            .sidecar(SidecarKind.CLOUD_SQL_PROXY, "proxy")
            .build();

    assertThat(pod.containers())
        .extracting(Container::id, Roles::describe)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(pod.id() + "/migrate", "init"),
            org.assertj.core.groups.Tuple.tuple(pod.id() + "/web", "app"),
            org.assertj.core.groups.Tuple.tuple(
                pod.id() + "/proxy", "sidecar cloud-sql-proxy ambassador"));
    assertThat(pod.container("web").orElseThrow().state()).isEqualTo(ContainerState.runningReady());
    assertThat(pod.container("migrate").orElseThrow().spec().initContainer()).isTrue();
  }

  @Test
  void aChangeKeepsTheContainersRoleAndPlace() {
    Workload pod =
        WorkloadBuilder.pod("p")
            .app("web")
            .sidecar(SidecarKind.XRAY_DAEMON, Variant.SIDECAR, container("xray"))
            .app("worker")
            .change("xray", c -> c.state(notReady()))
            .without("worker")
            .build();

    assertThat(pod.containers()).extracting(Container::name).containsExactly("web", "xray");
    assertThat(pod.sidecar(SidecarKind.XRAY_DAEMON).orElseThrow().state()).isEqualTo(notReady());
  }

  @Test
  void aWorkloadLeftToTheClassifierCannotBeBuiltAsClassified() {
    WorkloadBuilder pod = WorkloadBuilder.pod("p").containers(container("web"));

    assertThat(pod.spec().containers()).hasSize(1);
    assertThatThrownBy(pod::build)
        .hasMessageContaining("web")
        .hasMessageContaining("no declared role");
  }

  @Test
  void aServiceSelectsThePodsLabelledWithItsNameUnlessToldOtherwise() {
    assertThat(ServiceBuilder.service("payment-service").port(8080).build())
        .satisfies(
            s -> {
              assertThat(s.id()).isEqualTo("service/kind-dev/shop/payment-service");
              assertThat(s.selector())
                  .containsExactlyEntriesOf(java.util.Map.of("app", "payment-service"));
            });
    assertThat(
            ServiceBuilder.service("order-service")
                .selector("app", "order")
                .selector("tier", "web")
                .build()
                .selector())
        .containsOnlyKeys("app", "tier")
        .containsEntry("app", "order");
    assertThat(ServiceBuilder.ecsService("xray").build().id())
        .isEqualTo("ecs-service/us-east-1/prod/xray");
  }
}
