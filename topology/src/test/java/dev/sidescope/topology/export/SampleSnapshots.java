package dev.sidescope.topology.export;

import static dev.sidescope.testing.ServiceBuilder.service;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Snapshots built by hand for the exporter tests, each named after its golden files ({@code
 * <name>.mmd}, {@code <name>.dot}).
 */
public final class SampleSnapshots {

  public static final Instant TAKEN_AT = Instant.parse("2026-11-26T10:00:00Z");

  /** A named snapshot, so parameterised tests read well. */
  public record Sample(String name, TopologySnapshot snapshot) {
    @Override
    public String toString() {
      return name;
    }
  }

  private SampleSnapshots() {}

  /** Every sample, in a fixed order. */
  public static List<Sample> all() {
    return List.of(
        new Sample("seed", seed()),
        new Sample("grouped-with-findings", groupedWithFindings()),
        new Sample("tricky-names", trickyNames()),
        new Sample("empty", empty()));
  }

  /**
   * The seed document's two examples: the order-service ECS task definition with its Fluent Bit
   * sidecar shipping to CloudWatch Logs, and a pod of the order-service Deployment with its X-Ray
   * daemon sidecar, calling payment-service.
   */
  public static TopologySnapshot seed() {
    Workload ecs = SeedSample.orderServiceTaskDefinition().source("manifests").build();
    Workload k8s = SeedSample.xrayExamplePod().source("manifests").build();
    String task = ecs.id();
    String pod = k8s.id();
    String payment = service("payment-service").id();
    return new TopologySnapshot(
        TAKEN_AT,
        Grouping.POD,
        List.of(SourceStatus.live("manifests", TAKEN_AT)),
        List.of(ecs, k8s),
        List.of(
            new Node("aws/cloudwatch-logs", NodeKind.AWS, "CloudWatch Logs"),
            new Node("aws/xray", NodeKind.AWS, "AWS X-Ray"),
            new Node(payment, NodeKind.SERVICE, "payment-service")),
        List.of(
            Edge.fromManifest(
                task + "/order-service", task + "/fluent-bit-sidecar", EdgeKind.LOCAL),
            Edge.fromManifest(task + "/fluent-bit-sidecar", "aws/cloudwatch-logs", EdgeKind.LOGS)
                .withDetail("/ecs/order-service"),
            Edge.fromManifest(pod + "/order-service", pod + "/xray-daemon", EdgeKind.LOCAL),
            Edge.fromManifest(pod + "/xray-daemon", "aws/xray", EdgeKind.TELEMETRY),
            Edge.fromManifest(pod + "/order-service", payment, EdgeKind.UPSTREAM)),
        List.of());
  }

  /**
   * The seed's other sidecars on one grouped Deployment (three replicas): an App Mesh Envoy
   * carrying measured traffic to payment-service and a database, the AppConfig agent, a Vault agent
   * as a native sidecar, an init container; with findings on a container, an edge, a box and a
   * node.
   */
  public static TopologySnapshot groupedWithFindings() {
    Workload workload =
        WorkloadBuilder.pod("order-service")
            .source("manifests")
            .owner("Deployment/order-service")
            .replicas(3)
            .init("wait-for-db", "busybox:1.36")
            .app("order-service", "order-service:latest")
            .sidecar(
                SidecarKind.APPMESH_ENVOY,
                "envoy",
                "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29")
            .sidecar(
                SidecarKind.APPCONFIG_AGENT,
                "appconfig-agent",
                "public.ecr.aws/aws-appconfig/aws-appconfig-agent:2.x")
            .sidecar(SidecarKind.VAULT_AGENT, "vault-agent", "hashicorp/vault:1.17")
            .build();
    String box = workload.id();
    String payment = service("payment-service").id();
    Edge upstream =
        new Edge(
            box + "/envoy",
            payment,
            EdgeKind.UPSTREAM,
            Set.of(Evidence.MANIFEST, Evidence.ENVOY),
            Optional.empty(),
            new EdgeMetrics(
                OptionalDouble.of(12.5),
                OptionalDouble.of(41.0),
                OptionalDouble.of(95.0),
                OptionalDouble.of(180.0),
                OptionalDouble.of(0.004)));
    Edge database =
        Edge.fromManifest(box + "/envoy", "external/orders-db.internal:5432", EdgeKind.UPSTREAM);
    return new TopologySnapshot(
        TAKEN_AT,
        Grouping.WORKLOAD,
        List.of(SourceStatus.live("kubernetes/kind-dev", TAKEN_AT)),
        List.of(workload),
        List.of(
            new Node("aws/appconfig", NodeKind.AWS, "AWS AppConfig"),
            new Node(
                "external/orders-db.internal:5432", NodeKind.EXTERNAL, "orders-db.internal:5432"),
            new Node(payment, NodeKind.SERVICE, "payment-service"),
            new Node("vault", NodeKind.VAULT, "Vault")),
        List.of(
            Edge.fromManifest(box + "/order-service", box + "/envoy", EdgeKind.LOCAL),
            Edge.fromManifest(box + "/order-service", box + "/appconfig-agent", EdgeKind.LOCAL),
            Edge.fromManifest(box + "/order-service", box + "/vault-agent", EdgeKind.LOCAL),
            upstream,
            database,
            Edge.fromManifest(box + "/appconfig-agent", "aws/appconfig", EdgeKind.CONFIG)
                .withDetail("MyApp/prod/feature-flags"),
            Edge.fromManifest(box + "/vault-agent", "vault", EdgeKind.SECRETS)),
        List.of(
            new Finding(
                Severity.WARNING,
                "SIDECAR_RESTARTING",
                box,
                Optional.of("envoy"),
                "The envoy sidecar restarted 4 times in the last hour."),
            new Finding(
                Severity.INFO,
                "SIDECAR_NOT_READY",
                box,
                Optional.of("envoy"),
                "The envoy sidecar was not ready for 20 seconds."),
            new Finding(
                Severity.ERROR,
                "UPSTREAM_ERRORS",
                upstream.key(),
                Optional.empty(),
                "Calls to payment-service fail more often than 0.1%."),
            new Finding(
                Severity.INFO,
                "REPLICAS_UNEVEN",
                box,
                Optional.empty(),
                "One replica runs an older image."),
            new Finding(
                Severity.WARNING,
                "VAULT_UNREACHABLE",
                "vault",
                Optional.empty(),
                "Vault did not answer the last health check.")));
  }

