package dev.sidescope.topology.overlay;

import dev.sidescope.topology.edges.Sinks;
import dev.sidescope.topology.edges.UpstreamHosts;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.UpstreamHealth;
import dev.sidescope.topology.model.proxy.UpstreamReading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts what proxy sidecars say of their upstreams ({@link OverlayKeys#PROXY_READINGS}) on the
 * picture: each upstream cluster's figures on the edge from the sidecar to the Service (or AWS
 * service, or external host) the cluster stands for, with evidence {@code envoy} and the proxy's
 * view of the upstream's health; findings for an upstream with no healthy or with ejected hosts
 * ({@value #UPSTREAM_UNHEALTHY}) and for a proxy that is not {@code LIVE} ({@value
 * #PROXY_NOT_LIVE}). A proxy read only by its admin URL that matches no container is drawn as an
 * external node of its own, with its upstreams.
 *
 * <p>The readings are copied into the snapshot's overlays, for the Envoy tab. Stateless.
 */
public final class ProxyUpstreamAppender implements Appender {
  public static final String NAME = "proxy-upstreams";

  /** An upstream with no healthy host, or with hosts ejected by outlier detection. */
  public static final String UPSTREAM_UNHEALTHY = "UPSTREAM_UNHEALTHY";

  /** A proxy whose {@code /server_info} state is other than {@code LIVE}. */
  public static final String PROXY_NOT_LIVE = "PROXY_NOT_LIVE";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TopologyBase append(TopologyBase topology, OverlayData measurements) {
    Map<String, ProxyReading> readings = measurements.all(OverlayKeys.PROXY_READINGS);
    if (readings.isEmpty()) {
      return topology;
    }
    return new Placing(topology).place(readings);
  }

  /** A container and the workload it is in. */
  private record Sidecar(Workload workload, Container container) {}

  private static final class Placing {
    private final TopologyBase topology;
    private final Map<String, Sidecar> containers = new HashMap<>();
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, Node> addedNodes = new LinkedHashMap<>();
    private final Map<String, Edge> measured = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final UpstreamHosts hosts;

    Placing(TopologyBase topology) {
      this.topology = topology;
      for (Workload w : topology.workloads()) {
        for (Container c : w.containers()) {
          containers.put(c.id(), new Sidecar(w, c));
        }
      }
      for (Node n : topology.nodes()) {
        nodes.put(n.id(), n);
      }
      hosts = new UpstreamHosts(topology.services());
    }

    TopologyBase place(Map<String, ProxyReading> readings) {
      Map<String, ProxyReading> kept = new LinkedHashMap<>();
      for (ProxyReading r : readings.values()) {
        Optional<Sidecar> sidecar = sidecarOf(r);
        ProxyReading reading =
            sidecar.isPresent() && !sidecar.get().container().id().equals(r.subject())
                ? new ProxyReading(
                    sidecar.get().container().id(),
                    r.admin(),
                    r.kind(),
                    r.server(),
                    r.upstreams(),
                    r.measuring(),
                    r.at())
                : r;
        kept.put(reading.subject(), reading);
        if (sidecar.isPresent()) {
          placeOnSidecar(reading, sidecar.get());
        } else {
          placeAlone(reading);
        }
      }
      List<Finding> allFindings = findings;
      if (!findings.isEmpty()) {
        allFindings = new ArrayList<>(topology.findings());
        allFindings.addAll(findings);
        allFindings.sort(Finding.ORDER);
      }
      return new TopologyBase(
          topology.workloads(),
          topology.services(),
          addedNodes.isEmpty() ? topology.nodes() : withAddedNodes(),
          measured.isEmpty() ? topology.edges() : withMeasuredEdges(),
          findings.isEmpty() ? topology.findings() : allFindings,
          topology.sources(),
          topology.overlays().with(OverlayKeys.PROXY_READINGS, kept));
    }

    /**
     * The container a reading is about: its subject, or for a proxy read by URL alone the pod its
     * Istio node id names ({@code sidecar~10.0.0.7~productpage-v1-6b7f.bookinfo~...}).
     */
    private Optional<Sidecar> sidecarOf(ProxyReading r) {
      Sidecar direct = containers.get(r.subject());
      if (direct != null) {
        return Optional.of(direct);
      }
      String[] parts = r.server().name().split("~");
      if (parts.length < 3) {
        return Optional.empty();
      }
      int dot = parts[2].lastIndexOf('.');
      if (dot <= 0) {
        return Optional.empty();
      }
      String pod = parts[2].substring(0, dot);
      String namespace = parts[2].substring(dot + 1);
      for (Workload w : topology.workloads()) {
        if (w.name().equals(pod) && w.namespace().equals(namespace)) {
          for (Container c : w.containers()) {
            if (c.isSidecar() && c.kind().map(SidecarKind::isMeshProxy).orElse(false)) {
              return Optional.of(new Sidecar(w, c));
            }
          }
        }
      }
      return Optional.empty();
    }

    private void placeOnSidecar(ProxyReading reading, Sidecar sidecar) {
      String who = sidecar.container().name() + " of " + sidecar.workload().name();
      if (!reading.server().live()) {
        findings.add(
            new Finding(
                Severity.ERROR,
                PROXY_NOT_LIVE,
                sidecar.workload().id(),
                Optional.of(sidecar.container().name()),
                notLive(who, reading)));
      }
      for (UpstreamReading u : reading.upstreams()) {
        Optional<String> host = ProxyClusterNames.host(u.cluster());
        if (host.isEmpty()) {
          continue;
        }
        Node target = hosts.resolve(sidecar.workload(), host.get());
        String to = node(target);
        measure(sidecar.container().id(), to, u);
        unhealthy(u, nodes.get(to).label(), who)
            .ifPresent(
                f ->
                    findings.add(
                        new Finding(
                            f.severity(),
                            UPSTREAM_UNHEALTHY,
                            sidecar.workload().id(),
                            Optional.of(sidecar.container().name()),
                            f.message())));
      }
    }

    /** A proxy matching no container: its own external node, named as it names itself. */
    private void placeAlone(ProxyReading reading) {
      String name = shortName(reading.server().name());
      String from = node(new Node(reading.subject(), NodeKind.EXTERNAL, name));
      String who = "Envoy " + name;
      if (!reading.server().live()) {
        findings.add(
            new Finding(
                Severity.ERROR, PROXY_NOT_LIVE, from, Optional.empty(), notLive(who, reading)));
      }
      for (UpstreamReading u : reading.upstreams()) {
        Optional<String> host = ProxyClusterNames.host(u.cluster());
        if (host.isEmpty()) {
          continue;
        }
        String to = node(serviceAlone(host.get()));
        measure(from, to, u);
        unhealthy(u, nodes.get(to).label(), who)
            .ifPresent(
                f ->
                    findings.add(
                        new Finding(
                            f.severity(),
                            UPSTREAM_UNHEALTHY,
                            from,
                            Optional.empty(),
                            f.message())));
      }
    }

    /**
     * The node a host stands for with no workload to see it from: a Service of the picture with
     * that name (and namespace, where the host gives one), else a service node of its own.
     */
    private Node serviceAlone(String host) {
      Optional<Node> aws = Sinks.awsEndpoint(host);
      if (aws.isPresent()) {
        return aws.get();
      }
      String[] labels = host.split("\\.");
      String name = labels[0];
      Optional<String> namespace =
          labels.length >= 2 && !host.contains(".amazonaws.com")
              ? Optional.of(labels[1])
              : Optional.empty();
      for (Node n : nodes.values()) {
        if (n.kind() == NodeKind.SERVICE
            && n.label().equals(name)
            && namespace.map(ns -> n.id().endsWith("/" + ns + "/" + name)).orElse(true)) {
          return n;
        }
      }
      if (labels.length > 3 && !host.endsWith(".svc.cluster.local")) {
        return new Node("external/" + host, NodeKind.EXTERNAL, host);
      }
      return new Node(
          "service/envoy/" + namespace.map(ns -> ns + "/").orElse("") + name,
          NodeKind.SERVICE,
          name);
    }

    private String node(Node n) {
      Node known = nodes.get(n.id());
      if (known == null) {
        nodes.put(n.id(), n);
        addedNodes.put(n.id(), n);
      }
      return n.id();
    }

    private void measure(String from, String to, UpstreamReading u) {
      if (from.equals(to)) {
        return;
      }
      Optional<UpstreamHealth> health = Optional.of(u.health());
      measured.merge(
          Edge.key(from, to, EdgeKind.UPSTREAM),
          new Edge(from, to, EdgeKind.UPSTREAM, Set.of(), Optional.empty(), null)
              .measured(Evidence.ENVOY, u.metrics(), health),
          (a, b) ->
              a.measured(
                  Evidence.ENVOY,
                  a.measuredBy().get(Evidence.ENVOY).together(u.metrics()),
                  Optional.of(a.upstream().orElseThrow().together(u.health()))));
    }

    private List<Edge> withMeasuredEdges() {
      return SortedMerge.edges(
          topology.edges(),
          measured.values(),
          (old, e) ->
              old.measured(Evidence.ENVOY, e.measuredBy().get(Evidence.ENVOY), e.upstream()));
    }

    private List<Node> withAddedNodes() {
      return SortedMerge.nodes(topology.nodes(), addedNodes.values());
    }
  }

  /**
   * The name a proxy gives itself, as a person reads it: App Mesh's {@code
   * mesh/my-mesh/virtualNode/order-service_shop} gives {@code order-service_shop}, Istio's {@code
   * sidecar~10.0.0.7~productpage-v1-6b7f.bookinfo~bookinfo.svc.cluster.local} gives {@code
   * productpage-v1-6b7f.bookinfo}; any other is kept.
   */
  static String shortName(String serverName) {
    int mesh = serverName.indexOf("/virtualNode/");
    if (serverName.startsWith("mesh/") && mesh > 0) {
      return serverName.substring(mesh + "/virtualNode/".length());
    }
    String[] parts = serverName.split("~");
    if (parts.length >= 3 && !parts[2].isEmpty()) {
      return parts[2];
    }
    return serverName;
  }

  private static String notLive(String who, ProxyReading reading) {
    return "The "
        + who
        + " is "
        + reading.server().state()
        + ", not LIVE: it does not take traffic as it should.";
  }

  /** A severity and sentence for an upstream that is not fully served, if it is not. */
  private record Said(Severity severity, String message) {}

  private static Optional<Said> unhealthy(UpstreamReading u, String upstream, String who) {
    UpstreamHealth h = u.health();
    if (!h.unhealthy()) {
      return Optional.empty();
    }
    if (h.totalHosts() > 0 && h.healthyHosts() == 0) {
      return Optional.of(
          new Said(
              Severity.ERROR,
              "The "
                  + who
                  + " has no healthy host of "
                  + upstream
                  + " (0 of "
                  + h.totalHosts()
                  + "): its calls there fail."));
    }
    return Optional.of(
        new Said(
            Severity.WARNING,
            "The "
                + who
                + " has ejected "
                + h.ejectedHosts()
                + " of "
                + (h.totalHosts() > 0 ? h.totalHosts() : h.ejectedHosts())
                + " hosts of "
                + upstream
                + " for failing (outlier detection); "
                + h.healthyHosts()
                + " healthy."));
  }
}
