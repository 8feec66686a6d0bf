package dev.sidescope.collectors.ecs;

import static dev.sidescope.collectors.aws.CannedHttpClient.resource;
import static dev.sidescope.collectors.aws.CannedHttpClient.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.aws.CannedHttpClient;
import dev.sidescope.collectors.aws.CannedHttpClient.Answer;
import dev.sidescope.collectors.aws.CannedHttpClient.Call;
import dev.sidescope.collectors.aws.SdkJson;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState.Phase;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.WorkloadSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real ECS payloads (fixtures/ecs, from the AWS CLI's and botocore's examples) read through the
 * production path: the SDK unmarshals them exactly as it would off the network, the source joins
 * them into workloads.
 */
class EcsSourceFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private static String example(String operation) {
    try {
      JsonNode examples = JSON.readTree(resource("fixtures/ecs/botocore_ecs_examples-1.json"));
      return JSON.writeValueAsString(
          examples.path("examples").path(operation).get(0).get("output"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** ECS as the fixtures describe it; task definitions it has no payload for are not found. */
  private static Function<Call, Answer> account(String describeTasksFixture) {
    return call ->
        switch (call.operation()) {
          case "ListServices" -> Answer.ok(example("ListServices"));
          case "DescribeServices" -> Answer.ok(wire(example("DescribeServices")));
          case "ListTasks" -> Answer.ok(resource("fixtures/ecs/list_tasks_awscli.json"));
          case "DescribeTasks" -> Answer.ok(wire(resource(describeTasksFixture)));
          case "DescribeTaskDefinition" ->
              Answer.error(400, "ClientException", "Unable to describe task definition.");
          default -> Answer.error(400, "UnknownOperationException", "not in the fixtures");
        };
  }

  private EcsSource source(CannedHttpClient transport) {
    EcsSettings settings =
        EcsSettings.builder()
            .cluster("arn:aws:ecs:us-east-1:123456789012:cluster/MyCluster")
            .environment(
                AwsEnvironment.of(
                    Map.of(
                        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                        "AWS_SECRET_ACCESS_KEY", "secret",
                        "AWS_REGION", "us-east-1"),
                    home))
            .pollInterval(Duration.ofSeconds(1))
            .httpClient(transport)
            .build();
    return EcsSource.resolve(settings).available().orElseThrow();
  }

  private static ContainerSpec only(WorkloadSpec w) {
    assertThat(w.containers()).hasSize(1);
    return w.containers().get(0);
  }

  @Test
  void ec2TaskFromTheCliExampleIsAServiceTaskWithItsRuntimeState() {
    CannedHttpClient transport =
        new CannedHttpClient(account("fixtures/ecs/describe_tasks_ec2_single.json"));
    Observations seen;
    try (EcsSource source = source(transport)) {
      seen = source.pollOnce();
    }

    assertThat(seen.workloads())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.id())
                  .isEqualTo("ecs/us-east-1/MyCluster/4d590253bb114126b7afa7b58eea9221");
              assertThat(w.source()).isEqualTo("ecs/us-east-1");
              assertThat(w.namespace()).isEqualTo("MyCluster");
              assertThat(w.owner()).contains("Service/testupdate");
              assertThat(w.phase()).contains("RUNNING");
              ContainerSpec app = only(w);
              assertThat(app.name()).isEqualTo("simple-app");
              assertThat(app.image()).isEqualTo("httpd:2.4");
              assertThat(app.state().phase()).isEqualTo(Phase.RUNNING);
              assertThat(app.state().health()).contains("UNKNOWN");
            });
    assertThat(seen.services())
        .extracting(ServiceSpec::id, ServiceSpec::namespace, ServiceSpec::name)
        .containsExactly(
            tuple(
                "ecs-service/us-east-1/MyCluster/ecs-simple-service",
                "MyCluster",
                "ecs-simple-service"));
    // The definition could not be read: the task is shown from DescribeTasks alone, and said so.
    assertThat(seen.sources())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo(SourceState.DEGRADED);
              assertThat(s.message())
                  .contains(
                      "Task definition console-sample-app-static2:1 could not be read"
                          + " (ClientException), so its tasks show only what DescribeTasks says.");
            });
    assertThat(transport.calls())
        .extracting(Call::operation)
        .containsExactly(
            "ListServices",
            "DescribeServices",
            "ListTasks",
            "DescribeTasks",
            "DescribeTaskDefinition");
  }

  @Test
  void fargateTasksFromTheCliExampleAreTwoWorkloadsOfOneService() {
    CannedHttpClient transport =
        new CannedHttpClient(account("fixtures/ecs/describe_tasks_fargate_multiple.json"));
    Observations seen;
    try (EcsSource source = source(transport)) {
      seen = source.pollOnce();
    }

    assertThat(seen.workloads())
        .extracting(WorkloadSpec::id, w -> w.owner().orElseThrow(), w -> only(w).name())
        .containsExactly(
            tuple(
                "ecs/us-east-1/MyCluster/74de0355a10a4f979ac495c14EXAMPLE",
                "Service/tdsevicetag",
                "web"),
            tuple(
                "ecs/us-east-1/MyCluster/d789e94343414c25b9f6bd59eEXAMPLE",
                "Service/tdsevicetag",
                "web"));
    // One definition, asked for once: the failure is remembered for this pass only.
    assertThat(seen.sources().get(0).message().orElseThrow()).contains("webserver:2");
    assertThat(
            transport.calls().stream().filter(c -> c.operation().equals("DescribeTaskDefinition")))
        .hasSize(1);
  }

  @Test
  void listTasksGoesThroughEveryPageAndDescribeTasksTakesAHundredAtATime() {
    // 230 tasks over three pages of ListTasks.
    List<String> arns =
        java.util.stream.IntStream.range(0, 230)
            .mapToObj(
                i ->
                    "arn:aws:ecs:us-east-1:123456789012:task/MyCluster/"
                        + String.format("%032x", i))
            .toList();
    CannedHttpClient transport =
        new CannedHttpClient(
            call -> {
              try {
                JsonNode request = JSON.readTree(call.body());
                return switch (call.operation()) {
                  case "ListServices" -> Answer.ok("{\"serviceArns\": []}");
                  case "ListTasks" -> {
                    int from = request.path("nextToken").asInt(0);
                    int to = Math.min(arns.size(), from + request.path("maxResults").asInt());
                    yield Answer.ok(
                        JSON.writeValueAsString(
                            to < arns.size()
                                ? Map.of(
                                    "taskArns",
                                    arns.subList(from, to),
                                    "nextToken",
                                    String.valueOf(to))
                                : Map.of("taskArns", arns.subList(from, to))));
                  }
                  case "DescribeTasks" -> {
                    StringBuilder tasks = new StringBuilder();
                    for (JsonNode arn : request.path("tasks")) {
                      tasks
                          .append(tasks.isEmpty() ? "" : ",")
                          .append("{\"taskArn\":\"")
                          .append(arn.asText())
                          .append("\",\"lastStatus\":\"RUNNING\",\"containers\":[]}");
                    }
                    yield Answer.ok("{\"tasks\":[" + tasks + "],\"failures\":[]}");
                  }
                  default -> Answer.error(400, "UnknownOperationException", "no");
                };
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    Observations seen;
    try (EcsSource source = source(transport)) {
      seen = source.pollOnce();
    }

    assertThat(seen.workloads()).hasSize(230);
    assertThat(transport.calls().stream().filter(c -> c.operation().equals("ListTasks")))
        .hasSize(3);
    assertThat(
            transport.calls().stream()
                .filter(c -> c.operation().equals("DescribeTasks"))
                .map(c -> body(c).path("tasks").size()))
        .containsExactly(100, 100, 30);
    assertThat(seen.sources()).extracting(SourceStatus::status).containsExactly(SourceState.LIVE);
  }

  private static JsonNode body(Call call) {
    try {
      return JSON.readTree(call.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "fixtures/ecs/describe_task_definition_awscli.json",
        "fixtures/ecs/taskdef_appmesh_envoy_firelens.json",
        "fixtures/ecs/taskdef_cloudwatch_agent_sidecar_fargate.json",
        "fixtures/ecs/taskdef_firelens_cloudwatch_logs.json",
        "fixtures/ecs/taskdef_firelens_fargate_custom_config.json",
        "fixtures/ecs/taskdef_firelens_healthcheck.json",
        "fixtures/ecs/taskdef_xray_daemon_sidecar_fargate.json"
      })
  void taskDefinitionReadThroughTheSdkIsTheDefinitionReadFromItsFile(String fixture)
      throws Exception {
    JsonNode file = JSON.readTree(resource(fixture));
    // A RegisterTaskDefinition input comes back from DescribeTaskDefinition wrapped.
    String output =
        file.has("taskDefinition")
            ? wire(resource(fixture))
            : "{\"taskDefinition\": " + JSON.writeValueAsString(file) + "}";
    CannedHttpClient transport = new CannedHttpClient(call -> Answer.ok(output));
    JsonNode throughSdk;
    try (var connection =
            dev.sidescope.collectors.aws.AwsConnection.resolve(
                    new dev.sidescope.collectors.aws.AwsConnection.Request(
                            java.util.Optional.empty(),
                            java.util.Optional.of("us-east-1"),
                            java.util.Optional.empty())
                        .withHttpClient(transport),
                    AwsEnvironment.of(
                        Map.of("AWS_ACCESS_KEY_ID", "A", "AWS_SECRET_ACCESS_KEY", "s"), home))
                .found()
                .orElseThrow();
        var ecs =
            connection
                .configure(
                    software.amazon.awssdk.services.ecs.EcsClient.builder(),
                    dev.sidescope.collectors.aws.AwsService.ECS,
                    java.util.Optional.of(java.net.URI.create("http://127.0.0.1:1")))
                .build()) {
      throughSdk =
          SdkJson.tree(ecs.describeTaskDefinition(r -> r.taskDefinition("x")).taskDefinition());
    }

    EcsTaskDefinitions definitions = new EcsTaskDefinitions("manifests", "ecs/manifests");
    assertThat(definitions.workload(throughSdk, "default"))
        .isEqualTo(definitions.workload(file, "default"));
  }
}
