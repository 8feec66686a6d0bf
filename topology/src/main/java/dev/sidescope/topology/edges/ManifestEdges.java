package dev.sidescope.topology.edges;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives the edges that manifests alone justify: app ↔ each sidecar ({@code local}), sidecars →
 * the services they feed ({@code telemetry}, {@code logs}, {@code config}, {@code secrets}), and
 * app → the upstream services named in its environment or its App Mesh virtual node's backends
 * ({@code upstream}).
 *
 * <p>Where a workload has a mesh proxy, upstream calls leave through it, so its upstream edges
 * start at the proxy, as the seed's diagram draws them; otherwise they start at the app.
 *
 * <p>Stateless and thread-safe; pure computation.
 */
public final class ManifestEdges {

  /** Environment variables whose addresses are not upstream calls of the app. */
  private static final Set<String> NOT_UPSTREAM =
      Set.of(
          "AWS_XRAY_DAEMON_ADDRESS",
          "OTEL_EXPORTER_OTLP_ENDPOINT",
          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
          "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
          "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
          "VAULT_ADDR",
          "NO_PROXY",
          "HTTP_PROXY",
          "HTTPS_PROXY");

  /** The result: edges and the outside nodes they reach. */
  public record Result(List<Edge> edges, List<Node> nodes) {}

  /**
   * Edges and nodes for these classified workloads. Workloads that share an id must come one after
   * the other (the snapshot builder gives them sorted by id): duplicate edges are looked for only
   * among those of the workload at hand and those just before it under the same id.
   */
  public Result derive(
      List<Workload> workloads, List<ServiceSpec> services, List<MeshVirtualNode> meshNodes) {
    int containers = 0;
    for (Workload w : workloads) {
      containers += w.containers().size();
    }
    // About one edge per container: each sidecar's local edge, plus a sink or an upstream.
    Collector out = new Collector(services, containers);
    Map<String, List<MeshVirtualNode>> meshByNamespace = new HashMap<>();
    for (MeshVirtualNode node : meshNodes) {
      meshByNamespace.computeIfAbsent(node.namespace(), k -> new ArrayList<>()).add(node);
    }
    Map<String, MeshVirtualNode> meshByName = new HashMap<>();
    meshNodes.forEach(n -> meshByName.put(n.namespace() + "/" + n.name(), n));
    for (Workload w : workloads) {
      out.startWorkload(w.id());
      localEdges(w, out);
      sinkEdges(w, out);
      envUpstreams(w, out);
      meshUpstreams(w, meshByNamespace.getOrDefault(w.namespace(), List.of()), meshByName, out);
    }
    return new Result(out.edges(), List.copyOf(out.nodes.values()));
  }

