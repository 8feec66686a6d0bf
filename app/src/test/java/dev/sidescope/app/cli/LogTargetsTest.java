package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.app.UserError;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a {@code sidescope logs} target names among the pods and tasks the sources see. */
class LogTargetsTest {
  private static Workload pod(String namespace, String name, String owner) {
    return WorkloadBuilder.pod(name)
        .namespace(namespace)
        .owner(owner)
        .app("app")
        .sidecar(SidecarKind.ENVOY, "envoy")
        .build();
  }

  private static Workload task(String cluster, String id, String service) {
    return WorkloadBuilder.task(id).cluster(cluster).owner("Service/" + service).app("app").build();
  }

  private static final List<Workload> SEEN =
      List.of(
          pod("shop", "order-service-5f7c9-abcde", "Deployment/order-service"),
          pod("shop", "order-service-5f7c9-fghij", "Deployment/order-service"),
          pod("shop", "ledger-0", "StatefulSet/ledger"),
          pod("staging", "ledger-0", "StatefulSet/ledger"),
          task("shop-prod", "0123abcd", "order-service"),
          task("shop-prod", "4567ef01", "order-service"));

  private static List<String> names(String target) {
    return LogTargets.resolve(target, SEEN).stream().map(Workload::name).toList();
  }

  @Test
  void aControllerGivesAllItsReplicas() {
    assertThat(names("deploy/order-service"))
        .containsExactly("order-service-5f7c9-abcde", "order-service-5f7c9-fghij");
    assertThat(names("deployment/order-service")).hasSize(2);
  }

  @Test
  void aPodIsNamedBareOrWithItsKind() {
    assertThat(names("order-service-5f7c9-abcde")).containsExactly("order-service-5f7c9-abcde");
    assertThat(names("pod/order-service-5f7c9-fghij")).containsExactly("order-service-5f7c9-fghij");
  }

  @Test
  void anEcsServiceGivesItsTasksAndATaskIsFoundByIdOrArn() {
    assertThat(names("ecs-service/order-service")).containsExactly("0123abcd", "4567ef01");
    assertThat(names("ecs-task/arn:aws:ecs:us-east-1:123456789012:task/shop-prod/4567ef01"))
        .containsExactly("4567ef01");
  }

  @Test
  void aSnapshotIdNamesItsWorkload() {
    Workload first = SEEN.get(0);
    assertThat(LogTargets.resolve(first.id(), SEEN)).containsExactly(first);
  }

  @Test
  void aNameInTwoNamespacesIsAmbiguousAndSaysWhere() {
    assertThatThrownBy(() -> names("sts/ledger"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("more than one place")
        .hasMessageContaining("namespace shop")
        .hasMessageContaining("namespace staging");
  }

  @Test
  void nothingFoundOrAnUnknownFormIsOneSentence() {
    assertThatThrownBy(() -> names("deploy/nope"))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "Deployment/nope was not found among the 4 pods and 2 ECS tasks the sources see.");
    assertThatThrownBy(() -> names("cronjob/x"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is not a pod name");
  }

  @Test
  void durationsReadAsKubectlWritesThem() {
    assertThat(LogsCommand.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(LogsCommand.duration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(LogsCommand.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThatThrownBy(() -> LogsCommand.duration("5 minutes")).isInstanceOf(UserError.class);
    assertThatThrownBy(() -> LogsCommand.duration("0s")).isInstanceOf(UserError.class);
  }
}
