package dev.sidescope.samples.linkerd;

import dev.sidescope.samples.traffic.ReplicaPicker;
import dev.sidescope.samples.traffic.RequestListener;
import dev.sidescope.samples.traffic.SimulatedRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The metrics of a sample's Linkerd proxies, moved by its traffic: a {@link RequestListener} that
 * counts each request in the proxy of the calling pod (outbound, by the authority called and the
 * pod reached) and in the proxy of the called pod (inbound), picking the pods with the same {@link
 * ReplicaPicker} as the Envoys and the logs, so that every rendering tells of the same requests.
 *
 * <p>A request counts once it starts, as an Envoy counts it; Linkerd classes a 5xx as a {@code
 * failure}, anything else as a {@code success}.
 *
 * <p>Threading: {@link #onRequest} on the traffic's thread; {@link #read} from any thread (the
 * admin endpoint's event loop). Each proxy's numbers are guarded by a lock of their own.
 */
public final class LinkerdCounters implements RequestListener {
  /** The upper bounds, in milliseconds, of the proxy's latency buckets. */
  static final long[] BUCKETS = {
    1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1_000, 2_000, 3_000, 4_000, 5_000,
    10_000, 20_000, 30_000, 40_000, 50_000
  };

  private final SampleLinkerds linkerds;
  private final ReplicaPicker picker;
  private final Map<String, ProxyState> byPod = new LinkedHashMap<>();

  /** Counters for every proxy of {@code linkerds}, all zero, whose pods {@code picker} picks. */
  public LinkerdCounters(SampleLinkerds linkerds, ReplicaPicker picker) {
    this.linkerds = Objects.requireNonNull(linkerds, "linkerds");
    this.picker = Objects.requireNonNull(picker, "picker");
    for (LinkerdProxy proxy : linkerds.proxies()) {
      byPod.putIfAbsent(proxy.podKey(), new ProxyState(proxy));
    }
  }

  /** The proxies counted. */
  public SampleLinkerds linkerds() {
    return linkerds;
  }

  @Override
  public void onRequest(SimulatedRequest request) {
    String caller = pod(request.from(), picker.caller(request));
    String callee = pod(request.to(), picker.callee(request));
    ProxyState from = caller == null ? null : byPod.get(caller);
    if (from != null) {
      SampleLinkerds.Destination to =
          linkerds
              .destinations()
              .getOrDefault(request.to(), new SampleLinkerds.Destination(request.to() + ":80", 80));
      String targetIp = callee == null ? null : linkerds.podIps().getOrDefault(callee, "127.0.0.1");
      from.add(
          new SeriesKey(
              "outbound",
              to.authority(),
              targetIp == null ? to.authority() : targetIp + ":" + to.port(),
              request.status()),
          request);
    }
    ProxyState at = callee == null ? null : byPod.get(callee);
    if (at != null) {
      LinkerdProxy proxy = at.proxy;
      at.add(
          new SeriesKey(
              "inbound", proxy.authority(), proxy.ip() + ":" + proxy.appPort(), request.status()),
          request);
    }
  }

  /**
   * What {@code proxy}'s {@code /metrics} shows now.
   *
   * @throws IllegalArgumentException when {@code proxy} is not one of these proxies
   */
  public List<Series> read(LinkerdProxy proxy) {
    ProxyState state = byPod.get(proxy.podKey());
    if (state == null) {
      throw new IllegalArgumentException("the sample has no Linkerd proxy in " + proxy.podKey());
    }
    return state.read();
  }

  /** The pod of {@code name} that replica {@code replica} is; null for one outside Kubernetes. */
  private String pod(String name, int replica) {
    List<String> pods = picker.pods(name);
    return replica >= 0 && replica < pods.size() ? pods.get(replica) : null;
  }

  /**
   * What one series of a proxy's metrics is labelled by.
   *
   * @param direction {@code inbound} or {@code outbound}
   * @param authority the authority called
   * @param targetAddr the address reached, {@code ip:port}
   * @param status the HTTP status answered
   */
  public record SeriesKey(String direction, String authority, String targetAddr, int status) {
    static final Comparator<SeriesKey> ORDER =
        Comparator.comparing(SeriesKey::direction)
            .thenComparing(SeriesKey::authority)
            .thenComparing(SeriesKey::targetAddr)
            .thenComparingInt(SeriesKey::status);

    /** {@code success}, or {@code failure} for a 5xx, as Linkerd classes HTTP responses. */
    public String classification() {
      return status >= 500 ? "failure" : "success";
    }
  }

  /**
   * One series' numbers since the proxy started.
   *
   * @param key its labels
   * @param requests requests sent (and answered)
   * @param buckets how many took at most each of {@link #BUCKETS} milliseconds (not cumulative),
   *     then how many took longer
   * @param latencySumMs the latencies' sum, in milliseconds
   */
  public record Series(SeriesKey key, long requests, long[] buckets, double latencySumMs) {}

  /** One proxy's series, guarded by this object's lock. */
  private static final class ProxyState {
    private final LinkerdProxy proxy;
    private final Map<SeriesKey, long[]> buckets = new HashMap<>();
    private final Map<SeriesKey, double[]> sums = new HashMap<>();

    ProxyState(LinkerdProxy proxy) {
      this.proxy = proxy;
    }

    synchronized void add(SeriesKey key, SimulatedRequest request) {
      double ms = request.duration().toNanos() / 1_000_000.0;
      long[] b = buckets.computeIfAbsent(key, k -> new long[BUCKETS.length + 1]);
      int i = 0;
      while (i < BUCKETS.length && ms > BUCKETS[i]) {
        i++;
      }
      b[i]++;
      sums.computeIfAbsent(key, k -> new double[1])[0] += ms;
    }

    synchronized List<Series> read() {
      TreeMap<SeriesKey, long[]> sorted = new TreeMap<>(SeriesKey.ORDER);
      sorted.putAll(buckets);
      List<Series> out = new ArrayList<>();
      sorted.forEach(
          (key, b) -> {
            long total = 0;
            for (long n : b) {
              total += n;
            }
            out.add(new Series(key, total, b.clone(), sums.get(key)[0]));
          });
      return out;
    }
  }
}
