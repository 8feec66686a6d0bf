package dev.sidescope.views.testing;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed sample cluster as live observations, written by hand (views may not read manifests): two
 * order-service pods with X-Ray daemon, App Mesh Envoy and AppConfig agent (the second pod's X-Ray
 * daemon crash-looping), payment-service with Envoy and a Vault agent, the storefront behind an
 * NGINX health proxy, and order-service as an ECS task with a Fluent Bit log sidecar. Snapshots are
 * built by the production {@link SnapshotBuilder}.
 */
public final class SeedCluster {
  public static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  public static final String K8S = "kubernetes/kind-dev";
  public static final String ECS = "ecs/us-east-1";
  public static final String ORDER_POD = K8S + "/shop/order-service-5f7c9-x2k4q";
  public static final String ORDER_POD_2 = K8S + "/shop/order-service-5f7c9-b7d2m";
  public static final String ORDER_APP = ORDER_POD + "/order-service";
  public static final String ORDER_XRAY = ORDER_POD + "/xray-daemon";
  public static final String ORDER_ENVOY = ORDER_POD + "/envoy";
  public static final String PAYMENT_POD = K8S + "/shop/payment-service-7d9f8-q1w2e";
  public static final String EXTRA_POD = K8S + "/shop/inventory-6c4d2-m9n8b";

  private SeedCluster() {}

