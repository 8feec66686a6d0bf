package dev.sidescope.topology.edges;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestEdgesTest {
  private final ManifestEdges edges = new ManifestEdges();

  private static ContainerSpec.Builder app(String... env) {
    ContainerSpec.Builder b = container("web", "web:1");
    for (int i = 0; i < env.length; i += 2) {
      b.env(env[i], env[i + 1]);
    }
    return b;
  }

  private ManifestEdges.Result derive(Workload... workloads) {
    return edges.derive(List.of(workloads), List.of(), List.of());
  }

  private static List<String> keys(ManifestEdges.Result r) {
    return r.edges().stream().map(Edge::key).sorted().toList();
  }

  @Test
  void joinsEachAppToEachSidecarWithOneLocalEdge() {
    Workload w =
        WorkloadBuilder.pod("p")
            .app("a", "a:1")
            .app("b", "b:1")
            .sidecar(SidecarKind.XRAY_DAEMON, "xray", "amazon/aws-xray-daemon")
            .build();

    List<Edge> local = derive(w).edges().stream().filter(e -> e.kind() == EdgeKind.LOCAL).toList();

    assertThat(local)
        .extracting(Edge::from, Edge::to)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(w.id() + "/a", w.id() + "/xray"),
            org.assertj.core.groups.Tuple.tuple(w.id() + "/b", w.id() + "/xray"));
  }

  @ParameterizedTest(name = "{0} feeds {2} over a {1} edge")
  @CsvSource({
    "XRAY_DAEMON, telemetry, aws/xray, AWS X-Ray",
    "APPCONFIG_AGENT, config, aws/appconfig, AWS AppConfig",
    "SECRETS_AGENT, secrets, aws/secretsmanager, Secrets Manager",
    "VAULT_AGENT, secrets, vault, Vault",
    "CLOUDWATCH_AGENT, telemetry, aws/cloudwatch, CloudWatch Metrics"
  })
  void sidecarsFeedTheServicesOfTheirKind(
      SidecarKind kind, String edgeKind, String to, String label) {
    Workload w =
        WorkloadBuilder.pod("p").app("web", "web:1").sidecar(kind, "s", "some/image").build();

    ManifestEdges.Result r = derive(w);

    assertThat(keys(r)).contains(w.id() + "/s -> " + to + " [" + edgeKind + "]");
    assertThat(r.nodes())
        .extracting(Node::id, Node::label)
        .contains(org.assertj.core.groups.Tuple.tuple(to, label));
  }

  @Test
  void awsLogsDriverWritesToCloudWatchLogsWithItsGroup() {
    ContainerSpec.Builder app =
        container("order-service", "order:1")
            .logConfig(new LogConfig("awslogs", Map.of("awslogs-group", "/ecs/order-service")));
    Workload task =
        WorkloadBuilder.task("t1")
            .app(app)
            .sidecar(
                SidecarKind.FLUENT_BIT, "fluent-bit-sidecar", "amazon/aws-for-fluent-bit:stable")
            .build();

    ManifestEdges.Result r = derive(task);

    Edge appLogs =
        r.edges().stream()
            .filter(e -> e.from().equals(task.id() + "/order-service") && e.kind() == EdgeKind.LOGS)
            .findFirst()
            .orElseThrow();
    assertThat(appLogs.to()).isEqualTo("aws/cloudwatch-logs");
    assertThat(appLogs.detail()).contains("/ecs/order-service");
    assertThat(keys(r)).contains(task.id() + "/fluent-bit-sidecar -> aws/cloudwatch-logs [logs]");
  }

  @Test
  void fireLensRouterShipsWhereItsSiblingsAsk() {
    ContainerSpec.Builder app =
        container("app", "app:1")
            .logConfig(
                new LogConfig(
                    "awsfirelens", Map.of("Name", "firehose", "delivery_stream", "my-stream")));
    Workload task =
        WorkloadBuilder.task("t1")
            .app(app)
            .sidecar(SidecarKind.FLUENT_BIT, "log_router", "fluent/fluent-bit:2")
            .build();

    Edge logs =
        derive(task).edges().stream()
            .filter(e -> e.kind() == EdgeKind.LOGS)
            .findFirst()
            .orElseThrow();

    assertThat(logs.to()).isEqualTo("aws/firehose");
    assertThat(logs.detail()).contains("my-stream");
  }

  @Test
  void genericFluentBitOnKubernetesHasNoGuessedDestination() {
    Workload w =
        WorkloadBuilder.pod("p")
            .app("web", "web:1")
            .sidecar(SidecarKind.FLUENT_BIT, "fb", "fluent/fluent-bit:3")
            .build();

    assertThat(derive(w).edges()).noneMatch(e -> e.kind() == EdgeKind.LOGS);
  }

  @ParameterizedTest(name = "{0} names {1}")
  @CsvSource({
    "http://payment-service:8080, service/kind-dev/shop/payment-service",
    "payment-service:8080, service/kind-dev/shop/payment-service",
    "http://ledger.payments.svc.cluster.local:8080/api, service/kind-dev/payments/ledger",
    "http://ledger.payments.svc:8080, service/kind-dev/payments/ledger",
    "postgresql://app:hunter2@orders-db.example.com:5432/orders?sslmode=require&password=x, external/orders-db.example.com",
    "https://dynamodb.us-east-1.amazonaws.com, aws/dynamodb"
  })
  void appEnvironmentNamesItsUpstreams(String value, String target) {
    Workload w = WorkloadBuilder.pod("p").app(app("UPSTREAM", value)).build();

    ManifestEdges.Result r = derive(w);

    assertThat(keys(r)).containsExactly(w.id() + "/web -> " + target + " [upstream]");
    assertThat(r.nodes()).extracting(Node::id).containsExactly(target);
    assertThat(r.nodes().get(0).label()).doesNotContain("hunter2", "sslmode", "app:");
  }

  @ParameterizedTest
  @CsvSource({
    "LOG_OUTPUT, /var/log/app/app.log",
    "AWS_XRAY_DAEMON_ADDRESS, 127.0.0.1:2000",
    "FEATURE_FLAGS_URL, http://localhost:2772/applications/x",
    "LOG_LEVEL, info",
    "REPLICAS, 3"
  })
  void valuesThatAreNotUpstreamCallsMakeNoUpstreamEdge(String name, String value) {
    Workload w = WorkloadBuilder.pod("p").app(app(name, value)).build();

    assertThat(derive(w).edges()).isEmpty();
  }

  @Test
  void aKnownServiceInAnotherNamespaceIsReachedByItsShortName() {
    ServiceSpec ledger = service("ledger").namespace("payments").port(80).build();
    Workload w = WorkloadBuilder.pod("p").app(app("LEDGER", "http://ledger.payments")).build();

    ManifestEdges.Result r = edges.derive(List.of(w), List.of(ledger), List.of());

    assertThat(keys(r))
        .containsExactly(w.id() + "/web -> service/kind-dev/payments/ledger [upstream]");
  }

  @Test
  void upstreamCallsLeaveThroughTheMeshProxy() {
    Workload w =
        WorkloadBuilder.pod("p")
            .app(app("PAYMENT_SERVICE_URL", "http://payment-service:8080"))
            .sidecar(
                SidecarKind.APPMESH_ENVOY, "envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1")
            .build();

    assertThat(keys(derive(w)))
        .contains(w.id() + "/envoy -> service/kind-dev/shop/payment-service [upstream]");
  }

  @Test
  void appMeshBackendsBecomeUpstreamsWithTheirTlsMode() {
    Workload order =
        WorkloadBuilder.pod("order-1")
            .owner("Deployment/order-service")
            .label("app", "order-service")
            .app("order-service", "order:1")
            .sidecar(SidecarKind.APPMESH_ENVOY, "envoy", "aws-appmesh-envoy")
            .build();
    MeshVirtualNode orderNode =
        new MeshVirtualNode(
            "shop",
            "order-service",
            Map.of("app", "order-service"),
            List.of("payment-service"),
            Optional.of("STRICT"));
    MeshVirtualNode paymentNode =
        new MeshVirtualNode(
            "shop",
            "payment-service",
            Map.of("app", "payment-service"),
            List.of(),
            Optional.of("STRICT"));

    ManifestEdges.Result r =
        edges.derive(List.of(order), List.of(), List.of(orderNode, paymentNode));

    Edge upstream =
        r.edges().stream().filter(e -> e.kind() == EdgeKind.UPSTREAM).findFirst().orElseThrow();
    assertThat(upstream.from()).isEqualTo(order.id() + "/envoy");
    assertThat(upstream.to()).isEqualTo("service/kind-dev/shop/payment-service");
    assertThat(upstream.detail()).contains("mTLS STRICT");
  }

  @Test
  void theSameUpstreamFromEnvAndMeshIsOneEdge() {
    Workload order =
        WorkloadBuilder.pod("order-1")
            .label("app", "order-service")
            .app(app("PAYMENT", "http://payment-service:8080"))
            .build();
    MeshVirtualNode node =
        new MeshVirtualNode(
            "shop",
            "order-service",
            Map.of("app", "order-service"),
            List.of("payment-service"),
            Optional.empty());

    ManifestEdges.Result r = edges.derive(List.of(order), List.of(), List.of(node));

    assertThat(r.edges()).hasSize(1);
  }
}
