package dev.sidescope.collectors.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.ContainerState.Phase;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A running task joined with its task definition: what it is, and what it is doing now. */
class EcsRunningTaskTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EcsTaskDefinitions tasks = new EcsTaskDefinitions("ecs/us-east-1", "ecs/us-east-1");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final String DEFINITION =
      """
      {"taskDefinition": {
        "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/order-service:3",
        "family": "order-service",
        "revision": 3,
        "containerDefinitions": [
          {"name": "order-service", "image": "order-service:latest", "essential": true,
           "environment": [
             {"name": "LOG_OUTPUT", "value": "/var/log/app/app.log"},
             {"name": "DB_PASSWORD", "value": "s3cr3t-Passw0rd!"}],
           "secrets": [{"name": "API_TOKEN",
                        "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:api"}]},
          {"name": "fluent-bit-sidecar", "image": "amazon/aws-for-fluent-bit:stable",
           "essential": false}
        ]},
       "tags": []}
      """;

  private static String task(String group, String sidecarState) {
    return """
        {"taskArn": "arn:aws:ecs:us-east-1:123456789012:task/shop-prod/5d0f4c6b2a8e4b1f9c3a7e6d2b1c0a9f",
         "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/shop-prod",
         "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/order-service:3",
         %s
         "lastStatus": "RUNNING", "healthStatus": "HEALTHY",
         "tags": [{"key": "team", "value": "orders"}],
         "containers": [
           {"name": "order-service", "image": "order-service:latest", "lastStatus": "RUNNING",
            "healthStatus": "HEALTHY"},
           {"name": "fluent-bit-sidecar", "image": "amazon/aws-for-fluent-bit:stable", %s}
         ]}
        """
        .formatted(group, sidecarState);
  }

  private static final String RUNNING =
      "\"lastStatus\": \"RUNNING\", \"healthStatus\": \"HEALTHY\"";

  private static ContainerSpec container(WorkloadSpec w, String name) {
    return w.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void serviceTaskIsOwnedByItsServiceAndNamedAfterItsTaskId() {
    WorkloadSpec w =
        tasks.runningTask(
            json(task("\"group\": \"service:order-service\",", RUNNING)),
            json(DEFINITION),
            "shop-prod");

    assertThat(w.id()).isEqualTo("ecs/us-east-1/shop-prod/5d0f4c6b2a8e4b1f9c3a7e6d2b1c0a9f");
    assertThat(w.platform()).isEqualTo(Platform.ECS);
    assertThat(w.source()).isEqualTo("ecs/us-east-1");
    assertThat(w.namespace()).isEqualTo("shop-prod");
    assertThat(w.name()).isEqualTo("5d0f4c6b2a8e4b1f9c3a7e6d2b1c0a9f");
    assertThat(w.owner()).contains("Service/order-service");
    assertThat(w.phase()).contains("RUNNING");
    assertThat(w.labels()).isEqualTo(Map.of("team", "orders"));
    assertThat(w.containers())
        .extracting(ContainerSpec::name)
        .containsExactly("order-service", "fluent-bit-sidecar");
    assertThat(container(w, "fluent-bit-sidecar").essential()).contains(false);
    assertThat(container(w, "order-service").state())
        .isEqualTo(
            new ContainerState(
                Phase.RUNNING,
                Optional.of(true),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("HEALTHY")));
  }

  @Test
  void taskStartedByHandIsOwnedByItsTaskDefinitionRevision() {
    WorkloadSpec w =
        tasks.runningTask(
            json(task("\"group\": \"family:order-service\",", RUNNING)),
            json(DEFINITION),
            "shop-prod");

    assertThat(w.owner()).contains("TaskDefinition/order-service:3");
  }

  @Test
  void stoppedSidecarCarriesItsExitCodeAndReason() {
    WorkloadSpec w =
        tasks.runningTask(
            json(
                task(
                    "\"group\": \"service:order-service\",",
                    "\"lastStatus\": \"STOPPED\", \"exitCode\": 1,"
                        + " \"reason\": \"OutOfMemoryError: Container killed\"")),
            json(DEFINITION),
            "shop-prod");

    ContainerState state = container(w, "fluent-bit-sidecar").state();
    assertThat(state.phase()).isEqualTo(Phase.TERMINATED);
    assertThat(state.ready()).contains(false);
    assertThat(state.exitCode()).contains(1);
    assertThat(state.reason()).contains("OutOfMemoryError: Container killed");
  }

  @Test
  void credentialLikeValuesAreMaskedAndSecretReferencesStayInTheAccount() {
    WorkloadSpec w =
        tasks.runningTask(
            json(task("\"group\": \"service:order-service\",", RUNNING)),
            json(DEFINITION),
            "shop-prod");

    assertThat(container(w, "order-service").env())
        .containsExactly(
            EnvVar.literal("LOG_OUTPUT", "/var/log/app/app.log"),
            EnvVar.literal("DB_PASSWORD", CredentialMask.MASK),
            EnvVar.reference("API_TOKEN", "ECS secret"));
    assertThat(w.toString()).doesNotContain("s3cr3t").doesNotContain("secretsmanager");
  }

  @Test
  void containerTheDefinitionDoesNotDeclareIsAddedAfterTheDeclaredOnes() {
    String withServiceConnect =
        task("\"group\": \"service:order-service\",", RUNNING)
            .replace(
                "]}\n",
                ", {\"name\": \"ecs-service-connect-7hq2x\","
                    + " \"image\": \"ecs-service-connect-agent:interface-v1\","
                    + " \"lastStatus\": \"RUNNING\", \"healthStatus\": \"HEALTHY\"}]}\n");

    WorkloadSpec w = tasks.runningTask(json(withServiceConnect), json(DEFINITION), "shop-prod");

    assertThat(w.containers())
        .extracting(ContainerSpec::name)
        .containsExactly("order-service", "fluent-bit-sidecar", "ecs-service-connect-7hq2x");
    assertThat(container(w, "ecs-service-connect-7hq2x").state().phase()).isEqualTo(Phase.RUNNING);
  }

  @Test
  void withoutItsDefinitionATaskIsReadFromItsOwnContainers() {
    WorkloadSpec w = tasks.runningTask(json(task("", RUNNING)), null, "shop-prod");

    assertThat(w.owner()).contains("TaskDefinition/order-service:3");
    assertThat(w.containers())
        .extracting(ContainerSpec::name, ContainerSpec::image)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("order-service", "order-service:latest"),
            org.assertj.core.groups.Tuple.tuple(
                "fluent-bit-sidecar", "amazon/aws-for-fluent-bit:stable"));
    assertThat(w.containers()).allMatch(c -> c.essential().isEmpty());
  }

  @Test
  void oldStyleTaskArnWithoutClusterStillGivesTheTaskId() {
    WorkloadSpec w =
        tasks.runningTask(
            json(
                """
                {"taskArn": "arn:aws:ecs:us-west-2:123456789012:task/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
                 "containers": []}
                """),
            null,
            "default");

    assertThat(w.id()).isEqualTo("ecs/us-east-1/default/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE");
  }

  @Test
  void taskWithoutArnIsRefusedInOneSentence() {
    assertThatThrownBy(() -> tasks.runningTask(json("{\"containers\": []}"), null, "prod"))
        .isInstanceOf(InvalidTaskDefinitionException.class)
        .hasMessage("a task has no taskArn");
  }

  @Test
  void pendingAndUnhealthyContainersAreNotReady() {
    assertThat(EcsTaskDefinitions.state(json("{\"lastStatus\": \"PENDING\"}")).phase())
        .isEqualTo(Phase.WAITING);
    assertThat(
            EcsTaskDefinitions.state(
                    json("{\"lastStatus\": \"RUNNING\", \"healthStatus\": \"UNHEALTHY\"}"))
                .ready())
        .contains(false);
    assertThat(
            EcsTaskDefinitions.state(
                    json("{\"lastStatus\": \"RUNNING\", \"healthStatus\": \"UNKNOWN\"}"))
                .ready())
        .isEmpty();
  }
}
