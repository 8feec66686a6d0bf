package dev.sidescope.samples.logs;

import dev.sidescope.samples.logs.RecentRequests.Seen;
import dev.sidescope.samples.traffic.SimulatedRequest;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The line a container writes for one request it passed: a proxy's access line (Envoy's default
 * format, with the {@code x-amzn-trace-id} header for App Mesh, or Istio's), or an application's
 * JSON line for a request it served, or for a call it made that failed. A line is written when the
 * request ends; its text carries what the simulator drew (status, duration, bytes, request id,
 * X-Ray trace id), and what the model leaves open (client ports, user agents) is drawn from the
 * container and the request, so that it reads the same on every read.
 */
final class TrafficLines {
  private static final String[] USER_AGENTS = {
    "Go-http-client/1.1",
    "okhttp/4.12.0",
    "python-requests/2.31.0",
    "Apache-HttpClient/5.3.1 (Java/17)"
  };

  private final LoggedContainer container;

  TrafficLines(LoggedContainer container) {
    this.container = container;
  }

  /** The line {@code seen} makes in this container's log; empty when it writes none for it. */
  Optional<LogLine> line(Seen seen) {
    SimulatedRequest r = seen.request();
    SplittableRandom random =
        new SplittableRandom(
            container.seed()
                ^ r.requestId().hashCode() * 0x9E3779B97F4A7C15L
                ^ (seen.inbound() ? 1 : 0));
    String text =
        switch (container.format()) {
          case ENVOY -> envoy(r, seen.inbound(), false, random);
          case APPMESH_ENVOY ->
              envoy(r, seen.inbound(), false, random)
                  + " \"Root="
                  + r.traceId()
                  + ";Parent="
                  + r.clientSpanId()
                  + ";Sampled=1\"";
          case ISTIO_PROXY -> envoy(r, seen.inbound(), true, random);
          case APP_JSON -> seen.inbound() || r.isFault() ? app(r, seen.inbound()) : null;
          default -> null;
        };
    return Optional.ofNullable(text).map(t -> new LogLine(r.end(), t));
  }

  /**
   * An access line. A failed request reads as the proxy that saw it would log it: the caller's
   * proxy answers 503 with {@code UF,URX} (the upstream connection failed, retries spent), the
   * callee's with {@code UF} (its app refused); a 504 is {@code UT}; a 500 came from the app.
   */
  private String envoy(
      SimulatedRequest r, boolean inbound, boolean istio, SplittableRandom random) {
    String flags =
        switch (r.status()) {
          case 503 -> inbound ? "UF" : "UF,URX";
          case 504 -> "UT";
          default -> "-";
        };
    boolean reset = r.status() == 503;
    long duration = r.duration().toMillis();
    String upstreamTime = reset ? "-" : String.valueOf(Math.max(0, duration - 1));
    int port = r.to().contains(".") ? 443 : 8080;
    String authority;
    String upstreamHost;
    String cluster;
    if (inbound) {
      authority = container.service() + ":" + container.appPort();
      upstreamHost = (istio ? container.address() : "127.0.0.1") + ":" + container.appPort();
      cluster = "inbound|" + container.appPort() + "||";
    } else {
      authority = r.to() + ":" + port;
      upstreamHost = address(random) + ":" + port;
      cluster =
          "outbound|"
              + port
              + "||"
              + (r.to().contains(".") ? r.to() : r.to() + ".svc.cluster.local");
    }
    String common =
        String.format(
            Locale.ROOT,
            "[%s] \"%s %s HTTP/1.1\" %d %s",
            r.start().truncatedTo(ChronoUnit.MILLIS),
            r.method(),
            r.path(),
            r.status(),
            flags);
    String counters =
        r.requestBytes()
            + " "
            + r.responseBytes()
            + " "
            + duration
            + " "
            + upstreamTime
            + " \"-\" \""
            + USER_AGENTS[random.nextInt(USER_AGENTS.length)]
            + "\" \""
            + r.requestId()
            + "\" \""
            + authority
            + "\" \""
            + upstreamHost
            + "\"";
    if (!istio) {
      return common + " " + counters;
    }
    String details =
        reset ? "upstream_reset_before_response_started{connection_failure}" : "via_upstream";
    return common
        + " "
        + details
        + " - \"-\" "
        + counters
        + " "
        + cluster
        + " "
        + container.address()
        + ":"
        + (40000 + random.nextInt(20000))
        + " "
        + (inbound ? container.address() + ":" + container.appPort() : upstreamHost)
        + " "
        + (inbound ? address(random) : container.address())
        + ":"
        + (40000 + random.nextInt(20000))
        + " - default";
  }

  /**
   * An app's JSON line: each request it served, at {@code INFO} or, when it failed, {@code ERROR};
   * and each call it made that failed, at {@code ERROR}. Every line carries the request's X-Ray
   * trace id, so that a line opens its trace.
   */
  private String app(SimulatedRequest r, boolean inbound) {
    long ms = r.duration().toMillis();
    String message;
    String logger;
    if (inbound) {
      logger = "http";
      message =
          r.isFault()
              ? r.method() + " " + r.path() + " failed: " + r.status() + " " + reason(r.status())
              : r.method() + " " + r.path() + " " + r.status() + " (" + ms + " ms)";
    } else {
      logger = "client";
      message =
          "call to "
              + r.to()
              + " failed: "
              + r.status()
              + " "
              + reason(r.status())
              + " after "
              + ms
              + " ms";
    }
    return "{\"timestamp\":\""
        + r.end().truncatedTo(ChronoUnit.MILLIS)
        + "\",\"level\":\""
        + (r.isFault() ? "ERROR" : "INFO")
        + "\",\"logger\":\""
        + logger
        + "\",\"service\":\""
        + container.service()
        + "\",\"host\":\""
        + container.host()
        + "\",\"message\":\""
        + message
        + "\",\"requestId\":\""
        + r.requestId()
        + "\",\"traceId\":\""
        + r.traceId()
        + "\"}";
  }

  private static String reason(int status) {
    return switch (status) {
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }

  private static String address(SplittableRandom random) {
    return "10.0." + (32 + random.nextInt(8)) + "." + (2 + random.nextInt(250));
  }
}
