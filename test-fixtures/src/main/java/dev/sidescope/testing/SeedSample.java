package dev.sidescope.testing;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.limits;
import static dev.sidescope.testing.Containers.notReady;
import static dev.sidescope.testing.Containers.running;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed sample in code: the system of the seed document, as the seed sample cluster's files
 * ({@code sample-clusters/.../samples/seed}) describe it, for tests that cannot or should not read
 * those files. order-service beside its X-Ray daemon, App Mesh Envoy and AppConfig agent on
 * Kubernetes, and the same service as an ECS task with a Fluent Bit sidecar on a shared log volume;
 * payment-service behind STRICT mTLS with a Vault agent; the storefront behind an NGINX health
 * proxy; their Services and App Mesh virtual nodes.
 *
 * <p>Every workload and container comes as a fresh builder, running and ready, so a test derives
 * the variant it needs ({@link WorkloadBuilder#change}, {@link WorkloadBuilder#without}) instead of
 * writing a second seed. The variants more than one test needs are here: the document's X-Ray
 * example alone ({@link #xrayExamplePod}), Fluent Bit without its mount ({@link
 * #fluentBitUnmounted}), the task definition as {@code --manifests} reads it, and the live
 * observations the console shows ({@link #observations}) with a source down or stale and with one
 * more pod.
 */
public final class SeedSample {
  /** When the seed's snapshots are taken. */
  public static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  public static final String KUBERNETES = IdScheme.DEFAULT.kubernetesSource();
  public static final String ECS = IdScheme.DEFAULT.ecsSource();

  private static final String ORDER_POD_NAME = "order-service-5f7c9-x2k4q";
  private static final String ORDER_POD_2_NAME = "order-service-5f7c9-b7d2m";
  private static final String ORDER_TASK_ID = "5d0f4c6b2a8e4b1f9c3a7e6d2b1c0a9f";

  public static final String ORDER_POD = orderServicePod().id();
  public static final String ORDER_APP = ORDER_POD + "/order-service";
  public static final String ORDER_XRAY = ORDER_POD + "/xray-daemon";
  public static final String ORDER_ENVOY = ORDER_POD + "/envoy";

  /** The second order-service replica, whose X-Ray daemon is not ready in the live seed. */
  public static final String ORDER_POD_2 = orderServicePod(ORDER_POD_2_NAME).id();

  public static final String PAYMENT_POD = paymentServicePod().id();
  public static final String ORDER_TASK = orderServiceTask().id();

  /** The pod {@link #withExtraPod} adds. */
  public static final String EXTRA_POD = inventoryPod().id();

  /** The ECS task's log volume, and where the app writes its log file on it. */
  public static final String LOG_VOLUME = "log-volume";

  public static final String LOG_DIR = "/var/log/app";

  private static final String FEATURE_FLAGS =
      "/applications/MyApp/environments/prod/configurations/feature-flags";

  private SeedSample() {}

  // ---- containers

  /** order-service on Kubernetes: traces to the X-Ray daemon, calls payment-service. */
  public static ContainerSpec.Builder orderService() {
    return container("order-service", "order-service:latest")
        .port(Port.tcp(8080))
        .env("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000")
        .env("PAYMENT_SERVICE_URL", "http://payment-service:8080")
        .env("FEATURE_FLAGS_URL", "http://localhost:2772" + FEATURE_FLAGS)
        .limits(limits("1", "1Gi"))
        .state(running());
  }

  /** The X-Ray daemon sidecar, with the seed document's limits. */
  public static ContainerSpec.Builder xrayDaemon() {
    return container("xray-daemon", "amazon/aws-xray-daemon:latest")
        .port(Port.udp(2000))
        .limits(limits("100m", "64Mi"))
        .state(running());
  }

  /** The App Mesh Envoy of order-service's virtual node. */
  public static ContainerSpec.Builder orderServiceEnvoy() {
    return container(
            "envoy",
            "840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.6.0-prod")
        .port(new Port(9901, "TCP", Optional.of("stats")))
        .env("APPMESH_RESOURCE_ARN", "mesh/my-mesh/virtualNode/order-service_shop")
        .env("ENVOY_LOG_LEVEL", "info")
        .limits(limits("200m", "128Mi"))
        .state(running());
  }

  /** The AppConfig agent on localhost:2772, prefetching the feature flags. */
  public static ContainerSpec.Builder appConfigAgent() {
    return container("appconfig-agent", "public.ecr.aws/aws-appconfig/aws-appconfig-agent:2.x")
        .port(Port.tcp(2772))
        .env("PREFETCH_LIST", FEATURE_FLAGS)
        .env("POLL_INTERVAL", "45")
        .limits(limits("50m", "64Mi"))
        .state(running());
  }

  /** order-service in the ECS task: logs to a file on the log volume. */
  public static ContainerSpec.Builder orderServiceOnEcs() {
    return container(
            "order-service", "123456789.dkr.ecr.us-east-1.amazonaws.com/order-service:latest")
        .essential(true)
        .port(Port.tcp(8080))
        .env("LOG_OUTPUT", LOG_DIR + "/app.log")
        .mount(new VolumeMount(LOG_VOLUME, LOG_DIR, false))
        .logConfig(
            new LogConfig(
                "awslogs",
                Map.of(
                    "awslogs-group",
                    "/ecs/order-service",
                    "awslogs-region",
                    "us-east-1",
                    "awslogs-stream-prefix",
                    "ecs")))
        .state(running());
  }

  /** The task's Fluent Bit sidecar, mounting the log volume where the app writes. */
  public static ContainerSpec.Builder fluentBit() {
    return fluentBitUnmounted().mount(new VolumeMount(LOG_VOLUME, LOG_DIR, false));
  }

  /** The task's Fluent Bit sidecar with no mount: add the one a test needs. */
  public static ContainerSpec.Builder fluentBitUnmounted() {
    return container("fluent-bit-sidecar", "amazon/aws-for-fluent-bit:stable")
        .essential(false)
        .env("FLB_LOG_LEVEL", "info")
        .state(running());
  }

  // ---- workloads

  /** A pod of the order-service Deployment, as the sample cluster runs it. */
  public static WorkloadBuilder orderServicePod() {
    return orderServicePod(ORDER_POD_NAME);
  }

  /** A pod of the order-service Deployment under another name: another replica. */
  public static WorkloadBuilder orderServicePod(String name) {
    return WorkloadBuilder.pod(name)
        .owner("Deployment/order-service")
        .phase("Running")
        .label("app", "order-service")
        .label("version", "v1")
        .annotation("appmesh.k8s.aws/mesh", "my-mesh")
        .annotation("appmesh.k8s.aws/virtualNode", "order-service")
        .app(orderService())
        .sidecar(SidecarKind.XRAY_DAEMON, xrayDaemon())
        .sidecar(SidecarKind.APPMESH_ENVOY, orderServiceEnvoy())
        .sidecar(SidecarKind.APPCONFIG_AGENT, appConfigAgent());
  }

  /**
   * The seed document's "Kubernetes Sidecar with X-Ray": the order-service pod with its X-Ray
   * daemon alone, without the sample's App Mesh Envoy and AppConfig agent.
   */
  public static WorkloadBuilder xrayExamplePod() {
    return orderServicePod().without("envoy").without("appconfig-agent");
  }

  /** The running ECS task of the order-service service, Fluent Bit on the shared log volume. */
  public static WorkloadBuilder orderServiceTask() {
    return orderServiceTask(fluentBit());
  }

  /** The running ECS task with this Fluent Bit sidecar instead. */
  public static WorkloadBuilder orderServiceTask(ContainerSpec.Builder fluentBit) {
    return WorkloadBuilder.task(ORDER_TASK_ID)
        .owner("Service/order-service")
        .phase("RUNNING")
        .app(orderServiceOnEcs())
        .sidecar(SidecarKind.FLUENT_BIT, fluentBit);
  }

  /** The order-service task definition as {@code --manifests} reads it. */
  public static WorkloadBuilder orderServiceTaskDefinition() {
    return WorkloadBuilder.taskDefinition("order-service")
        .app(orderServiceOnEcs())
        .sidecar(SidecarKind.FLUENT_BIT, fluentBit());
  }

  /** A pod of payment-service: App Mesh Envoy, and a Vault agent rotating its credentials. */
  public static WorkloadBuilder paymentServicePod() {
    return WorkloadBuilder.pod("payment-service-7d9f8-q1w2e")
        .owner("Deployment/payment-service")
        .phase("Running")
        .label("app", "payment-service")
        .label("version", "v1")
        .annotation("appmesh.k8s.aws/mesh", "my-mesh")
        .annotation("appmesh.k8s.aws/virtualNode", "payment-service")
        .annotation("vault.hashicorp.com/agent-inject", "true")
        .annotation("vault.hashicorp.com/role", "payment-service")
        .annotation("vault.hashicorp.com/agent-inject-secret-db", "database/creds/payments")
        .app(
            container(
                    "payment-service",
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-service:2.4.1")
                .port(Port.tcp(8080))
                .env(
                    "DATABASE_URL",
                    "postgresql://payments-db.internal:5432/payments?sslmode=require")
                .env("DATABASE_CREDENTIALS_FILE", "/vault/secrets/db")
                .env("AWS_XRAY_DAEMON_ADDRESS", "xray-daemon.observability:2000")
                .mount(new VolumeMount("vault-secrets", "/vault/secrets", true))
                .limits(limits("1", "1Gi"))
                .state(running()))
        .sidecar(
            SidecarKind.APPMESH_ENVOY,
            container("envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod")
                .port(new Port(9901, "TCP", Optional.of("stats")))
                .env("APPMESH_RESOURCE_ARN", "mesh/my-mesh/virtualNode/payment-service_shop")
                .limits(limits("200m", "128Mi"))
                .state(running()))
        .sidecar(
            SidecarKind.VAULT_AGENT,
            container("vault-agent", "hashicorp/vault:1.15.4")
                .command(List.of("agent", "-config=/vault/config/agent.hcl"))
                .env("VAULT_ADDR", "https://vault.internal:8200")
                .mount(new VolumeMount("vault-secrets", "/vault/secrets", false))
                .limits(limits("50m", "64Mi"))
                .state(running()));
  }

  /** A pod of the storefront, which calls order-service, behind an NGINX health proxy. */
  public static WorkloadBuilder storefrontPod() {
    return WorkloadBuilder.pod("storefront-84b6c-z9y8x")
        .owner("Deployment/storefront")
        .phase("Running")
        .label("app", "storefront")
        .annotation("kubectl.kubernetes.io/default-container", "storefront")
        .app(
            container("storefront", "123456789012.dkr.ecr.us-east-1.amazonaws.com/storefront:5.0.2")
                .port(Port.tcp(3000))
                .env("ORDER_SERVICE_URL", "http://order-service.shop.svc.cluster.local:8080/api")
                .limits(limits("500m", "512Mi"))
                .state(running()))
        .sidecar(
            SidecarKind.NGINX,
            container("health-proxy", "nginx:1.27-alpine")
                .port(new Port(8081, "TCP", Optional.of("health")))
                .limits(limits("50m", "32Mi"))
                .state(running()));
  }

  /** Not in the seed: inventory with a Fluent Bit sidecar, the pod {@link #withExtraPod} adds. */
  public static WorkloadBuilder inventoryPod() {
    return WorkloadBuilder.pod("inventory-6c4d2-m9n8b")
        .owner("Deployment/inventory")
        .phase("Running")
        .label("app", "inventory")
        .app(
            container("inventory", "inventory:1.2")
                .port(Port.tcp(8080))
                .limits(limits("500m", "256Mi"))
                .state(running()))
        .sidecar(
            SidecarKind.FLUENT_BIT,
            container("fluent-bit", "fluent/fluent-bit:3.0")
                .limits(limits("50m", "64Mi"))
                .state(running()));
  }

  /** The Services of order-service, payment-service and the storefront. */
  public static List<ServiceSpec> services() {
    return List.of(
        ServiceBuilder.service("order-service").port(8080).build(),
        ServiceBuilder.service("payment-service").port(8080).build(),
        ServiceBuilder.service("storefront").port(80).build());
  }

  /** order-service's virtual node with payment-service as its backend, both STRICT mTLS. */
  public static List<MeshVirtualNode> meshNodes() {
    return List.of(
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
  }

  // ---- the live seed, as the console shows it

  /**
   * The seed as its sources report it live: two order-service replicas (the second's X-Ray daemon
   * running but not ready) whose app also carries an API token written into its environment and a
   * password taken from a Secret, payment-service, the storefront and the ECS task; Kubernetes live
   * for five minutes, ECS degraded by throttling.
   */
  public static Observations observations() {
    return observations(
        List.of(
            SourceStatus.live(KUBERNETES, NOW.minusSeconds(300)),
            SourceStatus.of(
                ECS, SourceState.DEGRADED, "throttled, retrying in 8 s", NOW.minusSeconds(20))),
        List.of());
  }

  /** The live seed with the Kubernetes source down. */
  public static Observations withKubernetesDown() {
    return observations(
        List.of(
            SourceStatus.of(
                KUBERNETES, SourceState.DOWN, "connection refused", NOW.minusSeconds(5)),
            SourceStatus.of(
                ECS, SourceState.DEGRADED, "throttled, retrying in 8 s", NOW.minusSeconds(20))),
        List.of());
  }

  /** The live seed with Kubernetes live and the ECS source stale. */
  public static Observations withEcsStale() {
    return observations(
        List.of(
            SourceStatus.live(KUBERNETES, NOW),
            SourceStatus.of(ECS, SourceState.STALE, "no answer for 2 min", NOW)),
        List.of());
  }

  /** The live seed with one more pod: {@link #inventoryPod}. */
  public static Observations withExtraPod() {
    return observations(observations().sources(), List.of(inventoryPod()));
  }

  /** The production snapshot builder, on a clock standing at {@link #NOW}. */
  public static SnapshotBuilder builder() {
    return SnapshotBuilder.standard(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** The live seed's snapshot, by pod. */
  public static TopologySnapshot snapshot() {
    return snapshot(observations(), Grouping.POD);
  }

  public static TopologySnapshot snapshot(Observations observations, Grouping grouping) {
    return builder().build(observations, grouping);
  }

  private static Observations observations(
      List<SourceStatus> sources, List<WorkloadBuilder> extra) {
    List<WorkloadBuilder> pods =
        new java.util.ArrayList<>(
            List.of(
                orderServicePod().change("order-service", SeedSample::withCredentials),
                orderServicePod(ORDER_POD_2_NAME)
                    .change("order-service", SeedSample::withCredentials)
                    .change("xray-daemon", c -> c.state(notReady())),
                paymentServicePod(),
                storefrontPod(),
                orderServiceTask()));
    pods.addAll(extra);
    return new Observations(
        pods.stream().map(WorkloadBuilder::spec).toList(), services(), meshNodes(), sources);
  }

  /** What the live app carries for the doctor to flag and the inspector to mask. */
  private static ContainerSpec.Builder withCredentials(ContainerSpec.Builder app) {
    return app.env("ORDERS_API_TOKEN", "tok_9f8e7d6c5b4a39281706")
        .env(EnvVar.reference("DB_PASSWORD", "secret orders-db/password"));
  }
}
