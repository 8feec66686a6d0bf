package dev.sidescope.app.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.samples.aws.SampleAwsEndpoint;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.Role;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real ECS source (AWS SDK, url-connection client, standard retries) against the sample
 * cluster's AWS endpoint on loopback: what a user sees after {@code sample-cluster serve}.
 */
class EcsSourceOnSampleClusterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path home;
  @TempDir Path sample;
  private SampleAwsEndpoint endpoint;

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.stop();
    }
  }

  private Observations discoverOnce(Path folder) throws IOException {
    endpoint = SampleAwsEndpoint.forSample(folder).start();
    try (EcsSource source = SampleAccount.source(SampleAccount.settings(endpoint, home).build())) {
      return source.pollOnce();
    }
  }

  private static TopologySnapshot snapshot(Observations seen) {
    return SnapshotBuilder.standard(CLOCK).build(seen, Grouping.POD);
  }

  private static ContainerSpec container(WorkloadSpec w, String name) {
    return w.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void seedOrderServiceTasksAreWorkloadsOfTheirServiceWithANonEssentialFluentBit()
      throws IOException {
    Observations seen = discoverOnce(BuiltInSamples.folder("seed").orElseThrow());

    assertThat(seen.sources())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id()).isEqualTo("ecs/us-east-1");
              assertThat(s.status()).isEqualTo(SourceState.LIVE);
            });
    assertThat(seen.workloads()).hasSize(2);
    for (WorkloadSpec task : seen.workloads()) {
      assertThat(task.id()).matches("ecs/us-east-1/shop-prod/[0-9a-f]{32}");
      assertThat(task.id()).endsWith("/" + task.name());
      assertThat(task.namespace()).isEqualTo("shop-prod");
      assertThat(task.owner()).contains("Service/order-service");
      assertThat(task.phase()).contains("RUNNING");
      assertThat(task.containers())
          .extracting(ContainerSpec::name)
          .containsExactly("order-service", "fluent-bit-sidecar");
      assertThat(container(task, "fluent-bit-sidecar").essential()).contains(false);
      assertThat(container(task, "order-service").env())
          .contains(EnvVar.literal("LOG_OUTPUT", "/var/log/app/app.log"));
      assertThat(container(task, "fluent-bit-sidecar").state().ready()).contains(true);
    }
    assertThat(seen.services())
        .extracting(s -> s.id())
        .containsExactly("ecs-service/us-east-1/shop-prod/order-service");
  }

  @Test
  void seedSnapshotShipsFluentBitLogsToCloudWatchLogsAndIsHealthy() throws IOException {
    TopologySnapshot snapshot = snapshot(discoverOnce(BuiltInSamples.folder("seed").orElseThrow()));

    for (Workload task : snapshot.workloads()) {
      Container fluentBit = task.container("fluent-bit-sidecar").orElseThrow();
      assertThat(fluentBit.role()).isEqualTo(Role.SIDECAR);
      assertThat(fluentBit.kind()).contains(SidecarKind.FLUENT_BIT);
      assertThat(snapshot.edges())
          .extracting(Edge::from, Edge::to, Edge::kind)
          .contains(
              tuple(fluentBit.id(), "aws/cloudwatch-logs", EdgeKind.LOGS),
              tuple(task.id() + "/order-service", fluentBit.id(), EdgeKind.LOCAL));
    }
    assertThat(snapshot.findings()).isEmpty();
  }

  @Test
  void brokenSamplesStoppedLogRouterIsASidecarExitedErrorOnItsTaskOnly() throws IOException {
    TopologySnapshot snapshot =
        snapshot(discoverOnce(BuiltInSamples.folder("broken").orElseThrow()));

    assertThat(snapshot.findings())
        .filteredOn(f -> f.code().equals("SIDECAR_EXITED"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.subject()).startsWith("ecs/us-east-1/payments-prod/");
              assertThat(f.container()).contains("log-router");
              assertThat(f.message())
                  .contains("has stopped (exit code 137) while statements keeps running")
                  .contains("logs from statements are not being shipped");
            });
    assertThat(snapshot.findings()).extracting(Finding::code).doesNotContain("SIDECAR_NOT_READY");
  }

  private void copyFixture(String name) throws IOException {
    Files.createDirectories(sample.resolve("ecs"));
    try (InputStream in = getClass().getResourceAsStream("/fixtures/ecs/" + name)) {
      Files.copy(in, sample.resolve("ecs/" + name));
    }
  }

  @Test
  void fixtureTaskDefinitionsServedAsAnAccountJoinTheirRunningTasks() throws IOException {
    copyFixture("describe_task_definition_awscli.json");
    copyFixture("taskdef_appmesh_envoy_firelens.json");
    Files.writeString(
        sample.resolve("ecs/services.yaml"),
        """
        - {cluster: web, service: hello, taskDefinition: "hello_world:8", desiredCount: 1}
        - {cluster: color, service: colorteller-black, taskDefinition: appmesh-firelens-colorteller-black, desiredCount: 1}
        """);

    Observations seen = discoverOnce(sample);
    TopologySnapshot snapshot = snapshot(seen);

    assertThat(seen.workloads())
        .extracting(WorkloadSpec::namespace, w -> w.owner().orElseThrow())
        .containsExactly(
            tuple("color", "Service/colorteller-black"), tuple("web", "Service/hello"));
    WorkloadSpec hello = seen.workloads().get(1);
    assertThat(hello.containers())
        .extracting(ContainerSpec::name)
        .containsExactly("wordpress", "mysql");
    // A live account's credential-like values are never held, even when the file holds them.
    assertThat(container(hello, "mysql").env())
        .containsExactly(EnvVar.literal("MYSQL_ROOT_PASSWORD", CredentialMask.MASK));
    WorkloadSpec color = seen.workloads().get(0);
    assertThat(color.proxy()).hasValueSatisfying(p -> assertThat(p.type()).isEqualTo("APPMESH"));
    assertThat(snapshot.findings())
        .filteredOn(f -> f.code().equals("APPMESH_END_OF_SUPPORT"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.subject()).isEqualTo(color.id());
              assertThat(f.container()).contains("envoy");
            });
    assertThat(snapshot.findings())
        .filteredOn(f -> f.code().equals("SECRET_IN_ENV"))
        .extracting(Finding::subject)
        .containsExactly(hello.id());
  }

  @Test
  void serviceConnectProxyThatEcsAddsIsAnEnvoySidecar() throws IOException {
    Files.createDirectories(sample.resolve("ecs"));
    Files.copy(
        BuiltInSamples.folder("seed").orElseThrow().resolve("ecs/order-service.json"),
        sample.resolve("ecs/order-service.json"));
    Files.writeString(
        sample.resolve("ecs/services.yaml"),
        "- {cluster: shop, service: orders, taskDefinition: order-service, desiredCount: 1,"
            + " serviceConnect: true}\n");

    Workload task = snapshot(discoverOnce(sample)).workloads().get(0);

    assertThat(task.sidecars())
        .filteredOn(c -> c.name().startsWith("ecs-service-connect-"))
        .singleElement()
        .satisfies(c -> assertThat(c.kind()).contains(SidecarKind.ENVOY));
  }

  @Test
  void everyPageIsReadAndEachTaskDefinitionIsDescribedOnce() throws IOException {
    endpoint = SampleAwsEndpoint.forSample(BuiltInSamples.folder("seed").orElseThrow()).start();
    endpoint.maxPageSize(1);
    try (EcsSource source = SampleAccount.source(SampleAccount.settings(endpoint, home).build())) {
      assertThat(source.pollOnce().workloads()).hasSize(2);
      assertThat(source.pollOnce().workloads()).hasSize(2);
    }

    assertThat(endpoint.calls("ListTasks")).isEqualTo(4);
    assertThat(endpoint.calls("DescribeTaskDefinition")).isEqualTo(1);
  }

  @Test
  void givenClustersAreReadWithoutListingClusters() throws IOException {
    endpoint = SampleAwsEndpoint.forSample(BuiltInSamples.folder("seed").orElseThrow()).start();
    try (EcsSource source =
        SampleAccount.source(
            SampleAccount.settings(endpoint, home)
                .cluster("arn:aws:ecs:us-east-1:123456789012:cluster/shop-prod")
                .build())) {
      assertThat(source.pollOnce().workloads()).hasSize(2);
    }

    assertThat(endpoint.calls("ListClusters")).isZero();
  }

  @Test
  void workloadsAreSortedAndStableFromOnePassToTheNext() throws IOException {
    endpoint = SampleAwsEndpoint.forSample(BuiltInSamples.folder("seed").orElseThrow()).start();
    try (EcsSource source = SampleAccount.source(SampleAccount.settings(endpoint, home).build())) {
      List<String> first = source.pollOnce().workloads().stream().map(WorkloadSpec::id).toList();
      List<String> second = source.pollOnce().workloads().stream().map(WorkloadSpec::id).toList();

      assertThat(first).isSorted().isEqualTo(second);
    }
  }
}