  private static void localEdges(Workload w, Collector out) {
    List<Container> containers = w.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container sidecar = containers.get(i);
      if (!sidecar.isSidecar()) {
        continue;
      }
      for (int j = 0; j < containers.size(); j++) {
        Container app = containers.get(j);
        if (app.isApp()) {
          out.edge(app.id(), sidecar.id(), EdgeKind.LOCAL, null);
        }
      }
    }
  }

  private static void sinkEdges(Workload w, Collector out) {
    List<Container> containers = w.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      Optional<LogConfig> log = c.spec().logConfig();
      if (log.isPresent() && log.get().driver().equals("awslogs")) {
        out.edge(
            c.id(),
            out.node(Sinks.CLOUDWATCH_LOGS),
            EdgeKind.LOGS,
            log.get().options().get("awslogs-group"));
      }
      if (!c.isSidecar()) {
        continue;
      }
      SidecarKind kind = c.kind().orElseThrow();
      switch (kind) {
        case XRAY_DAEMON -> out.edge(c.id(), out.node(Sinks.XRAY), EdgeKind.TELEMETRY, null);
        case OTEL_COLLECTOR -> {
          if (c.image().contains("aws-otel")) {
            out.edge(c.id(), out.node(Sinks.XRAY), EdgeKind.TELEMETRY, null);
          }
        }
        case CLOUDWATCH_AGENT ->
            out.edge(c.id(), out.node(Sinks.CLOUDWATCH_METRICS), EdgeKind.TELEMETRY, null);
        case DATADOG_AGENT -> out.edge(c.id(), out.node(Sinks.DATADOG), EdgeKind.TELEMETRY, null);
        case APPCONFIG_AGENT -> out.edge(c.id(), out.node(Sinks.APPCONFIG), EdgeKind.CONFIG, null);
        case SECRETS_AGENT ->
            out.edge(c.id(), out.node(Sinks.SECRETS_MANAGER), EdgeKind.SECRETS, null);
        case VAULT_AGENT ->
            out.edge(
                c.id(),
                out.node(Sinks.VAULT),
                EdgeKind.SECRETS,
                c.spec().envLiteral("VAULT_ADDR").flatMap(HostName::of).orElse(null));
        case FLUENT_BIT, FLUENTD -> logRouterEdges(w, c, out);
        default -> {}
      }
    }
  }

  /**
   * A log router's destinations: the FireLens outputs its siblings ask for ({@code awsfirelens}
   * options {@code Name}, {@code log_group_name}); without any, AWS's own Fluent Bit image and ECS
   * tasks ship to CloudWatch Logs.
   */
  private static void logRouterEdges(Workload w, Container router, Collector out) {
    boolean any = false;
    List<Container> containers = w.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      Optional<LogConfig> firelens =
          c.spec().logConfig().filter(l -> l.driver().equals("awsfirelens"));
      if (firelens.isEmpty()) {
        continue;
      }
      Map<String, String> options = firelens.get().options();
      Optional<Node> sink = Optional.ofNullable(options.get("Name")).flatMap(Sinks::fluentOutput);
      if (sink.isPresent()) {
        String detail =
            Optional.ofNullable(options.get("log_group_name"))
                .or(() -> Optional.ofNullable(options.get("delivery_stream")))
                .or(() -> Optional.ofNullable(options.get("stream")))
                .or(() -> Optional.ofNullable(options.get("bucket")))
                .orElse(null);
        out.edge(router.id(), out.node(sink.get()), EdgeKind.LOGS, detail);
        any = true;
      }
    }
    if (!any
        && (router.image().contains("aws-for-fluent-bit")
            || router.spec().firelens().isPresent()
            || w.platform() == dev.sidescope.topology.model.Platform.ECS)) {
      out.edge(router.id(), out.node(Sinks.CLOUDWATCH_LOGS), EdgeKind.LOGS, null);
    }
  }

  private static void envUpstreams(Workload w, Collector out) {
    Optional<String> from = upstreamOrigin(w);
    if (from.isEmpty()) {
      return;
    }
    List<Container> containers = w.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container app = containers.get(i);
      if (!app.isApp()) {
        continue;
      }
      List<EnvVar> envs = app.spec().env();
      for (int j = 0; j < envs.size(); j++) {
        EnvVar env = envs.get(j);
        if (NOT_UPSTREAM.contains(env.name()) || env.literal().isEmpty()) {
          continue;
        }
        Optional<String> host = out.hostName(env.literal().get());
        if (host.isEmpty() || HostName.isLocal(host.get())) {
          continue;
        }
        String target = out.resolveHost(w, host.get());
        out.edge(from.get(), target, EdgeKind.UPSTREAM, null);
      }
    }
  }

  private static void meshUpstreams(
      Workload w,
      List<MeshVirtualNode> sameNamespace,
      Map<String, MeshVirtualNode> byName,
      Collector out) {
    for (MeshVirtualNode node : sameNamespace) {
      if (!standsFor(node, w)) {
        continue;
      }
      Optional<String> from = upstreamOrigin(w);
      if (from.isEmpty()) {
        continue;
      }
      for (String backend : node.backends()) {
        String target = out.resolveHost(w, backend);
        String detail =
            Optional.ofNullable(byName.get(w.namespace() + "/" + backend))
                .flatMap(MeshVirtualNode::tlsMode)
                .map(mode -> "mTLS " + mode)
                .orElse(null);
        out.edge(from.get(), target, EdgeKind.UPSTREAM, detail);
      }
    }
  }

  private static boolean standsFor(MeshVirtualNode node, Workload w) {
    if (!node.namespace().equals(w.namespace())) {
      return false;
    }
    if (!node.podSelector().isEmpty()) {
      return w.spec().labels().entrySet().containsAll(node.podSelector().entrySet());
    }
    return w.owner().map(o -> o.endsWith("/" + node.name())).orElse(w.name().equals(node.name()));
  }

  /** The container upstream calls leave from: the mesh proxy where there is one, else the app. */
  private static Optional<String> upstreamOrigin(Workload w) {
    Container firstApp = null;
    List<Container> containers = w.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      if (c.isSidecar() && c.kind().orElseThrow().isMeshProxy()) {
        return Optional.of(c.id());
      }
      if (firstApp == null && c.isApp()) {
        firstApp = c;
      }
    }
    return firstApp == null ? Optional.empty() : Optional.of(firstApp.id());
  }

  /**
   * The workload's mesh proxy, through which its upstream calls leave (decision 4), if it has one:
   * overlays that measure a workload's calls put them on the edges that start there.
   */
  public static Optional<Container> meshProxy(Workload w) {
    List<Container> containers = w.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      if (c.isSidecar() && c.kind().orElseThrow().isMeshProxy()) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Accumulates edges (merging duplicates) and nodes. Every edge starts at a container of the
   * workload being looked at, so a duplicate can only be among that workload's own edges: they are
   * few, and looking through them costs less than hashing every edge of the snapshot.
   */
  private static final class Collector {
    private static final Set<Evidence> MANIFEST = Set.of(Evidence.MANIFEST);

    /** What a host name resolves to depends on the host and where it is seen from. */
    private record HostKey(String host, Platform platform, String namespace, String source) {}

    private final List<Edge> edges;

    /** Where the edges of the workload being looked at begin in {@link #edges}. */
    private int workloadStart;

    private String workloadId;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final UpstreamHosts hosts;

    /**
     * {@link HostName#of} of each value seen: the replicas of a workload repeat the same values,
     * and parsing a URL is dear.
     */
    private final Map<String, Optional<String>> hostNames = new HashMap<>();

    /** {@link #resolveHost}'s answers, which every replica of a workload asks again. */
    private final Map<HostKey, String> resolved = new HashMap<>();

    Collector(List<ServiceSpec> services, int expectedEdges) {
      edges = new ArrayList<>(expectedEdges + expectedEdges / 4);
      hosts = new UpstreamHosts(services);
    }

    /**
     * The edges that follow start at this workload's containers. Workloads come in id order, so two
     * observed under one id (which would share container ids) follow each other and share their
     * edges too.
     */
    void startWorkload(String id) {
      if (!id.equals(workloadId)) {
        workloadId = id;
        workloadStart = edges.size();
      }
    }

    Optional<String> hostName(String value) {
      return hostNames.computeIfAbsent(value, HostName::of);
    }

    String node(Node node) {
      nodes.putIfAbsent(node.id(), node);
      return node.id();
    }

    void edge(String from, String to, EdgeKind kind, String detail) {
      for (int i = workloadStart; i < edges.size(); i++) {
        Edge old = edges.get(i);
        if (old.kind() == kind && old.to().equals(to) && old.from().equals(from)) {
          if (old.detail().isEmpty() && detail != null) {
            edges.set(i, old.withDetail(detail));
          }
          return;
        }
      }
      edges.add(new Edge(from, to, kind, MANIFEST, Optional.ofNullable(detail), EdgeMetrics.NONE));
    }

    List<Edge> edges() {
      return edges;
    }

    /**
     * The node a host name stands for, seen from a workload: a Service of the cluster ({@code
     * name}, {@code name.ns}, {@code name.ns.svc[.cluster.local]}), an AWS endpoint, or an external
     * host.
     */
    String resolveHost(Workload from, String host) {
      HostKey key = new HostKey(host, from.platform(), from.namespace(), from.spec().source());
      String id = resolved.get(key);
      if (id == null) {
        id = resolve(from, host);
        resolved.put(key, id);
      }
      return id;
    }

    private String resolve(Workload from, String host) {
      return node(hosts.resolve(from, host));
    }
  }
}