  /**
   * Every character that an output format gives a meaning to, in every name and label: dots,
   * slashes, pipes, quotes, brackets, {@code #}, {@code <>}, {@code &}, {@code %}, colons,
   * semicolons, backticks, backslashes (one ends a name), unicode, and words that are keywords.
   */
  public static TopologySnapshot trickyNames() {
    String appName = "app \"main\" [v1] #x <y> & z \\ ü|ö.é/ß %%{init}%%";
    String sidecarName = "side.car|\"q\" [x] (y) {z} #35; <b> &lt; \\n \\ 東京 ☕";
    String ecsApp = "o-app `tick` 'single' ; : ::: --> -.-> end";
    String ecsSidecar = "x-sidecar ﬂ°°1¶ß \\";
    String upstreamId = "service/ctx.with.dots:8443/ns|pipe/pay.ment \"svc\" [1] #2 <i> & \\ ñ";
    String awsA = "aws/x.ray";
    String awsB = "aws/x-ray";
    String external = "external/db.example.com:5432/q?x=1&y=<2>#frag\\";
    // kubernetes/ctx.with.dots:8443/ns|pipe/pod "quoted" [0] #1 <b>&amp; \ end
    Workload k8s =
        WorkloadBuilder.pod("pod \"quoted\" [0] #1 <b>&amp; \\ end")
            .namespace("ns|pipe")
            .context("ctx.with.dots:8443")
            .source("manifests")
            .owner("Deployment/we\"ird.name|x<y>&z\\")
            .app(appName, "registry.example.com:5000/app:1.0")
            .sidecar(SidecarKind.ENVOY, sidecarName, "envoyproxy/envoy:v1.31")
            .build();
    // ecs/eu-west-1/cluster.ü/task{1}; style:x#quot;
    Workload ecs =
        WorkloadBuilder.task("task{1}; style:x#quot;")
            .cluster("cluster.ü")
            .region("eu-west-1")
            .source("manifests")
            .owner("Service/ö\"rders")
            .app(ecsApp, "app:latest")
            .sidecar(SidecarKind.CLOUD_SQL_PROXY, ecsSidecar, "cloud-sql-proxy:2")
            .build();
    String pod = k8s.id();
    String task = ecs.id();
    return new TopologySnapshot(
        TAKEN_AT,
        Grouping.POD,
        List.of(SourceStatus.live("manifests", TAKEN_AT)),
        List.of(k8s, ecs),
        List.of(
            new Node(upstreamId, NodeKind.SERVICE, "pay.ment \"svc\" [1] #2 <i> & \\ ñ | ×"),
            new Node(awsA, NodeKind.AWS, "AWS X-Ray (x.ray) #quot; <tag> & \"q\""),
            new Node(awsB, NodeKind.AWS, "AWS X-Ray (x-ray) %% comment"),
            new Node(external, NodeKind.EXTERNAL, "db.example.com:5432 <&> \"#\" \\")),
        List.of(
            Edge.fromManifest(pod + "/" + appName, pod + "/" + sidecarName, EdgeKind.LOCAL),
            Edge.fromManifest(pod + "/" + sidecarName, upstreamId, EdgeKind.UPSTREAM)
                .withDetail("GET /pay|ments?id=\"1\"&x=<2> #a \\ é"),
            Edge.fromManifest(pod + "/" + sidecarName, awsA, EdgeKind.TELEMETRY),
            Edge.fromManifest(pod + "/" + sidecarName, awsB, EdgeKind.TELEMETRY),
            Edge.fromManifest(task + "/" + ecsApp, task + "/" + ecsSidecar, EdgeKind.LOCAL),
            Edge.fromManifest(task + "/" + ecsSidecar, external, EdgeKind.UPSTREAM)
                .withDetail("log|group \"/ecs/ö\" [x] #y <z> & \\"),
            // A workload id as an endpoint, and an id the snapshot names nowhere else.
            Edge.fromManifest(task, "external/unlisted.example.org|\"x\"", EdgeKind.UPSTREAM)),
        List.of(
            new Finding(
                Severity.ERROR,
                "SIDECAR_NOT_READY",
                pod,
                Optional.of(sidecarName),
                "Not ready: <\"&\">.")));
  }

  /** No workloads, nodes or edges: what a source that found nothing gives. */
  public static TopologySnapshot empty() {
    return new TopologySnapshot(
        TAKEN_AT, Grouping.POD, List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
