package dev.sidescope.collectors.cloudwatch;

import static dev.sidescope.collectors.aws.CannedHttpClient.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.collectors.cloudwatch.LogDestination.CloudWatchStream;
import dev.sidescope.collectors.cloudwatch.LogDestination.Elsewhere;
import dev.sidescope.collectors.cloudwatch.LogDestination.Unnamed;
import dev.sidescope.collectors.ecs.EcsTaskDefinitions;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where ECS containers' logs go, read from real task definitions (fixtures/ecs). */
class LogDestinationsTest {
  private static final String TASK_ID = "4d590253bb114126b7afa7b58eea9221";

  /** The fixture's task definition as a running task with id {@link #TASK_ID}. */
  private static WorkloadSpec task(String fixture) throws Exception {
    WorkloadSpec definition =
        new EcsTaskDefinitions("ecs/eu-west-1", "ecs/eu-west-1")
            .workload(new ObjectMapper().readTree(resource("fixtures/ecs/" + fixture)), "prod");
    return new WorkloadSpec(
        "ecs/eu-west-1/prod/" + TASK_ID,
        definition.platform(),
        definition.source(),
        "prod",
        TASK_ID,
        definition.owner(),
        definition.labels(),
        definition.annotations(),
        definition.containers(),
        definition.proxy(),
        definition.phase());
  }

  private static LogDestination destination(String fixture, String container) throws Exception {
    WorkloadSpec task = task(fixture);
    ContainerSpec spec =
        task.containers().stream()
            .filter(c -> c.name().equals(container))
            .findFirst()
            .orElseThrow();
    return LogDestinations.of(task, spec, "eu-west-1");
  }

  @Test
  void awslogsStreamsAreNamedPrefixContainerTaskId() throws Exception {
    assertThat(destination("taskdef_xray_daemon_sidecar_fargate.json", "xray-sidecar"))
        .isEqualTo(
            new CloudWatchStream("us-east-1", "/ecs/service-a", "ecs/xray-sidecar/" + TASK_ID));
    assertThat(destination("taskdef_firelens_cloudwatch_logs.json", "log_router"))
        .isEqualTo(
            new CloudWatchStream(
                "us-west-2", "firelens-container", "firelens/log_router/" + TASK_ID));
  }

  @Test
  void aRegionThatIsATemplatePlaceholderLeavesTheTasksRegion() throws Exception {
    assertThat(destination("taskdef_cloudwatch_agent_sidecar_fargate.json", "cloudwatch-agent"))
        .isEqualTo(
            new CloudWatchStream(
                "eu-west-1",
                "/ecs/ecs-cwagent-sidecar-fargate",
                "ecs/cloudwatch-agent/" + TASK_ID));
  }

  @Test
  void fireLensToCloudWatchWithAPrefixNamesTheStreamAfterTheFireLensTag() throws Exception {
    assertThat(destination("taskdef_appmesh_envoy_firelens.json", "envoy"))
        .isEqualTo(
            new CloudWatchStream(
                "us-east-1", "appmesh-firelens", "envoy-black-envoy-firelens-" + TASK_ID));
    assertThat(destination("taskdef_firelens_fargate_custom_config.json", "app"))
        .isEqualTo(
            new CloudWatchStream(
                "ap-south-1",
                "fb-metrics-to-cw-fluent-bit-output",
                "perf-logger-vanilla-app1app-firelens-" + TASK_ID));
  }

  @Test
  void fireLensToCloudWatchWithAStreamNameUsesItExactly() throws Exception {
    assertThat(destination("taskdef_firelens_cloudwatch_logs.json", "app"))
        .isEqualTo(
            new CloudWatchStream(
                "us-west-2", "/aws/ecs/containerinsights/application", "stdout-stderr-"));
  }

  @Test
  void aContainerWithoutLogConfigurationIsNotCollected() throws Exception {
    assertThat(destination("taskdef_appmesh_envoy_firelens.json", "app"))
        .isEqualTo(
            new Elsewhere(
                "this container's logs are not collected: its task definition has no"
                    + " logConfiguration"));
  }

  @Test
  void awslogsWithoutAStreamPrefixCannotNameItsStream() throws Exception {
    WorkloadSpec task = task("taskdef_xray_daemon_sidecar_fargate.json");
    ContainerSpec noPrefix =
        ContainerSpec.builder("app", "app:1")
            .logConfig(new LogConfig("awslogs", Map.of("awslogs-group", "/ecs/app")))
            .build();

    assertThat(LogDestinations.of(task, noPrefix, "eu-west-1"))
        .isInstanceOfSatisfying(
            Unnamed.class,
            u ->
                assertThat(u.sentence())
                    .contains("log group /ecs/app")
                    .contains("Docker container id")
                    .contains("awslogs-stream-prefix"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "awsfirelens | splunk           | logs go to Splunk through FireLens (output splunk), not to CloudWatch Logs",
        "awsfirelens | datadog          | logs go to Datadog through FireLens (output datadog), not to CloudWatch Logs",
        "awsfirelens | es               | logs go to Elasticsearch through FireLens (output es), not to CloudWatch Logs",
        "awsfirelens | kinesis_firehose | logs go to Amazon Data Firehose through FireLens (output kinesis_firehose), not to CloudWatch Logs",
        "awsfirelens | s3               | logs go to Amazon S3 through FireLens (output s3), not to CloudWatch Logs",
        "awsfirelens | http             | logs go to an HTTP endpoint through FireLens (output http), not to CloudWatch Logs",
        "awsfirelens | mystery          | logs go to the mystery output through FireLens (output mystery), not to CloudWatch Logs",
        "splunk      |                  | logs go to Splunk (log driver splunk), not to CloudWatch Logs",
        "fluentd     |                  | logs go to a Fluentd server (log driver fluentd), not to CloudWatch Logs",
        "gelf        |                  | logs go to a GELF endpoint (log driver gelf), not to CloudWatch Logs",
        "syslog      |                  | logs go to syslog (log driver syslog), not to CloudWatch Logs",
        "json-file   |                  | logs go to JSON files on the container instance (log driver json-file), not to CloudWatch Logs",
        "none        |                  | this container's logs are discarded: its log driver is none",
      })
  void logsThatGoElsewhereSayWhere(String driver, String output, String sentence) throws Exception {
    WorkloadSpec task = task("taskdef_xray_daemon_sidecar_fargate.json");
    ContainerSpec container =
        ContainerSpec.builder("app", "app:1")
            .logConfig(new LogConfig(driver, output == null ? Map.of() : Map.of("Name", output)))
            .build();

    assertThat(LogDestinations.of(task, container, "eu-west-1")).isEqualTo(new Elsewhere(sentence));
  }
}