  public static SnapshotBuilder builder() {
    return SnapshotBuilder.standard(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  public static TopologySnapshot snapshot() {
    return builder().build(observations(), Grouping.POD);
  }

  public static TopologySnapshot snapshot(Observations o, Grouping g) {
    return builder().build(o, g);
  }

  public static Observations observations() {
    return observations(
        List.of(
            SourceStatus.live(K8S, NOW.minusSeconds(300)),
            SourceStatus.of(
                ECS, SourceState.DEGRADED, "throttled, retrying in 8 s", NOW.minusSeconds(20))),
        false);
  }

  /** The seed with the Kubernetes source down. */
  public static Observations withKubernetesDown() {
    return observations(
        List.of(
            SourceStatus.of(K8S, SourceState.DOWN, "connection refused", NOW.minusSeconds(5)),
            SourceStatus.of(
                ECS, SourceState.DEGRADED, "throttled, retrying in 8 s", NOW.minusSeconds(20))),
        false);
  }

  /** The seed with one more pod: inventory with a Fluent Bit sidecar. */
  public static Observations withExtraPod() {
    return observations(observations().sources(), true);
  }

  private static Observations observations(List<SourceStatus> sources, boolean extra) {
    List<WorkloadSpec> workloads = new ArrayList<>();
    workloads.add(orderPod(ORDER_POD, "order-service-5f7c9-x2k4q", ContainerState.runningReady()));
    workloads.add(
        orderPod(
            ORDER_POD_2,
            "order-service-5f7c9-b7d2m",
            new ContainerState(
                ContainerState.Phase.RUNNING,
                Optional.of(false),
                Optional.of(0),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())));
    workloads.add(paymentPod());
    workloads.add(storefrontPod());
    workloads.add(ecsTask());
    if (extra) {
      workloads.add(
          pod(
              EXTRA_POD,
              "inventory-6c4d2-m9n8b",
              "Deployment/inventory",
              Map.of("app", "inventory"),
              Map.of(),
              List.of(
                  spec("inventory", "inventory:1.2")
                      .port(Port.tcp(8080))
                      .limits(limits("500m", "256Mi"))
                      .build(),
                  spec("fluent-bit", "fluent/fluent-bit:3.0")
                      .limits(limits("50m", "64Mi"))
                      .build())));
    }
    List<ServiceSpec> services =
        List.of(
            service("order-service", 8080),
            service("payment-service", 8080),
            service("storefront", 80));
    List<MeshVirtualNode> mesh =
        List.of(
            new MeshVirtualNode(
                "shop",
                "order-service",
                Map.of("app", "order-service"),
                List.of("payment-service"),
                Optional.of("STRICT")),
            new MeshVirtualNode(
                "shop",
                "payment-service",
                Map.of("app", "payment-service"),
                List.of(),
                Optional.of("STRICT")));
    return new Observations(workloads, services, mesh, sources);
  }

  private static WorkloadSpec orderPod(String id, String name, ContainerState xrayState) {
    return pod(
        id,
        name,
        "Deployment/order-service",
        Map.of("app", "order-service", "version", "v1"),
        Map.of("appmesh.k8s.aws/mesh", "my-mesh", "appmesh.k8s.aws/virtualNode", "order-service"),
        List.of(
            spec("order-service", "order-service:latest")
                .port(Port.tcp(8080))
                .env("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000")
                .env("PAYMENT_SERVICE_URL", "http://payment-service:8080")
                .env(
                    "FEATURE_FLAGS_URL",
                    "http://localhost:2772/applications/MyApp/environments/prod/configurations/feature-flags")
                .env("ORDERS_API_TOKEN", "tok_9f8e7d6c5b4a39281706")
                .env(EnvVar.reference("DB_PASSWORD", "secret orders-db/password"))
                .limits(limits("1", "1Gi"))
                .build(),
            spec("xray-daemon", "amazon/aws-xray-daemon:latest")
                .port(Port.udp(2000))
                .limits(limits("100m", "64Mi"))
                .state(xrayState)
                .build(),
            spec(
                    "envoy",
                    "840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.6.0-prod")
                .port(new Port(9901, "TCP", Optional.of("stats")))
                .env("APPMESH_RESOURCE_ARN", "mesh/my-mesh/virtualNode/order-service_shop")
                .limits(limits("200m", "128Mi"))
                .build(),
            spec("appconfig-agent", "public.ecr.aws/aws-appconfig/aws-appconfig-agent:2.x")
                .port(Port.tcp(2772))
                .limits(limits("50m", "64Mi"))
                .build()));
  }

  private static WorkloadSpec paymentPod() {
    return pod(
        PAYMENT_POD,
        "payment-service-7d9f8-q1w2e",
        "Deployment/payment-service",
        Map.of("app", "payment-service"),
        Map.of("appmesh.k8s.aws/mesh", "my-mesh", "vault.hashicorp.com/agent-inject", "true"),
        List.of(
            spec(
                    "payment-service",
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-service:2.4.1")
                .port(Port.tcp(8080))
                .env(
                    "DATABASE_URL",
                    "postgresql://payments-db.internal:5432/payments?sslmode=require")
                .env("DATABASE_CREDENTIALS_FILE", "/vault/secrets/db")
                .mount(new VolumeMount("vault-secrets", "/vault/secrets", true))
                .limits(limits("1", "1Gi"))
                .build(),
            spec("envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod")
                .port(new Port(9901, "TCP", Optional.of("stats")))
                .limits(limits("200m", "128Mi"))
                .build(),
            spec("vault-agent", "hashicorp/vault:1.15.4")
                .command(List.of("agent", "-config=/vault/config/agent.hcl"))
                .env("VAULT_ADDR", "https://vault.internal:8200")
                .mount(new VolumeMount("vault-secrets", "/vault/secrets", false))
                .limits(limits("50m", "64Mi"))
                .build()));
  }

  private static WorkloadSpec storefrontPod() {
    return pod(
        K8S + "/shop/storefront-84b6c-z9y8x",
        "storefront-84b6c-z9y8x",
        "Deployment/storefront",
        Map.of("app", "storefront"),
        Map.of(),
        List.of(
            spec("storefront", "123456789012.dkr.ecr.us-east-1.amazonaws.com/storefront:5.0.2")
                .port(Port.tcp(3000))
                .env("ORDER_SERVICE_URL", "http://order-service.shop.svc.cluster.local:8080/api")
                .limits(limits("500m", "512Mi"))
                .build(),
            spec("health-proxy", "nginx:1.27-alpine")
                .port(new Port(8081, "TCP", Optional.of("health")))
                .limits(limits("50m", "32Mi"))
                .build()));
  }

  private static WorkloadSpec ecsTask() {
    return new WorkloadSpec(
        ECS + "/prod/4f1c2b3a9d8e",
        Platform.ECS,
        ECS,
        "prod",
        "4f1c2b3a9d8e",
        Optional.of("Service/order-service"),
        Map.of(),
        Map.of(),
        List.of(
            spec("order-service", "123456789.dkr.ecr.us-east-1.amazonaws.com/order-service:latest")
                .essential(true)
                .port(Port.tcp(8080))
                .env("LOG_OUTPUT", "/var/log/app/app.log")
                .mount(new VolumeMount("log-volume", "/var/log/app", false))
                .logConfig(
                    new LogConfig(
                        "awslogs",
                        Map.of(
                            "awslogs-group", "/ecs/order-service", "awslogs-region", "us-east-1")))
                .build(),
            spec("fluent-bit-sidecar", "amazon/aws-for-fluent-bit:stable")
                .essential(false)
                .mount(new VolumeMount("log-volume", "/var/log/app", false))
                .env("FLB_LOG_LEVEL", "info")
                .build()),
        Optional.empty(),
        Optional.of("RUNNING"));
  }

  private static WorkloadSpec pod(
      String id,
      String name,
      String owner,
      Map<String, String> labels,
      Map<String, String> annotations,
      List<ContainerSpec> containers) {
    return new WorkloadSpec(
        id,
        Platform.KUBERNETES,
        K8S,
        "shop",
        name,
        Optional.of(owner),
        labels,
        annotations,
        containers,
        Optional.empty(),
        Optional.of("Running"));
  }

  private static ContainerSpec.Builder spec(String name, String image) {
    return ContainerSpec.builder(name, image).state(ContainerState.runningReady());
  }

  private static Resources limits(String cpu, String memory) {
    return new Resources(Optional.of(cpu), Optional.of(memory));
  }

  private static ServiceSpec service(String name, int port) {
    return new ServiceSpec(
        "service/kind-dev/shop/" + name,
        Platform.KUBERNETES,
        "shop",
        name,
        Map.of("app", name),
        List.of(Port.tcp(port)));
  }

  /** A generated cluster of {@code pods} pods laid out whole, by pod. */
  public static dev.sidescope.views.picture.LaidOutPicture laidOut(int pods) {
    return new dev.sidescope.views.picture.IncrementalLayout()
        .next(snapshot(generated(pods), Grouping.POD), java.util.Optional.empty(), true);
  }

  /** A generated cluster of {@code pods} pods, each with one to three sidecars, for scale. */
  public static Observations generated(int pods) {
    return dev.sidescope.views.ScalePods.of(pods, K8S, NOW);
  }
}
