package dev.sidescope.topology.overlay;

import dev.sidescope.topology.edges.ManifestEdges;
import dev.sidescope.topology.edges.Sinks;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lays what tracing measured ({@link OverlayKeys#TRACED_CALLS}, {@link
 * OverlayKeys#TRACED_SERVICES}: X-Ray's service graph or a local daemon port) over the picture,
 * whose names are not tracing's. Each traced call's figures ({@link
 * dev.sidescope.topology.model.traffic.CallStats#metrics()}) go on the edges it was made over, with
 * the evidence {@link Evidence#XRAY}.
 *
 * <p><b>Callers.</b> A traced service's name stands for the pods and tasks {@link TracedNameIndex}
 * finds for it (a name an app declares in its environment, else its owner's name, a bare pod's own
 * name, its {@code app} label, or a Service that serves it). Each of them calls out through its
 * mesh proxy where it has one (Envoy, Istio, App Mesh, Linkerd, ECS Service Connect), else from the
 * app, as the manifests' upstream edges do (decision 4).
 *
 * <p><b>Callees.</b> The callee of a call is, in this order: an AWS service, when tracing types it
 * as one ({@code AWS::DynamoDB::Table}, or {@code AWS} for the {@code aws} namespace) or its host
 * is an AWS endpoint — the AWS node the picture has for it, compared by name without case ({@code
 * DynamoDB} is {@code aws/dynamodb}, "Amazon DynamoDB"), else the node Sidescope draws for that
 * service, else a new node {@code aws/<name in lower case, words joined by dashes>} labelled with
 * tracing's name; a traced service the picture has pods for — the Service that serves them (an edge
 * from the caller that the manifests already draw is preferred, then a Service in the caller's own
 * namespace), or where none does, the service node {@code service/<context>/<namespace>/<owner's
 * name>} that the manifests draw for a host of that name; a host (the call's {@code
 * http.request.url} host, else the callee's name) that names a Service, a service node or an
 * external node of the picture, resolved as an app's environment is; else a node of its own.
 *
 * <p><b>Nothing is dropped.</b> A traced service that matches nothing in the picture is drawn as a
 * node: {@code external/<host>} when tracing types it {@code remote} (a host reached by its
 * callers, as DESIGN.md names anything else outside), else a service node {@code
 * service/xray/<name>} ({@link #SERVICE_PREFIX}). Its calls are edges to and from that node, so a
 * picture made from tracing alone still has nodes and edges.
 *
 * <p><b>Splitting.</b> Tracing measures services, the picture draws pods: a call's rate is split
 * evenly across the caller's pods, and its latencies and error rate are copied onto each, so that
 * grouping by workload or by Service, which adds rates, keeps the slowest latencies and weighs
 * error rates by rate, gives back tracing's figures. Several calls that land on one edge are added
 * up the same way. Edges are {@link EdgeKind#UPSTREAM}: a manifest's edge keeps its evidence and
 * gains {@code xray}; an edge no manifest shows is added.
 *
 * <p>It also writes {@link OverlayKeys#TRACED_NAME} for every workload, container (the app and the
 * container its calls leave from) and node matched to a traced name, so the Traffic tab can ask
 * about a selection, and copies the calls and services themselves into the snapshot's overlays.
 *
 * <p>Cost: one pass over the workloads (their owners, labels and apps' environments) for the names
 * tracing gave, then a binary search in the sorted edges per edge measured and one merge of the
 * added edges; nodes and Services are indexed only when a host or an AWS service must be resolved.
 * Pure and stateless.
 */
public final class TracedTrafficAppender implements Appender {
  public static final String NAME = "traced-traffic";

  /** The prefix of the ids of the service nodes drawn for traced services the picture lacks. */
  public static final String SERVICE_PREFIX = "service/xray/";

  private static final Set<Evidence> XRAY = Set.of(Evidence.XRAY);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TopologyBase append(TopologyBase topology, OverlayData measurements) {
    Map<String, TracedService> services = measurements.all(OverlayKeys.TRACED_SERVICES);
    Map<String, TracedCall> calls = measurements.all(OverlayKeys.TRACED_CALLS);
    if (services.isEmpty() && calls.isEmpty()) {
      return topology;
    }
    return new Mapping(topology, services, calls).run();
  }

  /** One run's work: the indexes it makes and what it finds, dropped when it returns. */
  private static final class Mapping {
    /** A node a traced callee may land on, with the scope it belongs to. */
    private record Candidate(String id, String label, Platform platform, String namespace) {}

    private record Scope(Platform platform, String namespace) {}

    /** A Service and its place among the topology's Services. */
    private record Ordered(int order, ServiceSpec service) {}

    /** A measured edge's ends: its key without building the key's text. */
    private record Ends(String from, String to) {}

    /** What decides which Service serves a pod, but for its id (a Service's endpoints). */
    private record PodKind(
        String source, String namespace, Optional<String> owner, Map<String, String> labels) {}

    private final TopologyBase topology;
    private final Map<String, TracedService> services;
    private final Map<String, TracedCall> calls;
    private final TracedNameIndex index;

    // The nodes added to the picture's, by id.
    private final Map<String, Node> addedNodes = new TreeMap<>();
    // Made when first needed, since many runs only ever reach Services of pods: the AWS and
    // service nodes of the picture and those added, and the Services by "namespace/name" and by
    // name, in the order given.
    private boolean nodesIndexed;
    private final Map<String, String> awsNodes = new HashMap<>(); // Sinks.awsServiceKey -> id
    private final Map<String, String> serviceNodes = new HashMap<>(); // "ns/name" -> id
    private final Map<String, String> serviceNodesByName = new HashMap<>(); // name -> first id
    private Map<String, List<ServiceSpec>> servicesByPlace;
    private Map<String, List<ServiceSpec>> servicesByName;
    // Services with a selector filed under one of its labels, with their place in the order given:
    // scope -> label -> value -> Services; and the first Service whose endpoints name a workload.
    private Map<Scope, Map<String, Map<String, List<Ordered>>>> selectorsByLabel;
    private Map<String, Ordered> servicesByEndpoint;

    private final Map<String, List<Candidate>> calleeCandidates = new HashMap<>();
    private final Map<String, String> placed = new HashMap<>(); // traced name -> node id
    private final Map<Ends, Edge> measured = new HashMap<>();
    private final Map<String, String> tracedNames = new LinkedHashMap<>();

    Mapping(
        TopologyBase topology, Map<String, TracedService> services, Map<String, TracedCall> calls) {
      this.topology = topology;
      this.services = services;
      this.calls = calls;
      Set<String> wanted = new HashSet<>();
      services.keySet().forEach(n -> wanted.add(TracedNameIndex.lower(n)));
      for (TracedCall c : calls.values()) {
        wanted.add(TracedNameIndex.lower(c.caller()));
        wanted.add(TracedNameIndex.lower(c.callee()));
      }
      index = TracedNameIndex.of(topology.workloads(), topology.services(), wanted);
    }

    private void indexServices() {
      if (servicesByPlace != null) {
        return;
      }
      servicesByPlace = new HashMap<>();
      servicesByName = new HashMap<>();
      for (ServiceSpec s : topology.services()) {
        servicesByPlace
            .computeIfAbsent(s.namespace() + "/" + s.name(), k -> new ArrayList<>(2))
            .add(s);
        servicesByName
            .computeIfAbsent(TracedNameIndex.lower(s.name()), k -> new ArrayList<>(2))
            .add(s);
      }
    }

    private void indexNodes() {
      if (nodesIndexed) {
        return;
      }
      nodesIndexed = true;
      topology.nodes().forEach(this::known);
      addedNodes.values().forEach(this::known);
    }

    TopologyBase run() {
      // Calls first, so that a service drawn for a call is the node its own entry marks.
      for (TracedCall call : calls.values()) {
        call(call);
      }
      for (TracedService service : services.values()) {
        String name = service.name();
        if (placed.containsKey(name)) {
          continue;
        }
        List<TracedNameIndex.Member> members = index.members(name);
        if (members.isEmpty()) {
          placed.put(name, node(name, service.type(), Optional.empty(), null));
        }
        for (TracedNameIndex.Member m : members) {
          origin(name, m);
        }
      }
      OverlayData overlays =
          topology
              .overlays()
              .with(OverlayKeys.TRACED_CALLS, calls)
              .with(OverlayKeys.TRACED_SERVICES, services)
              .with(OverlayKeys.TRACED_NAME, tracedNames);
      return new TopologyBase(
          topology.workloads(),
          topology.services(),
          addedNodes.isEmpty() ? topology.nodes() : withAddedNodes(),
          measured.isEmpty() ? topology.edges() : withMeasuredEdges(),
          topology.findings(),
          topology.sources(),
          overlays);
    }

    private void call(TracedCall call) {
      List<TracedNameIndex.Member> callers = index.members(call.caller());
      EdgeMetrics figures = call.stats().metrics();
      if (callers.isEmpty()) {
        Optional<String> callerType = typeOf(call.caller());
        String from =
            placed.computeIfAbsent(call.caller(), n -> node(n, callerType, Optional.empty(), null));
        measure(from, callee(call, from, null), figures);
        return;
      }
      // One origin per pod; two apps of one pod declaring the name still make one.
      Map<String, Workload> origins = new LinkedHashMap<>();
      for (TracedNameIndex.Member m : callers) {
        origins.putIfAbsent(origin(call.caller(), m), m.workload());
      }
      EdgeMetrics share = split(figures, origins.size());
      origins.forEach((from, w) -> measure(from, callee(call, from, w), share));
    }

    /**
     * The container a member's calls leave from; it, the member's workload and its app are marked
     * with the traced name.
     */
    private String origin(String name, TracedNameIndex.Member m) {
      String from = ManifestEdges.meshProxy(m.workload()).map(Container::id).orElse(m.app().id());
      tracedNames.putIfAbsent(m.workload().id(), name);
      tracedNames.putIfAbsent(m.app().id(), name);
      tracedNames.putIfAbsent(from, name);
      return from;
    }

    /** The node a call from {@code from} (a container of {@code caller}, or a node) goes to. */
    private String callee(TracedCall call, String from, Workload caller) {
      String name = call.callee();
      Optional<String> type = call.calleeType().or(() -> typeOf(name));
      if (isAws(name, type, call.host())) {
        String id = awsNode(name, type, call.host());
        placed.putIfAbsent(name, id);
        return id;
      }
      List<TracedNameIndex.Member> members = index.members(name);
      if (!members.isEmpty()) {
        List<Candidate> candidates =
            calleeCandidates.computeIfAbsent(name, n -> candidates(n, members));
        Candidate chosen = choose(from, caller, candidates);
        ensure(new Node(chosen.id(), NodeKind.SERVICE, chosen.label()));
        tracedNames.putIfAbsent(chosen.id(), name);
        return chosen.id();
      }
      Optional<String> host = hostIn(call.host().orElse(name), caller);
      if (host.isEmpty() && call.host().isPresent()) {
        host = hostIn(name, caller);
      }
      if (host.isPresent()) {
        tracedNames.putIfAbsent(host.get(), name);
        placed.putIfAbsent(name, host.get());
        return host.get();
      }
      return placed.computeIfAbsent(name, n -> node(n, type, call.host(), caller));
    }

    /**
     * Where calls to a traced service with pods may land, one per Service or service node standing
     * for them, in the order of their pods' ids. The pods are marked with the name too.
     */
    private List<Candidate> candidates(String name, List<TracedNameIndex.Member> members) {
      Map<String, Candidate> byId = new LinkedHashMap<>();
      Map<PodKind, Candidate> byPlace = new HashMap<>();
      for (TracedNameIndex.Member m : members) {
        Workload w = m.workload();
        origin(name, m); // marks the callee's pods as a caller's are marked
        // Pods of one owner in one place with the same labels have the same Service: ask once.
        Candidate c =
            byPlace.computeIfAbsent(
                new PodKind(w.spec().source(), w.namespace(), w.owner(), w.spec().labels()),
                k -> candidateFor(w));
        byId.putIfAbsent(c.id(), c);
      }
      return List.copyOf(byId.values());
    }

    /** The Service that serves {@code w}, or the service node named after its owner. */
    private Candidate candidateFor(Workload w) {
      ServiceSpec s = serving(w);
      if (s != null) {
        return new Candidate(s.id(), s.name(), s.platform(), s.namespace());
      }
      String name = w.owner().map(TracedNameIndex::ownerName).orElse(w.name());
      String source = w.spec().source();
      int slash = source.indexOf('/');
      String context = slash < 0 ? source : source.substring(slash + 1);
      String id = "service/" + context + "/" + w.namespace() + "/" + name;
      return new Candidate(id, name, w.platform(), w.namespace());
    }

    /**
     * The Service that serves {@code w}, as grouping by Service finds it: the first (in the order
     * given) whose endpoints name it or whose selector selects it; else for an ECS task the ECS
     * service that owns it.
     */
    private ServiceSpec serving(Workload w) {
      if (selectorsByLabel == null) {
        selectorsByLabel = new HashMap<>();
        servicesByEndpoint = new HashMap<>();
        List<ServiceSpec> all = topology.services();
        for (int i = 0; i < all.size(); i++) {
          ServiceSpec s = all.get(i);
          Ordered ordered = new Ordered(i, s);
          if (!s.selector().isEmpty()) {
            Map.Entry<String, String> label = s.selector().entrySet().iterator().next();
            selectorsByLabel
                .computeIfAbsent(new Scope(s.platform(), s.namespace()), k -> new HashMap<>())
                .computeIfAbsent(label.getKey(), k -> new HashMap<>())
                .computeIfAbsent(label.getValue(), k -> new ArrayList<>(1))
                .add(ordered);
          }
          for (String e : s.endpoints()) {
            servicesByEndpoint.putIfAbsent(e, ordered);
          }
        }
      }
      Ordered best = servicesByEndpoint.get(w.id());
      Map<String, Map<String, List<Ordered>>> byLabel =
          selectorsByLabel.getOrDefault(new Scope(w.platform(), w.namespace()), Map.of());
      Map<String, String> labels = w.spec().labels();
      for (Map.Entry<String, Map<String, List<Ordered>>> e : byLabel.entrySet()) {
        String value = labels.get(e.getKey());
        for (Ordered o :
            value == null ? List.<Ordered>of() : e.getValue().getOrDefault(value, List.of())) {
          if ((best == null || o.order() < best.order()) && o.service().selects(w.spec())) {
            best = o;
          }
        }
      }
      if (best != null) {
        return best.service();
      }
      if (w.platform() == Platform.ECS
          && w.owner().filter(o -> o.startsWith("Service/")).isPresent()) {
        indexServices();
        for (ServiceSpec s :
            servicesByPlace.getOrDefault(
                w.namespace() + "/" + TracedNameIndex.ownerName(w.owner().get()), List.of())) {
          if (s.platform() == Platform.ECS) {
            return s;
          }
        }
      }
      return null;
    }

    /**
     * The candidate for calls from {@code from}: one the manifests already draw an edge to from
     * there, else one in the caller's own platform and namespace, else the first.
     */
    private Candidate choose(String from, Workload caller, List<Candidate> candidates) {
      if (candidates.size() == 1) {
        return candidates.get(0);
      }
      for (Candidate c : candidates) {
        if (Collections.binarySearch(topology.edges(), probe(from, c.id()), Edge.ORDER) >= 0) {
          return c;
        }
      }
      if (caller != null) {
        for (Candidate c : candidates) {
          if (c.platform() == caller.platform() && c.namespace().equals(caller.namespace())) {
            return c;
          }
        }
      }
      return candidates.get(0);
    }

    /**
     * The node of the picture that a host names, seen from {@code caller} (null for a node): a
     * Service ({@code name}, {@code name.ns}, {@code name.ns.svc[.cluster.local]}), an AWS
     * endpoint, an external node, or a service node the manifests drew.
     */
    private Optional<String> hostIn(String value, Workload caller) {
      String host = hostOf(value);
      if (host.isEmpty()) {
        return Optional.empty();
      }
      Optional<Node> aws = Sinks.awsEndpoint(host);
      if (aws.isPresent()) {
        return Optional.of(ensure(aws.get()));
      }
      indexServices();
      indexNodes();
      String[] labels = host.split("\\.");
      String name = labels[0];
      String namespace = null;
      if (labels.length == 1) {
        namespace = caller == null ? null : caller.namespace();
      } else if (labels.length == 2) {
        namespace = labels[1];
      } else if (labels[2].equals("svc")
          && (labels.length == 3 || host.endsWith(".svc.cluster.local"))) {
        namespace = labels[1];
      }
      List<ServiceSpec> candidates =
          namespace != null
              ? servicesByPlace.getOrDefault(namespace + "/" + name, List.of())
              : labels.length == 1 ? servicesByName.getOrDefault(name, List.of()) : List.of();
      for (ServiceSpec s : candidates) {
        if (caller == null || s.platform() == caller.platform()) {
          return Optional.of(ensure(new Node(s.id(), NodeKind.SERVICE, s.name())));
        }
      }
      if (inPicture("external/" + host)) {
        return Optional.of("external/" + host);
      }
      if (namespace != null && serviceNodes.containsKey(namespace + "/" + name)) {
        return Optional.of(serviceNodes.get(namespace + "/" + name));
      }
      if (labels.length == 1 && serviceNodesByName.containsKey(name)) {
        return Optional.of(serviceNodesByName.get(name));
      }
      return Optional.empty();
    }

    /** A node of its own for a traced service that matches nothing. */
    private String node(String name, Optional<String> type, Optional<String> host, Workload seen) {
      if (isAws(name, type, host)) {
        return awsNode(name, type, host);
      }
      Optional<String> inPicture = hostIn(host.orElse(name), seen);
      if (inPicture.isPresent()) {
        tracedNames.putIfAbsent(inPicture.get(), name);
        return inPicture.get();
      }
      Node node;
      String hostName = hostOf(host.orElse(name));
      if (type.filter(t -> t.equalsIgnoreCase("remote")).isPresent() && !hostName.isEmpty()) {
        node = new Node("external/" + hostName, NodeKind.EXTERNAL, hostName);
      } else {
        node = new Node(SERVICE_PREFIX + name, NodeKind.SERVICE, name);
      }
      String id = ensure(node);
      tracedNames.putIfAbsent(id, name);
      return id;
    }

    private static boolean isAws(String name, Optional<String> type, Optional<String> host) {
      return TracedService.isAwsType(type)
          || host.map(h -> Sinks.awsEndpoint(hostOf(h)).isPresent()).orElse(false);
    }

    /**
     * The AWS node for a service tracing names: the picture's own, compared by name ({@code
     * DynamoDB}, or the service part of {@code AWS::DynamoDB::Table}), else the one Sidescope draws
     * for it or its endpoint, else a new one.
     */
    private String awsNode(String name, Optional<String> type, Optional<String> host) {
      indexNodes();
      String key = Sinks.awsServiceKey(name);
      String typeKey =
          type.filter(t -> t.startsWith("AWS::"))
              .map(t -> t.split("::")[1])
              .map(Sinks::awsServiceKey)
              .orElse(key);
      String id = awsNodes.get(key);
      if (id == null) {
        id = awsNodes.get(typeKey);
      }
      if (id == null) {
        Optional<Node> drawn =
            Sinks.awsService(key)
                .or(() -> Sinks.awsService(typeKey))
                .or(() -> host.flatMap(h -> Sinks.awsEndpoint(hostOf(h))));
        id = ensure(drawn.orElseGet(() -> new Node("aws/" + slug(name), NodeKind.AWS, name)));
        awsNodes.putIfAbsent(key, id);
      }
      tracedNames.putIfAbsent(id, name);
      return id;
    }

    private Optional<String> typeOf(String service) {
      TracedService s = services.get(service);
      return s == null ? Optional.empty() : s.type();
    }

    /** The node's id; added to the picture when it was not in it. */
    private String ensure(Node node) {
      if (!inPicture(node.id())) {
        addedNodes.put(node.id(), node);
        if (nodesIndexed) {
          known(node);
        }
      }
      return node.id();
    }

    private boolean inPicture(String id) {
      return addedNodes.containsKey(id)
          || Collections.binarySearch(
                  topology.nodes(), new Node(id, NodeKind.EXTERNAL, id), Node.ORDER)
              >= 0;
    }

    private void known(Node n) {
      switch (n.kind()) {
        case AWS -> {
          awsNodes.putIfAbsent(
              Sinks.awsServiceKey(n.id().substring(n.id().indexOf('/') + 1)), n.id());
          awsNodes.putIfAbsent(Sinks.awsServiceKey(n.label()), n.id());
        }
        case SERVICE -> {
          // service/<context>/<namespace>/<name>: the last two parts.
          String id = n.id();
          int last = id.lastIndexOf('/');
          int before = last > 0 ? id.lastIndexOf('/', last - 1) : -1;
          if (before > id.indexOf('/')) {
            serviceNodes.putIfAbsent(id.substring(before + 1), id);
          }
          serviceNodesByName.putIfAbsent(TracedNameIndex.lower(n.label()), n.id());
        }
        default -> {}
      }
    }

    private void measure(String from, String to, EdgeMetrics figures) {
      if (from.equals(to)) {
        return;
      }
      measured.merge(
          new Ends(from, to),
          new Edge(from, to, EdgeKind.UPSTREAM, XRAY, Optional.empty(), figures),
          (a, b) -> a.withMetrics(a.metrics().together(b.metrics())));
    }

    /** The picture's edges with the figures on those measured and the others added, in order. */
    private List<Edge> withMeasuredEdges() {
      return SortedMerge.edges(
          topology.edges(),
          measured.values().stream()
              .map(e -> e.measured(Evidence.XRAY, e.metrics(), Optional.empty()))
              .toList(),
          (old, e) -> old.measured(Evidence.XRAY, e.metrics(), Optional.empty()));
    }

    private List<Node> withAddedNodes() {
      return SortedMerge.nodes(topology.nodes(), addedNodes.values());
    }

    private static Edge probe(String from, String to) {
      return new Edge(from, to, EdgeKind.UPSTREAM, Set.of(), Optional.empty(), null);
    }

    /** The rate split across {@code parts} pods; latencies and error rate are each pod's too. */
    private static EdgeMetrics split(EdgeMetrics m, int parts) {
      if (parts <= 1 || m.rps().isEmpty()) {
        return m;
      }
      return new EdgeMetrics(
          OptionalDouble.of(m.rps().getAsDouble() / parts),
          m.p50Ms(),
          m.p90Ms(),
          m.p99Ms(),
          m.errorRate());
    }
  }

  /**
   * A host as a node id writes it: lower case, without a scheme, userinfo, port, path or query, or
   * a final dot; empty when {@code value} holds no host at all.
   */
  static String hostOf(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    int scheme = v.indexOf("://");
    if (scheme >= 0) {
      v = v.substring(scheme + 3);
    }
    int end = v.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = v.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    v = v.substring(0, end);
    int at = v.lastIndexOf('@');
    if (at >= 0) {
      v = v.substring(at + 1);
    }
    int colon = v.lastIndexOf(':');
    if (colon >= 0 && v.indexOf(':') == colon) {
      v = v.substring(0, colon);
    }
    if (v.endsWith(".")) {
      v = v.substring(0, v.length() - 1);
    }
    return v.contains(" ") ? "" : v;
  }

  /** {@code Step Functions} gives {@code step-functions}. */
  static String slug(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean dash = false;
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        if (dash && out.length() > 0) {
          out.append('-');
        }
        out.append(c);
        dash = false;
      } else {
        dash = true;
      }
    }
    return out.length() == 0 ? "unnamed" : out.toString();
  }
}
