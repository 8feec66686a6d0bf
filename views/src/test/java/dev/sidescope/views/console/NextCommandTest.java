package dev.sidescope.views.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.Containers;
import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextCommandTest {
  private static final TopologySnapshot BY_POD = SeedSample.snapshot();

  private static Optional<String> command(Workload w, String container) {
    return NextCommand.forWorkload(w, Grouping.POD, w.container(container));
  }

  @Test
  void aContainerOfAPodShouldGiveItsLogsInTheContextAndNamespaceInUse() {
    assertThat(NextCommand.forNode(BY_POD, SeedSample.ORDER_XRAY))
        .contains(
            "kubectl --context kind-dev -n shop logs order-service-5f7c9-x2k4q -c xray-daemon");
  }

  @Test
  void aContainerThatHasRestartedShouldGiveTheLogsOfItsPreviousRun() {
    Workload pod =
        WorkloadBuilder.pod("web-1")
            .context("prod-eu")
            .app("web")
            .change("web", c -> c.state(Containers.restartedRunning(3)))
            .build();
    assertThat(command(pod, "web"))
        .contains("kubectl --context prod-eu -n shop logs web-1 -c web --previous");
  }

  @Test
  void aPodShouldBeDescribed() {
    assertThat(NextCommand.forNode(BY_POD, SeedSample.ORDER_POD))
        .contains("kubectl --context kind-dev -n shop describe pod order-service-5f7c9-x2k4q");
  }

  @Test
  void aBoxOfReplicasShouldDescribeItsOwnerByKind() {
    TopologySnapshot byWorkload = SeedSample.snapshot(SeedSample.observations(), Grouping.WORKLOAD);
    Workload box =
        byWorkload.workloads().stream()
            .filter(w -> w.owner().equals(Optional.of("Deployment/order-service")))
            .findFirst()
            .orElseThrow();
    assertThat(NextCommand.forNode(byWorkload, box.id()))
        .contains("kubectl --context kind-dev -n shop describe deployment order-service");
    assertThat(NextCommand.forNode(byWorkload, box.id() + "/envoy"))
        .contains("kubectl --context kind-dev -n shop logs deployment/order-service -c envoy");

    Workload set =
        WorkloadBuilder.pod("db").owner("StatefulSet/db").app("postgres").replicas(3).build();
    assertThat(NextCommand.forWorkload(set, Grouping.WORKLOAD, Optional.empty()))
        .contains("kubectl --context kind-dev -n shop describe statefulset db");
  }

  @Test
  void anEcsTaskAndItsContainersShouldBeDescribedInItsClusterAndRegion() {
    Workload task = BY_POD.workload(SeedSample.ORDER_TASK).orElseThrow();
    String describe =
        "aws ecs describe-tasks --cluster prod --tasks " + task.name() + " --region us-east-1";
    assertThat(NextCommand.forNode(BY_POD, task.id())).contains(describe);
    Container fluentBit = task.sidecar(SidecarKind.FLUENT_BIT).orElseThrow();
    assertThat(NextCommand.forNode(BY_POD, fluentBit.id())).contains(describe);
  }

  @Test
  void anEcsServiceBoxShouldDescribeTheService() {
    Workload task =
        WorkloadBuilder.task("order-service")
            .region("eu-west-1")
            .owner("Service/order-service")
            .app("app")
            .build();
    assertThat(NextCommand.forWorkload(task, Grouping.WORKLOAD, Optional.empty()))
        .contains(
            "aws ecs describe-services --cluster prod --services order-service"
                + " --region eu-west-1");
  }

  @Test
  void aNodeThatIsNeitherPodNorTaskShouldHaveNoCommand() {
    String aws =
        BY_POD.nodes().stream()
            .filter(n -> n.kind() == NodeKind.AWS)
            .findFirst()
            .orElseThrow()
            .id();
    assertThat(NextCommand.forNode(BY_POD, aws)).isEmpty();
    assertThat(NextCommand.forNode(BY_POD, "no/such/node")).isEmpty();
  }

  @Test
  void argumentsShouldBeQuotedForAPosixShellOnlyWhenTheyNeedIt() {
    assertThat(NextCommand.quote("arn:aws:eks:us-east-1:123:cluster/dev@me_=x.y-z"))
        .isEqualTo("arn:aws:eks:us-east-1:123:cluster/dev@me_=x.y-z");
    assertThat(NextCommand.quote("my context")).isEqualTo("'my context'");
    assertThat(NextCommand.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(NextCommand.quote("$(rm -rf ~)")).isEqualTo("'$(rm -rf ~)'");
    assertThat(NextCommand.quote("")).isEqualTo("''");
    Workload pod = WorkloadBuilder.pod("web-1").context("team's cluster").app("web").build();
    assertThat(command(pod, "web"))
        .contains("kubectl --context 'team'\\''s cluster' -n shop logs web-1 -c web");
  }
}
