package dev.sidescope.samples.envoy;

import dev.sidescope.samples.traffic.ReplicaPicker;
import dev.sidescope.samples.traffic.RequestListener;
import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.topology.model.SidecarKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The numbers of a sample's Envoy sidecars, moved by its traffic: a {@link RequestListener} that
 * counts each request in the Envoy of the calling pod (the upstream cluster of what it calls) and
 * in the Envoy of the called pod (its local app cluster).
 *
 * <p>A name of the traffic model stands for several pods (see {@link SampleEnvoys#podsByName()}):
 * each request goes to one of them, picked from its request id for the caller and from its server
 * span id for the callee, so that a workload's pods share its requests evenly and their counters
 * add up to the flow's. A pod without an Envoy takes its share and counts nothing.
 *
 * <p>Threading: {@link #onRequest} on the traffic's thread; {@link #read} from any thread (the
 * admin endpoint's event loop). Each Envoy's numbers are guarded by a lock of their own, so reading
 * one Envoy holds up the traffic only for that Envoy.
 */
public final class EnvoyCounters implements RequestListener {
  private final SampleEnvoys envoys;
  private final Map<EnvoySidecar, EnvoyState> states = new LinkedHashMap<>();
  private final Map<String, List<EnvoyState>> byPod = new HashMap<>();
  private final ReplicaPicker picker;

  /**
   * Counters for every Envoy of {@code envoys}, all zero, whose traffic starts at {@code origin}.
   */
  public EnvoyCounters(SampleEnvoys envoys, Instant origin) {
    this(envoys, origin, Map.of());
  }

  /**
   * Counters as above, where a name of the traffic model also stands for replicas outside
   * Kubernetes ({@code elsewhere}: an ECS service's tasks, by name), which have no Envoy: a request
   * is picked among the pods and those replicas alike, as tracing splits a name's calls over
   * everything that bears it, and one picked outside counts in no Envoy.
   */
  public EnvoyCounters(SampleEnvoys envoys, Instant origin, Map<String, Integer> elsewhere) {
    this.envoys = Objects.requireNonNull(envoys, "envoys");
    this.picker = new ReplicaPicker(envoys.podsByName(), elsewhere);
    for (EnvoySidecar sidecar : envoys.sidecars()) {
      EnvoyState state = new EnvoyState(sidecar, envoys.podsByName(), origin);
      states.put(sidecar, state);
      byPod.computeIfAbsent(sidecar.podKey(), k -> new ArrayList<>()).add(state);
    }
  }

  /** The Envoys counted. */
  public SampleEnvoys envoys() {
    return envoys;
  }

  @Override
  public void onRequest(SimulatedRequest request) {
    long pick = ReplicaPicker.callerPick(request);
    String caller = pod(request.from(), picker.caller(request));
    if (caller != null) {
      for (EnvoyState state : byPod.getOrDefault(caller, List.of())) {
        state.outbound(request, pick);
      }
    }
    String callee = pod(request.to(), picker.callee(request));
    if (callee != null) {
      for (EnvoyState state : byPod.getOrDefault(callee, List.of())) {
        state.inbound(request);
      }
    }
  }

  /**
   * What {@code sidecar}'s admin API shows at {@code now}.
   *
   * @throws IllegalArgumentException when {@code sidecar} is not one of these Envoys
   */
  public EnvoyReading read(EnvoySidecar sidecar, Instant now) {
    EnvoyState state = states.get(sidecar);
    if (state == null) {
      throw new IllegalArgumentException(
          "the sample has no Envoy " + sidecar.container() + " in " + sidecar.podKey());
    }
    return state.read(now);
  }

  /** The pod of {@code name} that replica {@code replica} is; null for one outside Kubernetes. */
  private String pod(String name, int replica) {
    List<String> pods = picker.pods(name);
    return replica >= 0 && replica < pods.size() ? pods.get(replica) : null;
  }

  /** One Envoy's clusters, guarded by this object's lock. */
  private static final class EnvoyState {
    private final EnvoySidecar sidecar;
    private final ClusterCounters local;
    private final List<ClusterCounters> clusters = new ArrayList<>();
    private final Map<String, ClusterCounters> byTarget = new HashMap<>();
    private final Map<String, Map<String, List<Integer>>> preferredHosts = new HashMap<>();
    private final Map<String, List<String>> podsByName;

    EnvoyState(EnvoySidecar sidecar, Map<String, List<String>> podsByName, Instant origin) {
      this.sidecar = sidecar;
      this.podsByName = podsByName;
      this.local = new ClusterCounters(sidecar.localApp(), origin);
      clusters.add(local);
      for (EnvoyCluster cluster : sidecar.upstreams()) {
        ClusterCounters counters = new ClusterCounters(cluster, origin);
        clusters.add(counters);
        for (String target : cluster.targets()) {
          byTarget.putIfAbsent(target, counters);
        }
      }
    }

    synchronized void outbound(SimulatedRequest request, long pick) {
      ClusterCounters cluster = byTarget.get(request.to());
      if (cluster != null) {
        cluster.add(request, preferred(cluster, request.to()), pick >>> 16);
      }
    }

    synchronized void inbound(SimulatedRequest request) {
      local.add(request, List.of(), 0);
    }

    /** The hosts of {@code cluster} that are pods of {@code target}, when it holds others too. */
    private List<Integer> preferred(ClusterCounters cluster, String target) {
      return preferredHosts
          .computeIfAbsent(cluster.cluster().name(), k -> new HashMap<>())
          .computeIfAbsent(
              target,
              t -> {
                List<EnvoyHost> hosts = cluster.cluster().hosts();
                List<String> pods = podsByName.getOrDefault(t, List.of());
                List<Integer> indexes = new ArrayList<>();
                for (int i = 0; i < hosts.size(); i++) {
                  if (pods.contains(hosts.get(i).podKey())) {
                    indexes.add(i);
                  }
                }
                return indexes.size() == hosts.size() ? List.of() : List.copyOf(indexes);
              });
    }

    synchronized EnvoyReading read(Instant now) {
      List<EnvoyStat> stats = new ArrayList<>();
      List<EnvoyHistogram> histograms = new ArrayList<>();
      List<EnvoyReading.ClusterStatus> statuses = new ArrayList<>();
      boolean http2 = sidecar.kind() == SidecarKind.ISTIO_PROXY;
      long outboundRequests = 0;
      long outbound2xx = 0;
      long outbound4xx = 0;
      long outbound5xx = 0;
      long outboundCx = 0;
      long outboundCxActive = 0;
      for (ClusterCounters c : clusters) {
        c.advanceTo(now);
        c.stats(stats, http2);
        histograms.add(c.histogram("cluster." + c.cluster().name() + ".upstream_rq_time"));
        statuses.add(c.status());
        if (c != local) {
          outboundRequests += c.total();
          outbound2xx += c.count(2);
          outbound4xx += c.count(4);
          outbound5xx += c.count(5);
          outboundCx += c.connections();
          outboundCxActive += c.activeConnections();
        }
      }
      Listeners l = Listeners.of(sidecar);
      http(
          stats,
          l.inboundHttp(),
          local.total(),
          local.count(2),
          local.count(4),
          local.count(5),
          local.connections(),
          local.activeConnections());
      http(
          stats,
          l.outboundHttp(),
          outboundRequests,
          outbound2xx,
          outbound4xx,
          outbound5xx,
          outboundCx,
          outboundCxActive);
      listener(stats, l.inboundListener(), local.connections(), local.activeConnections());
      listener(stats, l.outboundListener(), outboundCx, outboundCxActive);
      long uptime = Math.max(0, Duration.between(sidecar.started(), now).toSeconds());
      stats.add(new EnvoyStat("cluster_manager.active_clusters", clusters.size(), true));
      stats.add(new EnvoyStat("cluster_manager.cluster_added", clusters.size(), true));
      stats.add(new EnvoyStat("server.concurrency", 2, true));
      stats.add(new EnvoyStat("server.hot_restart_epoch", 0, false));
      stats.add(new EnvoyStat("server.live", 1, true));
      stats.add(
          new EnvoyStat("server.memory_allocated", 6_291_456 + 4_096L * clusters.size(), true));
      stats.add(new EnvoyStat("server.memory_heap_size", 16_777_216, true));
      stats.add(new EnvoyStat("server.state", 0, false));
      stats.add(
          new EnvoyStat(
              "server.total_connections",
              local.activeConnections() + outboundCxActive,
              local.activeConnections() + outboundCxActive > 0));
      stats.add(new EnvoyStat("server.uptime", uptime, true));
      stats.add(new EnvoyStat("server.version", EnvoyBuild.of(sidecar).versionStat(), true));
      stats.sort(Comparator.comparing(EnvoyStat::name));
      histograms.sort(Comparator.comparing(EnvoyHistogram::name));
      return new EnvoyReading(now, stats, histograms, statuses);
    }

    private static void http(
        List<EnvoyStat> stats,
        String prefix,
        long total,
        long c2,
        long c4,
        long c5,
        long cx,
        long cxActive) {
      String p = "http." + prefix + ".";
      stats.add(counter(p + "downstream_rq_total", total));
      stats.add(counter(p + "downstream_rq_completed", total));
      stats.add(counter(p + "downstream_rq_2xx", c2));
      stats.add(counter(p + "downstream_rq_4xx", c4));
      stats.add(counter(p + "downstream_rq_5xx", c5));
      stats.add(counter(p + "downstream_cx_total", cx));
      stats.add(new EnvoyStat(p + "downstream_cx_active", cxActive, cxActive != 0));
    }

    private static void listener(List<EnvoyStat> stats, String address, long cx, long cxActive) {
      String p = "listener." + address + ".";
      stats.add(counter(p + "downstream_cx_total", cx));
      stats.add(new EnvoyStat(p + "downstream_cx_active", cxActive, cxActive != 0));
    }

    private static EnvoyStat counter(String name, long value) {
      return new EnvoyStat(name, value, value != 0);
    }
  }
}
