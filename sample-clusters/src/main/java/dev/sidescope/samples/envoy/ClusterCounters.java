package dev.sidescope.samples.envoy;

import dev.sidescope.samples.traffic.SimulatedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One cluster's numbers in one Envoy: request counts by status, connections, the {@code
 * upstream_rq_time} histogram (cumulative, and per flush interval), and per host its counts and its
 * outlier detection.
 *
 * <p>Outlier detection is Envoy's failure-percentage detection as the sample's Envoys configure it
 * (see {@link #OUTLIER_INTERVAL} and the constants after it): every interval, a host that answered
 * at least {@link #FAILURE_PERCENTAGE_REQUEST_VOLUME} requests with at least {@link
 * #FAILURE_PERCENTAGE_THRESHOLD} percent 5xx is ejected for the base ejection time times the number
 * of times it has been ejected, up to the maximum. While every host is ejected, the cluster is in
 * panic and sends to all of them anyway, as Envoy does.
 *
 * <p>Not thread-safe: the {@link EnvoyCounters} that holds it serializes access per Envoy.
 */
final class ClusterCounters {
  /** How often Envoy flushes stats: a histogram's interval values cover the last flush period. */
  static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);

  static final Duration OUTLIER_INTERVAL = Duration.ofSeconds(10);
  static final Duration BASE_EJECTION_TIME = Duration.ofSeconds(30);
  static final Duration MAX_EJECTION_TIME = Duration.ofSeconds(300);
  static final int FAILURE_PERCENTAGE_THRESHOLD = 20;
  static final int FAILURE_PERCENTAGE_REQUEST_VOLUME = 20;

  /** Requests a connection carries before it is replaced: keep-alive connections do not last. */
  private static final long REQUESTS_PER_CONNECTION = 100;

  private final EnvoyCluster cluster;
  private final boolean outlierDetection;
  private final HostCounters[] hosts;
  private final TreeMap<Integer, Long> byStatus = new TreeMap<>();
  private long total;
  private long panics;
  private long ejectionsTotal;
  private final Histogram cumulative = histogram();
  private Histogram current = histogram();
  private Histogram previous = histogram();
  private long window = Long.MIN_VALUE;
  private long nextOutlierCheckMillis = Long.MIN_VALUE;

  ClusterCounters(EnvoyCluster cluster, Instant origin) {
    this.cluster = cluster;
    // Inbound, Envoy sends to the local app only: nowhere else to go, so nothing to eject.
    this.outlierDetection = !cluster.inbound();
    this.hosts = new HostCounters[cluster.hosts().size()];
    for (int i = 0; i < hosts.length; i++) {
      hosts[i] = new HostCounters(cluster.hosts().get(i));
    }
    nextOutlierCheckMillis = origin.toEpochMilli() + OUTLIER_INTERVAL.toMillis();
  }

  EnvoyCluster cluster() {
    return cluster;
  }

  /**
   * Counts {@code request}, sent to one of {@code preferred} (indexes of hosts: the pods of the
   * workload called, when the cluster holds others too) or else to any host, picked by {@code
   * pick}.
   */
  void add(SimulatedRequest request, List<Integer> preferred, long pick) {
    advanceTo(request.start());
    total++;
    byStatus.merge(request.status(), 1L, Long::sum);
    long micros = Math.max(1, request.duration().toNanos() / 1_000);
    cumulative.recordValue(micros);
    current.recordValue(micros);
    if (hosts.length == 0) {
      return;
    }
    List<Integer> candidates = new ArrayList<>();
    for (int i : preferred.isEmpty() ? allHosts() : preferred) {
      if (!hosts[i].ejected()) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      // Every host it may use is ejected: Envoy's panic mode sends to them all the same.
      panics++;
      candidates = preferred.isEmpty() ? allHosts() : preferred;
    }
    HostCounters host = hosts[candidates.get((int) Math.floorMod(pick, (long) candidates.size()))];
    host.add(request);
  }

  /** Moves flush windows and outlier detection on to {@code now}. */
  void advanceTo(Instant now) {
    long millis = now.toEpochMilli();
    long w = Math.floorDiv(millis, FLUSH_INTERVAL.toMillis());
    if (window == Long.MIN_VALUE) {
      window = w;
    } else if (w == window + 1) {
      previous = current;
      current = histogram();
      window = w;
    } else if (w > window + 1) {
      previous = histogram();
      current = histogram();
      window = w;
    }
    if (!outlierDetection) {
      return;
    }
    // A long gap (a sample read after hours) only needs the checks that can still change anything.
    long step = OUTLIER_INTERVAL.toMillis();
    if (millis - nextOutlierCheckMillis > MAX_EJECTION_TIME.toMillis() + step) {
      nextOutlierCheckMillis += ((millis - nextOutlierCheckMillis) / step - 1) * step;
    }
    while (nextOutlierCheckMillis <= millis) {
      for (HostCounters h : hosts) {
        ejectionsTotal += h.check(nextOutlierCheckMillis);
      }
      nextOutlierCheckMillis += step;
    }
  }

  /** Adds this cluster's stats to {@code into}, names prefixed {@code cluster.<name>.}. */
  void stats(List<EnvoyStat> into, boolean http2) {
    String p = "cluster." + cluster.name() + ".";
    long c2 = 0;
    long c4 = 0;
    long c5 = 0;
    for (Map.Entry<Integer, Long> e : byStatus.entrySet()) {
      into.add(counter(p + "upstream_rq_" + e.getKey(), e.getValue()));
      int cls = e.getKey() / 100;
      if (cls == 2) {
        c2 += e.getValue();
      } else if (cls == 4) {
        c4 += e.getValue();
      } else if (cls == 5) {
        c5 += e.getValue();
      }
    }
    long cxTotal = 0;
    long cxActive = 0;
    long ejected = 0;
    for (HostCounters h : hosts) {
      cxTotal += h.cxTotal();
      cxActive += h.cxActive();
      ejected += h.ejected() ? 1 : 0;
    }
    into.add(counter(p + "upstream_rq_2xx", c2));
    into.add(counter(p + "upstream_rq_4xx", c4));
    into.add(counter(p + "upstream_rq_5xx", c5));
    into.add(counter(p + "upstream_rq_total", total));
    into.add(counter(p + "upstream_rq_completed", total));
    into.add(counter(p + "upstream_rq_retry", 0));
    into.add(counter(p + "upstream_rq_timeout", 0));
    into.add(counter(p + "upstream_rq_pending_total", cxTotal));
    into.add(gauge(p + "upstream_rq_active", 0));
    into.add(gauge(p + "upstream_rq_pending_active", 0));
    into.add(counter(p + "upstream_cx_total", cxTotal));
    into.add(counter(p + (http2 ? "upstream_cx_http2_total" : "upstream_cx_http1_total"), cxTotal));
    into.add(counter(p + "upstream_cx_connect_fail", 0));
    into.add(gauge(p + "upstream_cx_active", cxActive));
    into.add(gauge(p + "membership_total", hosts.length));
    into.add(gauge(p + "membership_healthy", hosts.length - ejected));
    into.add(gauge(p + "membership_degraded", 0));
    into.add(gauge(p + "membership_excluded", 0));
    into.add(counter(p + "membership_change", hosts.length > 0 ? 1 : 0));
    into.add(counter(p + "lb_healthy_panic", panics));
    into.add(gauge(p + "outlier_detection.ejections_active", ejected));
    into.add(counter(p + "outlier_detection.ejections_total", ejectionsTotal));
    into.add(counter(p + "outlier_detection.ejections_enforced_total", ejectionsTotal));
    into.add(
        counter(p + "outlier_detection.ejections_enforced_failure_percentage", ejectionsTotal));
    into.add(
        counter(p + "outlier_detection.ejections_detected_failure_percentage", ejectionsTotal));
    for (String priority : List.of("default", "high")) {
      String cb = p + "circuit_breakers." + priority + ".";
      into.add(gauge(cb + "cx_open", 0));
      into.add(gauge(cb + "cx_pool_open", 0));
      into.add(gauge(cb + "rq_open", 0));
      into.add(gauge(cb + "rq_pending_open", 0));
      into.add(gauge(cb + "rq_retry_open", 0));
    }
  }

  /** This cluster's {@code upstream_rq_time}. */
  EnvoyHistogram histogram(String name) {
    return new EnvoyHistogram(name, quantiles(previous), quantiles(cumulative));
  }

  long total() {
    return total;
  }

  long count(int statusClass) {
    return byStatus.entrySet().stream()
        .filter(e -> e.getKey() / 100 == statusClass)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  long connections() {
    long sum = 0;
    for (HostCounters h : hosts) {
      sum += h.cxTotal();
    }
    return sum;
  }

  long activeConnections() {
    long sum = 0;
    for (HostCounters h : hosts) {
      sum += h.cxActive();
    }
    return sum;
  }

  EnvoyReading.ClusterStatus status() {
    List<EnvoyReading.HostStatus> statuses = new ArrayList<>(hosts.length);
    for (HostCounters h : hosts) {
      statuses.add(h.status());
    }
    return new EnvoyReading.ClusterStatus(cluster.name(), statuses);
  }

  private List<Integer> allHosts() {
    List<Integer> all = new ArrayList<>(hosts.length);
    for (int i = 0; i < hosts.length; i++) {
      all.add(i);
    }
    return all;
  }

  private static List<Double> quantiles(Histogram h) {
    if (h.getTotalCount() == 0) {
      return List.of();
    }
    List<Double> values = new ArrayList<>(EnvoyHistogram.QUANTILES.size());
    for (double q : EnvoyHistogram.QUANTILES) {
      long micros =
          q == 0 ? h.getMinValue() : q == 100 ? h.getMaxValue() : h.getValueAtPercentile(q);
      values.add(micros / 1000.0);
    }
    return values;
  }

  private static Histogram histogram() {
    // Microseconds, three significant digits: Envoy's own histograms keep about as many.
    Histogram h = new Histogram(3);
    h.setAutoResize(true);
    return h;
  }

  private static EnvoyStat counter(String name, long value) {
    return new EnvoyStat(name, value, value != 0);
  }

  private static EnvoyStat gauge(String name, long value) {
    return new EnvoyStat(name, value, value != 0);
  }

  /** One host's counts and outlier state. */
  private static final class HostCounters {
    final EnvoyHost host;
    long requests;
    long errors;
    long intervalRequests;
    long intervalErrors;
    int timesEjected;
    long ejectedUntilMillis = Long.MIN_VALUE;

    HostCounters(EnvoyHost host) {
      this.host = host;
    }

    void add(SimulatedRequest request) {
      requests++;
      intervalRequests++;
      if (request.isFault()) {
        errors++;
        intervalErrors++;
      }
    }

    boolean ejected() {
      return ejectedUntilMillis != Long.MIN_VALUE;
    }

    /** One outlier-detection pass at {@code atMillis}; returns 1 when it ejects the host. */
    int check(long atMillis) {
      int ejectedNow = 0;
      if (ejected() && atMillis >= ejectedUntilMillis) {
        ejectedUntilMillis = Long.MIN_VALUE;
      }
      if (!ejected()) {
        if (intervalRequests >= FAILURE_PERCENTAGE_REQUEST_VOLUME
            && intervalErrors * 100 >= FAILURE_PERCENTAGE_THRESHOLD * intervalRequests) {
          timesEjected++;
          long millis =
              Math.min(BASE_EJECTION_TIME.toMillis() * timesEjected, MAX_EJECTION_TIME.toMillis());
          ejectedUntilMillis = atMillis + millis;
          ejectedNow = 1;
        } else if (timesEjected > 0 && intervalRequests > 0) {
          // A healthy interval lowers the multiplier again, as Envoy does.
          timesEjected--;
        }
      }
      intervalRequests = 0;
      intervalErrors = 0;
      return ejectedNow;
    }

    long cxTotal() {
      return requests == 0 ? 0 : 1 + requests / REQUESTS_PER_CONNECTION;
    }

    long cxActive() {
      return requests == 0 ? 0 : 1;
    }

    EnvoyReading.HostStatus status() {
      return new EnvoyReading.HostStatus(
          host, cxActive(), cxTotal(), requests, requests - errors, errors, ejected());
    }
  }
}
