package dev.sidescope.samples.generate;

import dev.sidescope.samples.folder.ContainerFault;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.kubernetes.ClusterExpander;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates a cluster of realistic shape for scale work: Deployments of varied size, one to four
 * sidecars a pod, some Istio namespaces ({@code istio-init} and {@code istio-proxy}, the {@code
 * sidecar.istio.io/status} annotation), upstream URLs between services, and a few unhealthy
 * sidecars. The same spec and seed give the same cluster, names included.
 *
 * <p>It comes in two forms drawn from one plan, so that they cannot drift apart: {@link
 * #cluster(Spec)}, the manifests that the server expands and serves like any sample, and {@link
 * #generate(Spec)}, the same pods as model observations (for benchmarks that need no server). Pod
 * names agree between the two.
 *
 * <p>Stateless; each call generates anew.
 */
public final class ClusterGenerator {
  /** The name of every generated cluster, and so of its kube context. */
  public static final String NAME = "generated";

  /** Pods per worker node in a generated cluster (an m5.xlarge with prefix delegation). */
  private static final int PODS_PER_NODE = 50;

  private static final String ISTIO_IMAGE = "docker.io/istio/proxyv2:1.22.3";
  private static final String ISTIO_STATUS =
      "{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"],"
          + "\"volumes\":[\"workload-socket\",\"credential-socket\",\"workload-certs\","
          + "\"istio-envoy\",\"istio-data\",\"istio-podinfo\",\"istio-token\",\"istiod-ca-cert\"],"
          + "\"imagePullSecrets\":null,\"revision\":\"default\"}";

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

  /** One generated Deployment: every seeded choice about it, made once. */
  private record Plan(
      String namespace,
      String name,
      int replicas,
      boolean istio,
      String upstreamUrl,
      String appImage,
      List<SidecarTemplate> sidecars,
      List<Map<String, ContainerFault>> faults) {}

  private static final SidecarTemplate ISTIO_PROXY =
      new SidecarTemplate("istio-proxy", ISTIO_IMAGE, Port.tcp(15090), "100m", "128Mi");

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

  private ClusterGenerator() {}

  /** The cluster as observations of one Kubernetes source called {@code generated}. */
  public static Observations generate(Spec spec) {
    List<Plan> plans = plan(spec);
    List<WorkloadSpec> workloads = new ArrayList<>(spec.pods());
    List<ServiceSpec> services = new ArrayList<>(plans.size());
    for (Plan p : plans) {
      services.add(
          new ServiceSpec(
              "service/" + NAME + "/" + p.namespace() + "/" + p.name(),
              Platform.KUBERNETES,
              p.namespace(),
              p.name(),
              Map.of("app", p.name()),
              List.of(Port.tcp(8080))));
      PodTemplateSpec template = deployment(p).getSpec().getTemplate();
      // Named as the expander names the pods of the Deployment's ReplicaSet when it serves them.
      ClusterExpander.DeploymentPods pods =
          ClusterExpander.deploymentPods(
              p.namespace(), p.name(), template, p.replicas(), spec.seed());
      for (int r = 0; r < p.replicas(); r++) {
        workloads.add(
            workload(p, pods.podNames().get(r), pods.podTemplateHash(), p.faults().get(r)));
      }
    }
    return new Observations(
        workloads,
        services,
        List.of(),
        List.of(SourceStatus.live("kubernetes/" + NAME, Instant.EPOCH)));
  }

  /**
   * The cluster as a sample for the server: its Namespaces (Istio ones labelled for injection),
   * Deployments with their pod templates as injected, Services, and the unhealthy sidecars as
   * {@link SampleCluster#faults()}.
   */
  public static SampleCluster cluster(Spec spec) {
    List<Plan> plans = plan(spec);
    List<HasMetadata> manifests = new ArrayList<>(plans.size() * 2 + spec.namespaces());
    Map<ContainerFault.Where, ContainerFault> faults = new LinkedHashMap<>();
    for (int ns = 0; ns < spec.namespaces(); ns++) {
      Namespace namespace = new Namespace();
      namespace.setApiVersion("v1");
      namespace.setKind("Namespace");
      namespace.setMetadata(
          meta(
              namespaceName(ns),
              null,
              isIstio(ns) ? Map.of("istio-injection", "enabled") : Map.of()));
      manifests.add(namespace);
    }
    for (Plan p : plans) {
      manifests.add(deployment(p));
      manifests.add(service(p));
      for (int r = 0; r < p.replicas(); r++) {
        int replica = r;
        p.faults()
            .get(r)
            .forEach(
                (container, fault) ->
                    faults.put(
                        new ContainerFault.Where(p.namespace(), p.name(), replica, container),
                        fault));
      }
    }
    return new SampleCluster(
        NAME,
        spec.pods()
            + " generated pods in "
            + spec.namespaces()
            + " namespaces (seed "
            + spec.seed()
            + ").",
        List.of(),
        manifests,
        faults,
        List.of());
  }

  /** How to expand {@link #cluster(Spec)}: its seed, and a node for every 50 pods (at least 3). */
  public static ClusterExpander.Options expansion(Spec spec, Instant now) {
    int nodes =
        Math.max(ClusterExpander.DEFAULT_NODES, (spec.pods() + PODS_PER_NODE - 1) / PODS_PER_NODE);
    return new ClusterExpander.Options(spec.seed(), now, nodes);
  }

  /** Every seeded choice, in one pass, in a fixed order. */
  private static List<Plan> plan(Spec spec) {
    SplittableRandom random = new SplittableRandom(spec.seed());
    List<Plan> plans = new ArrayList<>();
    int podsLeft = spec.pods();
    int deployment = 0;
    while (podsLeft > 0) {
      int ns = deployment % spec.namespaces();
      String namespace = namespaceName(ns);
      boolean istio = isIstio(ns);
      String name = WORDS[deployment % WORDS.length] + "-" + (deployment / WORDS.length + 1);
      int replicas = Math.min(podsLeft, replicasFor(random));
      String upstreamUrl = null;
      if (!plans.isEmpty()) {
        // An earlier service, so that every upstream exists; usually a recent one.
        Plan upstream = plans.get(Math.max(0, plans.size() - 1 - random.nextInt(20)));
        upstreamUrl =
            upstream.namespace().equals(namespace)
                ? "http://" + upstream.name() + ":8080"
                : "http://"
                    + upstream.name()
                    + "."
                    + upstream.namespace()
                    + ".svc.cluster.local:8080";
      }
      String appImage =
          "123456789012.dkr.ecr.us-east-1.amazonaws.com/" + name + ":1." + random.nextInt(40);
      List<SidecarTemplate> sidecars = pickSidecars(random, istio);
      List<SidecarTemplate> faultable = new ArrayList<>();
      if (istio) {
        faultable.add(ISTIO_PROXY);
      }
      faultable.addAll(sidecars);
      List<Map<String, ContainerFault>> faults = new ArrayList<>(replicas);
      for (int r = 0; r < replicas; r++) {
        Map<String, ContainerFault> replicaFaults = new LinkedHashMap<>();
        for (SidecarTemplate t : faultable) {
          int roll = random.nextInt(1000);
          if (roll < 3) {
            replicaFaults.put(
                t.name(),
                new ContainerFault(ContainerFault.Kind.CRASH_LOOP, 4 + random.nextInt(20), 1));
          } else if (roll < 8) {
            replicaFaults.put(t.name(), new ContainerFault(ContainerFault.Kind.NOT_READY, 0, 0));
          }
        }
        faults.add(Map.copyOf(replicaFaults));
      }
      plans.add(
          new Plan(
              namespace,
              name,
              replicas,
              istio,
              upstreamUrl,
              appImage,
              List.copyOf(sidecars),
              List.copyOf(faults)));
      podsLeft -= replicas;
      deployment++;
    }
    return plans;
  }

  private static String namespaceName(int ns) {
    return "team-" + (ns + 1);
  }

  private static boolean isIstio(int ns) {
    return ns % 4 == 0;
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

  private static Map<String, String> podLabels(Plan p) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", p.name());
    if (p.istio()) {
      labels.put("security.istio.io/tlsMode", "istio");
      labels.put("service.istio.io/canonical-name", p.name());
      labels.put("service.istio.io/canonical-revision", "latest");
    }
    return labels;
  }

  private static Map<String, String> podAnnotations(Plan p) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (p.istio()) {
      annotations.put("prometheus.io/path", "/stats/prometheus");
      annotations.put("prometheus.io/port", "15020");
      annotations.put("prometheus.io/scrape", "true");
      annotations.put("sidecar.istio.io/status", ISTIO_STATUS);
    }
    return annotations;
  }

  /**
   * The Deployment of a plan, its pod template as the injectors leave it. Built with setters, not
   * fabric8's builders: there are thousands of them, and the builders cost ten times as much.
   */
  private static Deployment deployment(Plan p) {
    List<Container> initContainers = new ArrayList<>();
    List<Container> containers = new ArrayList<>();
    if (p.istio()) {
      Container init = container("istio-init", ISTIO_IMAGE, null, "100m", "50Mi");
      init.setArgs(
          List.of(
              "istio-iptables",
              "-p",
              "15001",
              "-z",
              "15006",
              "-u",
              "1337",
              "-m",
              "REDIRECT",
              "-i",
              "*",
              "-x",
              "",
              "-b",
              "*",
              "-d",
              "15090,15021,15020",
              "--log_output_level=default:info"));
      initContainers.add(init);
    }
    ContainerPort http = new ContainerPort();
    http.setContainerPort(8080);
    http.setName("http");
    Container app = container(p.name(), p.appImage(), http, "500m", "512Mi");
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000", null));
    if (p.upstreamUrl() != null) {
      env.add(new EnvVar("UPSTREAM_URL", p.upstreamUrl(), null));
    }
    app.setEnv(env);
    containers.add(app);
    if (p.istio()) {
      Container proxy = sidecar(ISTIO_PROXY);
      proxy.setArgs(
          List.of(
              "proxy",
              "sidecar",
              "--domain",
              "$(POD_NAMESPACE).svc.cluster.local",
              "--proxyLogLevel=warning",
              "--proxyComponentLogLevel=misc:error",
              "--log_output_level=default:info"));
      containers.add(proxy);
    }
    for (SidecarTemplate t : p.sidecars()) {
      Container c = sidecar(t);
      if (t.name().equals("envoy")) {
        c.setEnv(
            List.of(
                new EnvVar(
                    "APPMESH_RESOURCE_ARN",
                    "mesh/" + NAME + "/virtualNode/" + p.name() + "_" + p.namespace(),
                    null)));
      }
      containers.add(c);
    }
    PodSpec podSpec = new PodSpec();
    podSpec.setInitContainers(initContainers.isEmpty() ? null : initContainers);
    podSpec.setContainers(containers);
    ObjectMeta templateMeta = new ObjectMeta();
    templateMeta.setLabels(podLabels(p));
    Map<String, String> annotations = podAnnotations(p);
    templateMeta.setAnnotations(annotations.isEmpty() ? null : annotations);
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(new LinkedHashMap<>(Map.of("app", p.name())));
    DeploymentSpec spec = new DeploymentSpec();
    spec.setReplicas(p.replicas());
    spec.setSelector(selector);
    spec.setTemplate(new PodTemplateSpec(templateMeta, podSpec));
    Deployment deployment = new Deployment();
    deployment.setApiVersion("apps/v1");
    deployment.setKind("Deployment");
    deployment.setMetadata(meta(p.name(), p.namespace(), Map.of("app", p.name())));
    deployment.setSpec(spec);
    return deployment;
  }

  private static Service service(Plan p) {
    ServicePort port = new ServicePort();
    port.setName("http");
    port.setPort(8080);
    port.setTargetPort(new IntOrString(8080));
    var spec = new io.fabric8.kubernetes.api.model.ServiceSpec();
    spec.setSelector(new LinkedHashMap<>(Map.of("app", p.name())));
    spec.setPorts(List.of(port));
    Service service = new Service();
    service.setApiVersion("v1");
    service.setKind("Service");
    service.setMetadata(meta(p.name(), p.namespace(), Map.of("app", p.name())));
    service.setSpec(spec);
    return service;
  }

  private static ObjectMeta meta(String name, String namespace, Map<String, String> labels) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace);
    meta.setLabels(new LinkedHashMap<>(labels));
    return meta;
  }

  private static Container sidecar(SidecarTemplate t) {
    ContainerPort port = new ContainerPort();
    port.setContainerPort(t.port().number());
    port.setProtocol(t.port().protocol());
    return container(t.name(), t.image(), port, t.cpu(), t.memory());
  }

  private static Container container(
      String name, String image, ContainerPort port, String cpu, String memory) {
    Container c = new Container();
    c.setName(name);
    c.setImage(image);
    if (port != null) {
      c.setPorts(List.of(port));
    }
    if (cpu != null) {
      ResourceRequirements resources = new ResourceRequirements();
      Map<String, Quantity> limits = new LinkedHashMap<>();
      limits.put("cpu", new Quantity(cpu));
      limits.put("memory", new Quantity(memory));
      resources.setLimits(limits);
      c.setResources(resources);
    }
    return c;
  }

  /** One pod of a plan as an observation, the same pod the server would serve. */
  private static WorkloadSpec workload(
      Plan p, String podName, String hash, Map<String, ContainerFault> faults) {
    List<ContainerSpec> containers = new ArrayList<>();
    if (p.istio()) {
      containers.add(
          ContainerSpec.builder("istio-init", ISTIO_IMAGE)
              .initContainer(true)
              .limits(new Resources(Optional.of("100m"), Optional.of("50Mi")))
              .build());
    }
    ContainerSpec.Builder app =
        ContainerSpec.builder(p.name(), p.appImage())
            .port(new Port(8080, "TCP", Optional.of("http")))
            .env("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000")
            .limits(new Resources(Optional.of("500m"), Optional.of("512Mi")))
            .state(ContainerState.runningReady());
    if (p.upstreamUrl() != null) {
      app.env("UPSTREAM_URL", p.upstreamUrl());
    }
    containers.add(app.build());
    if (p.istio()) {
      containers.add(sidecarSpec(ISTIO_PROXY, faults));
    }
    for (SidecarTemplate t : p.sidecars()) {
      containers.add(sidecarSpec(t, faults));
    }
    Map<String, String> labels = podLabels(p);
    labels.put("pod-template-hash", hash);
    return new WorkloadSpec(
        "kubernetes/" + NAME + "/" + p.namespace() + "/" + podName,
        Platform.KUBERNETES,
        "kubernetes/" + NAME,
        p.namespace(),
        podName,
        Optional.of("Deployment/" + p.name()),
        labels,
        podAnnotations(p),
        containers,
        Optional.empty(),
        Optional.of("Running"));
  }

  private static ContainerSpec sidecarSpec(SidecarTemplate t, Map<String, ContainerFault> faults) {
    ContainerFault fault = faults.get(t.name());
    ContainerState state;
    if (fault == null) {
      state = ContainerState.runningReady();
    } else if (fault.kind() == ContainerFault.Kind.CRASH_LOOP) {
      state =
          new ContainerState(
              ContainerState.Phase.WAITING,
              Optional.of(false),
              Optional.of(fault.restarts()),
              Optional.of("CrashLoopBackOff"),
              Optional.of(fault.exitCode()),
              Optional.empty());
    } else {
      state =
          new ContainerState(
              ContainerState.Phase.RUNNING,
              Optional.of(false),
              Optional.of(fault.restarts()),
              Optional.empty(),
              Optional.empty(),
              Optional.empty());
    }
    return ContainerSpec.builder(t.name(), t.image())
        .port(t.port())
        .limits(new Resources(Optional.ofNullable(t.cpu()), Optional.ofNullable(t.memory())))
        .state(state)
        .build();
  }
}
