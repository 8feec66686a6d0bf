package dev.sidescope.samples;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.WorkloadSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates a cluster of realistic shape for scale work: Deployments of varied size, one to four
 * sidecars a pod, some Istio namespaces, upstream calls between services, and a few unhealthy
 * sidecars. The same spec and seed give the same cluster, names included.
 *
 * <p>Stateless; each call generates anew.
 */
public final class ClusterGenerator {

  /**
   * What to generate: {@code pods=N[,namespaces=M][,seed=S]}.
   *
   * @param pods total pods
   * @param namespaces namespaces to spread them over (default: one per 500 pods, at least 1)
   * @param seed random seed (default 1)
   */
  public record Spec(int pods, int namespaces, long seed) {
    public Spec {
      if (pods < 1 || namespaces < 1) {
        throw new IllegalArgumentException("pods and namespaces must be at least 1");
      }
    }

    /** Parses {@code pods=N[,namespaces=M][,seed=S]}; throws with a sentence a user can act on. */
    public static Spec parse(String text) {
      Integer pods = null;
      Integer namespaces = null;
      long seed = 1;
      for (String part : text.split(",")) {
        String[] kv = part.strip().split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException(
              "'" + part + "' is not key=value (try pods=2000,namespaces=10,seed=7)");
        }
        try {
          switch (kv[0].strip()) {
            case "pods" -> pods = Integer.parseInt(kv[1].strip());
            case "namespaces" -> namespaces = Integer.parseInt(kv[1].strip());
            case "seed" -> seed = Long.parseLong(kv[1].strip());
            default ->
                throw new IllegalArgumentException(
                    "unknown key '" + kv[0] + "' (pods, namespaces, seed)");
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + kv[1] + "' is not a whole number");
        }
      }
      if (pods == null) {
        throw new IllegalArgumentException("pods=N is required");
      }
      return new Spec(pods, namespaces == null ? Math.max(1, pods / 500) : namespaces, seed);
    }
  }

  private record SidecarTemplate(String name, String image, Port port, String cpu, String memory) {}

  private static final List<SidecarTemplate> PALETTE =
      List.of(
          new SidecarTemplate(
              "xray-daemon", "amazon/aws-xray-daemon:3.3.12", Port.udp(2000), "100m", "64Mi"),
          new SidecarTemplate(
              "fluent-bit",
              "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2",
              Port.tcp(2020),
              "100m",
              "128Mi"),
          new SidecarTemplate(
              "envoy",
              "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod",
              Port.tcp(9901),
              "200m",
              "128Mi"),
          new SidecarTemplate(
              "appconfig-agent",
              "public.ecr.aws/aws-appconfig/aws-appconfig-agent:2.x",
              Port.tcp(2772),
              "50m",
              "64Mi"),
          new SidecarTemplate(
              "vault-agent", "hashicorp/vault:1.15.4", Port.tcp(8200), "50m", "64Mi"),
          new SidecarTemplate(
              "otel-collector",
              "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
              Port.tcp(4317),
              "200m",
              "256Mi"),
          new SidecarTemplate(
              "datadog-agent", "gcr.io/datadoghq/agent:7.52.0", Port.udp(8125), "200m", "256Mi"),
          new SidecarTemplate(
              "cloud-sql-proxy",
              "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.8.0",
              Port.tcp(5432),
              "100m",
              "64Mi"),
          new SidecarTemplate(
              "statsd-exporter", "prom/statsd-exporter:v0.26.0", Port.tcp(9102), null, null),
          new SidecarTemplate("health-proxy", "nginx:1.27-alpine", Port.tcp(8081), "50m", "32Mi"));

  private static final String[] WORDS = {
    "order", "payment", "ledger", "catalog", "cart", "checkout", "search", "review", "rating",
    "shipping", "invoice", "account", "profile", "auth", "inventory", "pricing", "promo", "email",
    "notify", "report", "audit", "billing", "quote", "stock", "media", "recommend", "session"
  };
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private ClusterGenerator() {}

  /** The cluster as observations of one Kubernetes source called {@code generated}. */
  public static Observations generate(Spec spec) {
    SplittableRandom random = new SplittableRandom(spec.seed());
    List<WorkloadSpec> workloads = new ArrayList<>(spec.pods());
    List<ServiceSpec> services = new ArrayList<>();
    int podsLeft = spec.pods();
    int deployment = 0;
    while (podsLeft > 0) {
      int ns = deployment % spec.namespaces();
      String namespace = "team-" + (ns + 1);
      boolean istio = ns % 4 == 0;
      String service = WORDS[deployment % WORDS.length] + "-" + (deployment / WORDS.length + 1);
      int replicas = Math.min(podsLeft, replicasFor(random));
      String upstream =
          WORDS[(deployment + 1 + random.nextInt(5)) % WORDS.length]
              + "-"
              + (deployment / WORDS.length + 1);
      services.add(
          new ServiceSpec(
              "service/generated/" + namespace + "/" + service,
              Platform.KUBERNETES,
              namespace,
              service,
              Map.of("app", service),
              List.of(Port.tcp(8080))));
      List<SidecarTemplate> sidecars = pickSidecars(random, istio);
      String hash = suffix(random, 9);
      for (int r = 0; r < replicas; r++) {
        workloads.add(pod(random, namespace, service, hash, upstream, sidecars, istio));
      }
      podsLeft -= replicas;
      deployment++;
    }
    return new Observations(
        workloads,
        services,
        List.of(),
        List.of(SourceStatus.live("kubernetes/generated", Instant.EPOCH)));
  }

  private static int replicasFor(SplittableRandom random) {
    int roll = random.nextInt(100);
    if (roll < 40) {
      return 1 + random.nextInt(2);
    }
    if (roll < 85) {
      return 3 + random.nextInt(4);
    }
    return 8 + random.nextInt(25);
  }

  private static List<SidecarTemplate> pickSidecars(SplittableRandom random, boolean istio) {
    int count = istio ? random.nextInt(3) : 1 + random.nextInt(4);
    List<SidecarTemplate> picked = new ArrayList<>();
    while (picked.size() < count) {
      SidecarTemplate t = PALETTE.get(random.nextInt(PALETTE.size()));
      if (!picked.contains(t) && !(istio && t.name().equals("envoy"))) {
        picked.add(t);
      }
    }
    return picked;
  }

  private static WorkloadSpec pod(
      SplittableRandom random,
      String namespace,
      String service,
      String hash,
      String upstream,
      List<SidecarTemplate> sidecars,
      boolean istio) {
    String name = service + "-" + hash + "-" + suffix(random, 5);
    List<ContainerSpec> containers = new ArrayList<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (istio) {
      annotations.put(
          "sidecar.istio.io/status",
          "{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"]}");
      containers.add(
          ContainerSpec.builder("istio-init", "docker.io/istio/proxyv2:1.22.3")
              .initContainer(true)
              .build());
    }
    containers.add(
        ContainerSpec.builder(
                service,
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                    + service
                    + ":1."
                    + random.nextInt(40))
            .port(Port.tcp(8080))
            .env("UPSTREAM_URL", "http://" + upstream + ":8080")
            .env("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000")
            .limits(new Resources(Optional.of("500m"), Optional.of("512Mi")))
            .state(ContainerState.runningReady())
            .build());
    if (istio) {
      containers.add(
          sidecar(
              random,
              new SidecarTemplate(
                  "istio-proxy",
                  "docker.io/istio/proxyv2:1.22.3",
                  Port.tcp(15090),
                  "100m",
                  "128Mi")));
    }
    for (SidecarTemplate t : sidecars) {
      containers.add(sidecar(random, t));
    }
    return new WorkloadSpec(
        "kubernetes/generated/" + namespace + "/" + name,
        Platform.KUBERNETES,
        "kubernetes/generated",
        namespace,
        name,
        Optional.of("Deployment/" + service),
        Map.of("app", service, "pod-template-hash", hash),
        annotations,
        containers,
        Optional.empty(),
        Optional.of("Running"));
  }

  private static ContainerSpec sidecar(SplittableRandom random, SidecarTemplate t) {
    int roll = random.nextInt(1000);
    ContainerState state =
        roll < 3
            ? new ContainerState(
                ContainerState.Phase.WAITING,
                Optional.of(false),
                Optional.of(4 + random.nextInt(20)),
                Optional.of("CrashLoopBackOff"),
                Optional.of(1),
                Optional.empty())
            : roll < 8
                ? new ContainerState(
                    ContainerState.Phase.RUNNING,
                    Optional.of(false),
                    Optional.of(0),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())
                : ContainerState.runningReady();
    return ContainerSpec.builder(t.name(), t.image())
        .port(t.port())
        .limits(new Resources(Optional.ofNullable(t.cpu()), Optional.ofNullable(t.memory())))
        .state(state)
        .build();
  }

  private static String suffix(SplittableRandom random, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
