package dev.sidescope.collectors.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.Dependency;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ProxyConfig;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcsTaskDefinitionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EcsTaskDefinitions definitions =
      new EcsTaskDefinitions("ecs/us-east-1", "ecs/us-east-1");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final String TASK =
      """
      {
        "family": "orders",
        "revision": 7,
        "tags": [{"key": "team", "value": "payments"}],
        "proxyConfiguration": {
          "type": "APPMESH",
          "containerName": "envoy",
          "properties": [{"name": "ProxyIngressPort", "value": "15000"}]
        },
        "containerDefinitions": [
          {
            "name": "app",
            "image": "orders:1",
            "cpu": 256,
            "memoryReservation": 512,
            "entryPoint": ["sh", "-c"],
            "command": ["java -jar app.jar"],
            "portMappings": [{"containerPort": 8080, "protocol": "tcp", "name": "http"}],
            "environment": [{"name": "MODE", "value": "fast"}],
            "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:1:secret:db"}],
            "mountPoints": [{"sourceVolume": "logs", "containerPath": "/var/log/app", "readOnly": true}],
            "dependsOn": [{"containerName": "envoy", "condition": "HEALTHY"}],
            "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch", "retry_limit": 2}}
          },
          {
            "name": "envoy",
            "image": "aws-appmesh-envoy:v1",
            "essential": true,
            "memory": 256
          },
          {
            "name": "log_router",
            "image": "aws-for-fluent-bit:stable",
            "essential": false,
            "firelensConfiguration": {"type": "fluentbit", "options": {"enable-ecs-log-metadata": "true"}}
          }
        ]
      }
      """;

  @Test
  void taskDefinitionBecomesWorkloadNamedAfterItsFamilyAndOwnedByItsRevision() {
    WorkloadSpec w = definitions.workload(json(TASK), "prod");

    assertThat(w.id()).isEqualTo("ecs/us-east-1/prod/orders:7");
    assertThat(w.platform()).isEqualTo(Platform.ECS);
    assertThat(w.source()).isEqualTo("ecs/us-east-1");
    assertThat(w.namespace()).isEqualTo("prod");
    assertThat(w.name()).isEqualTo("orders");
    assertThat(w.owner()).contains("TaskDefinition/orders:7");
    assertThat(w.labels()).containsExactlyEntriesOf(Map.of("team", "payments"));
    assertThat(w.annotations()).isEmpty();
    assertThat(w.phase()).isEmpty();
    assertThat(w.proxy())
        .contains(new ProxyConfig("APPMESH", "envoy", Map.of("ProxyIngressPort", "15000")));
    assertThat(w.containers())
        .extracting(ContainerSpec::name)
        .containsExactly("app", "envoy", "log_router");
  }

  @Test
  void containerKeepsEverythingTheClassifierReads() {
    ContainerSpec app = definitions.workload(json(TASK), "prod").containers().get(0);

    assertThat(app.image()).isEqualTo("orders:1");
    assertThat(app.initContainer()).isFalse();
    assertThat(app.essential()).contains(true);
    assertThat(app.ports()).containsExactly(new Port(8080, "TCP", Optional.of("http")));
    assertThat(app.env())
        .containsExactly(
            EnvVar.literal("MODE", "fast"),
            EnvVar.reference("DB_PASSWORD", "secret arn:aws:secretsmanager:us-east-1:1:secret:db"));
    assertThat(app.mounts()).containsExactly(new VolumeMount("logs", "/var/log/app", true));
    assertThat(app.limits().cpuLimit()).contains("256");
    assertThat(app.limits().memoryLimit()).contains("512");
    assertThat(app.command()).containsExactly("sh", "-c", "java -jar app.jar");
    assertThat(app.dependsOn()).containsExactly(new Dependency("envoy", "HEALTHY"));
    assertThat(app.logConfig())
        .contains(new LogConfig("awsfirelens", Map.of("Name", "cloudwatch", "retry_limit", "2")));
    assertThat(app.firelens()).isEmpty();
  }

  @Test
  void secretsAreReferencesAndNeverCarryAValue() {
    ContainerSpec app = definitions.workload(json(TASK), "prod").containers().get(0);

    assertThat(app.env().get(1).literal()).isEmpty();
  }

  @Test
  void memoryLimitPrefersTheHardLimitOverTheReservation() {
    ContainerSpec envoy = definitions.workload(json(TASK), "prod").containers().get(1);

    assertThat(envoy.limits().memoryLimit()).contains("256");
    assertThat(envoy.limits().cpuLimit()).isEmpty();
  }

  @Test
  void logRouterCarriesItsFirelensConfiguration() {
    ContainerSpec router = definitions.workload(json(TASK), "prod").containers().get(2);

    assertThat(router.firelens())
        .contains(new LogConfig("fluentbit", Map.of("enable-ecs-log-metadata", "true")));
    assertThat(router.essential()).contains(false);
  }

  @ParameterizedTest(name = "essential written as {0} is {1}")
  @CsvSource({"'', true", "true, true", "false, false", "null, true", "'\"false\"', false"})
  void essentialDefaultsToTrueAsEcsDoes(String written, boolean expected) {
    String field = written.isEmpty() ? "" : "\"essential\": " + written + ",";
    JsonNode task =
        json(
            "{\"family\": \"f\", \"containerDefinitions\": [{%s \"name\": \"c\"}]}"
                .formatted(field));

    assertThat(definitions.workload(task, "default").containers().get(0).essential())
        .contains(expected);
  }

  @Test
  void describeTaskDefinitionOutputIsUnwrappedWithTheTagsBesideIt() {
    JsonNode described =
        json(
            """
            {"taskDefinition": {"family": "hello_world", "revision": 8,
                                "containerDefinitions": [{"name": "wordpress", "image": "wordpress"}]},
             "tags": [{"key": "env", "value": "dev"}]}
            """);

    WorkloadSpec w = definitions.workload(described, "default");

    assertThat(w.id()).isEqualTo("ecs/us-east-1/default/hello_world:8");
    assertThat(w.owner()).contains("TaskDefinition/hello_world:8");
    assertThat(w.labels()).containsExactlyEntriesOf(Map.of("env", "dev"));
  }

  @ParameterizedTest(name = "revision {0} gives {1}")
  @CsvSource({"'', 1", "3, 3", "'\"12\"', 12", "'\"<rev>\"', 1", "0, 1"})
  void revisionIsOneWhereTheFileHasNone(String written, int expected) {
    String field = written.isEmpty() ? "" : "\"revision\": " + written + ",";
    JsonNode task = json("{%s \"family\": \"f\", \"containerDefinitions\": []}".formatted(field));

    assertThat(definitions.workload(task, "default").owner())
        .contains("TaskDefinition/f:" + expected);
  }

  @Test
  void placeholdersAreKeptAsWrittenAndAPortThatIsNoNumberIsLeftOut() {
    JsonNode task =
        json(
            """
            {"family": "svc", "taskRoleArn": "<task_role_arn>",
             "containerDefinitions": [{
               "name": "app", "image": "<repository_uri>", "cpu": "{{cpu}}",
               "portMappings": [{"containerPort": "{{port}}"}, {"containerPort": "8080"}],
               "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-region": "{{region}}"}}
             }]}
            """);

    ContainerSpec app = definitions.workload(task, "default").containers().get(0);

    assertThat(app.image()).isEqualTo("<repository_uri>");
    assertThat(app.limits().cpuLimit()).contains("{{cpu}}");
    assertThat(app.ports()).containsExactly(Port.tcp(8080));
    assertThat(app.logConfig())
        .contains(new LogConfig("awslogs", Map.of("awslogs-region", "{{region}}")));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"containerDefinitions\": []}                          | the task definition has no family",
        "{\"family\": \"f\", \"containerDefinitions\": {}}       | containerDefinitions of task definition f is not a list",
        "{\"family\": \"f\", \"containerDefinitions\": [{}]}     | container 1 of task definition f has no name",
        "{\"family\": \"f\", \"containerDefinitions\": [\"x\"]}  | container 1 of task definition f has no name",
      })
  void taskDefinitionThatCannotStandForAWorkloadIsRefusedWithASentence(
      String text, String message) {
    assertThatThrownBy(() -> definitions.workload(json(text), "default"))
        .isInstanceOf(InvalidTaskDefinitionException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"family\": \"f\", \"containerDefinitions\": []}                   | true",
        "{\"taskDefinition\": {\"containerDefinitions\": []}}                | true",
        "{\"tasks\": [{\"containers\": []}]}                                 | false",
        "{\"taskArns\": []}                                                  | false",
        "{\"kind\": \"Pod\"}                                                 | false",
        "[1, 2]                                                              | false",
      })
  void taskDefinitionIsToldApartByItsShape(String text, boolean expected) {
    assertThat(EcsTaskDefinitions.looksLikeTaskDefinition(json(text))).isEqualTo(expected);
  }
}
