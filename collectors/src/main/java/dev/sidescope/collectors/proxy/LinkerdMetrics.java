package dev.sidescope.collectors.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What a Linkerd proxy's {@code /metrics} (Prometheus text) says of the authorities it calls: per
 * outbound {@code authority}, the responses ({@code response_total}) by class and status, and the
 * response-latency histogram ({@code response_latency_ms_bucket}, cumulative buckets by {@code
 * le}). Also {@code process_start_time_seconds} and the proxy's version ({@code proxy_build_info}).
 * Inbound series and every other family are passed over; a line that does not read is skipped.
 *
 * <p>Each authority's figures are summed over its other labels (targets, status codes, routes).
 * Immutable once read.
 *
 * @param authorities by authority, e.g. {@code web-svc.emojivoto.svc.cluster.local:80}
 * @param startSeconds when the proxy started, in epoch seconds, where printed
 * @param version the proxy's version, where printed
 */
record LinkerdMetrics(
    Map<String, Authority> authorities, OptionalDouble startSeconds, Optional<String> version) {

  /**
   * One authority's counters since the proxy started.
   *
   * @param responses all responses
   * @param failures responses Linkerd classed {@code failure}, or with a 4xx or 5xx status
   * @param clientErrors 4xx responses
   * @param serverErrors 5xx responses
   * @param buckets cumulative latency buckets: upper bound in milliseconds ({@code +Inf} as {@link
   *     Double#POSITIVE_INFINITY}) to count
   */
  record Authority(
      long responses,
      long failures,
      long clientErrors,
      long serverErrors,
      TreeMap<Double, Long> buckets) {}

  /** Reads the text; only an I/O failure throws. */
  static LinkerdMetrics read(Reader in) throws IOException {
    Map<String, long[]> counts = new HashMap<>();
    Map<String, TreeMap<Double, Long>> buckets = new HashMap<>();
    OptionalDouble start = OptionalDouble.empty();
    Optional<String> version = Optional.empty();
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      if (line.startsWith("response_total{")) {
        Sample s = Sample.parse(line);
        if (s != null && "outbound".equals(s.labels.get("direction"))) {
          String authority = s.labels.getOrDefault("authority", "");
          long[] c = counts.computeIfAbsent(authority, k -> new long[4]);
          long v = (long) s.value;
          String status = s.labels.getOrDefault("status_code", "");
          boolean client = status.startsWith("4");
          boolean server = status.startsWith("5");
          c[0] += v;
          if ("failure".equals(s.labels.get("classification")) || client || server) {
            c[1] += v;
          }
          c[2] += client ? v : 0;
          c[3] += server ? v : 0;
        }
      } else if (line.startsWith("response_latency_ms_bucket{")) {
        Sample s = Sample.parse(line);
        if (s != null && "outbound".equals(s.labels.get("direction"))) {
          String le = s.labels.get("le");
          Double bound = le == null ? null : bound(le);
          if (bound != null) {
            buckets
                .computeIfAbsent(s.labels.getOrDefault("authority", ""), k -> new TreeMap<>())
                .merge(bound, (long) s.value, Long::sum);
          }
        }
      } else if (line.startsWith("process_start_time_seconds")) {
        Sample s = Sample.parse(line);
        if (s != null) {
          start = OptionalDouble.of(s.value);
        }
      } else if (line.startsWith("proxy_build_info{")) {
        Sample s = Sample.parse(line);
        if (s != null && s.labels.containsKey("version")) {
          version = Optional.of(s.labels.get("version"));
        }
      }
    }
    Map<String, Authority> out = new TreeMap<>();
    counts.forEach(
        (authority, c) ->
            out.put(
                authority,
                new Authority(
                    c[0], c[1], c[2], c[3], buckets.getOrDefault(authority, new TreeMap<>()))));
    return new LinkerdMetrics(out, start, version);
  }

  private static Double bound(String le) {
    if (le.equals("+Inf")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      return Double.parseDouble(le);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The {@code percent} percentile of the latency in {@code buckets} (cumulative counts), by linear
   * interpolation inside its bucket as Prometheus' {@code histogram_quantile} does; empty when the
   * buckets counted nothing.
   */
  static OptionalDouble quantile(TreeMap<Double, Long> buckets, double percent) {
    if (buckets.isEmpty()) {
      return OptionalDouble.empty();
    }
    long total = buckets.lastEntry().getValue();
    if (total <= 0) {
      return OptionalDouble.empty();
    }
    double rank = percent / 100.0 * total;
    double lower = 0;
    long below = 0;
    for (Map.Entry<Double, Long> b : buckets.entrySet()) {
      if (b.getValue() >= rank) {
        double upper = b.getKey();
        if (Double.isInfinite(upper)) {
          return OptionalDouble.of(lower); // above the highest finite bound: its bound
        }
        long inBucket = b.getValue() - below;
        return OptionalDouble.of(
            inBucket <= 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket);
      }
      lower = b.getKey();
      below = b.getValue();
    }
    return OptionalDouble.of(lower);
  }

  /** One sample line: {@code name{a="b",c="d"} value [timestamp]}. */
  private record Sample(Map<String, String> labels, double value) {
    static Sample parse(String line) {
      int open = line.indexOf('{');
      Map<String, String> labels = new HashMap<>();
      int i;
      if (open < 0) {
        i = line.indexOf(' ');
        if (i < 0) {
          return null;
        }
      } else {
        i = open + 1;
        while (i < line.length() && line.charAt(i) != '}') {
          int eq = line.indexOf('=', i);
          if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
            return null;
          }
          String name = line.substring(i, eq).strip();
          StringBuilder value = new StringBuilder();
          int j = eq + 2;
          for (; j < line.length() && line.charAt(j) != '"'; j++) {
            char c = line.charAt(j);
            if (c == '\\' && j + 1 < line.length()) {
              char n = line.charAt(++j);
              value.append(n == 'n' ? '\n' : n);
            } else {
              value.append(c);
            }
          }
          if (j >= line.length()) {
            return null;
          }
          labels.put(name, value.toString());
          i = j + 1;
          if (i < line.length() && line.charAt(i) == ',') {
            i++;
          }
        }
        i++; // past '}'
      }
      String rest = i < line.length() ? line.substring(i).strip() : "";
      int space = rest.indexOf(' ');
      String number = space < 0 ? rest : rest.substring(0, space);
      try {
        double value = Double.parseDouble(number);
        return Double.isFinite(value) ? new Sample(labels, value) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
