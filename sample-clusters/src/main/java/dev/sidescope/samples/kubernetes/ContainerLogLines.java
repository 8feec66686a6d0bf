package dev.sidescope.samples.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The log of one container of a served pod, in that container's real format: Envoy's default access
 * log for Envoy and App Mesh proxies, Istio's access log for {@code istio-proxy}, Fluent Bit's
 * {@code [YYYY/MM/DD HH:MM:SS] [ info] [...]} lines, the X-Ray daemon's, Vault agent's, NGINX's
 * combined format, JSON lines for applications. Good enough for a log panel and {@code kubectl
 * logs}; the traffic model's richer logs come later.
 *
 * <p>Lines are drawn from a random source seeded by the pod and container, so a container's history
 * reads the same on every request. Not thread-safe: one instance per log stream.
 */
final class ContainerLogLines {
  /** One line of log and when it was written. */
  record LogLine(Instant at, String text) {}

  private enum Format {
    ENVOY,
    ISTIO_PROXY,
    ISTIO_INIT,
    FLUENT_BIT,
    XRAY,
    VAULT,
    NGINX,
    APPCONFIG,
    LOGFMT,
    APP_JSON
  }

  private static final DateTimeFormatter FLUENT_BIT_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter NGINX_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String[] PATHS = {
    "/api/orders", "/api/orders/1042", "/health", "/api/payments", "/api/items?page=2", "/"
  };
  private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT"};
  private static final String[] CLIENTS = {
    "Go-http-client/1.1",
    "okhttp/4.12.0",
    "python-requests/2.31.0",
    "Apache-HttpClient/5.3.1 (Java/17)"
  };

  private final Format format;
  private final String podName;
  private final String podIp;
  private final String container;
  private final String service;
  private final int appPort;
  private final List<String> upstreams;
  private final SplittableRandom random;
  private int written;

  private ContainerLogLines(Pod pod, Container container, Format format) {
    this.format = format;
    this.podName = pod.getMetadata().getName();
    this.podIp =
        pod.getStatus() == null || pod.getStatus().getPodIP() == null
            ? "10.0.32.2"
            : pod.getStatus().getPodIP();
    this.container = container.getName();
    String app =
        pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("app");
    this.service = app != null ? app : container.getName();
    this.appPort = firstPort(pod);
    this.upstreams = upstreams(pod);
    this.random =
        new SplittableRandom(
            ObjectNames.fnv64(pod.getMetadata().getUid() + "/" + container.getName()));
  }

  /** The log of {@code container} in {@code pod}. */
  static ContainerLogLines of(Pod pod, Container container, boolean classicInit) {
    return new ContainerLogLines(pod, container, formatOf(container, classicInit));
  }

  /** The {@code count} lines written before {@code now}, oldest first. */
  List<LogLine> history(Instant now, int count) {
    List<LogLine> lines = new ArrayList<>(count);
    Instant start = now.minus(Duration.ofSeconds(4L * count));
    for (int i = 0; i < count; i++) {
      lines.add(next(start.plusMillis(4000L * i + random.nextInt(3000))));
    }
    return lines;
  }

  /** The next line, written at {@code at}. */
  LogLine next(Instant at) {
    Instant t = at.truncatedTo(ChronoUnit.MILLIS);
    int n = written++;
    String text =
        switch (format) {
          case ENVOY -> envoy(t, false);
          case ISTIO_PROXY -> envoy(t, true);
          case ISTIO_INIT -> istioInit(t, n);
          case FLUENT_BIT -> fluentBit(t, n);
          case XRAY -> xray(t, n);
          case VAULT -> vault(t, n);
          case NGINX -> nginx(t);
          case APPCONFIG -> appconfig(t, n);
          case LOGFMT -> logfmt(t);
          case APP_JSON -> appJson(t);
        };
    return new LogLine(t, text);
  }

  private String envoy(Instant t, boolean istio) {
    boolean outbound = !upstreams.isEmpty() && random.nextInt(2) == 0;
    String method = METHODS[random.nextInt(METHODS.length)];
    String path = PATHS[random.nextInt(PATHS.length)];
    int roll = random.nextInt(200);
    int code = roll == 0 ? 503 : roll < 3 ? 404 : method.equals("POST") ? 201 : 200;
    String flags = code == 503 ? "UF" : "-";
    int duration = code == 503 ? 1 + random.nextInt(5) : 3 + random.nextInt(120);
    String upstreamTime = code == 503 ? "-" : String.valueOf(Math.max(1, duration - 1));
    int received = method.equals("GET") ? 0 : 40 + random.nextInt(400);
    int sent = code == 503 ? 91 : 20 + random.nextInt(2000);
    String authority;
    String upstreamHost;
    String cluster;
    if (outbound) {
      String upstream = upstreams.get(random.nextInt(upstreams.size()));
      authority = upstream;
      String port = upstream.contains(":") ? upstream.substring(upstream.indexOf(':') + 1) : "80";
      upstreamHost =
          "10.0." + (32 + random.nextInt(8)) + "." + (2 + random.nextInt(250)) + ":" + port;
      String host =
          upstream.contains(":") ? upstream.substring(0, upstream.indexOf(':')) : upstream;
      cluster =
          "outbound|" + port + "||" + (host.contains(".") ? host : host + ".svc.cluster.local");
    } else {
      authority = service + ":" + appPort;
      upstreamHost = (istio ? podIp : "127.0.0.1") + ":" + appPort;
      cluster = "inbound|" + appPort + "||";
    }
    String userAgent =
        path.equals("/health") ? "ELB-HealthChecker/2.0" : CLIENTS[random.nextInt(CLIENTS.length)];
    String common =
        String.format(Locale.ROOT, "[%s] \"%s %s HTTP/1.1\" %d %s", t, method, path, code, flags);
    String counters =
        received
            + " "
            + sent
            + " "
            + duration
            + " "
            + upstreamTime
            + " \"-\" \""
            + userAgent
            + "\" \""
            + requestId()
            + "\" \""
            + authority
            + "\" \""
            + upstreamHost
            + "\"";
    if (!istio) {
      return common + " " + counters;
    }
    String details =
        code == 503 ? "upstream_reset_before_response_started{connection_failure}" : "via_upstream";
    String peer = "10.0." + (32 + random.nextInt(8)) + "." + (2 + random.nextInt(250));
    return common
        + " "
        + details
        + " - \"-\" "
        + counters
        + " "
        + cluster
        + " "
        + podIp
        + ":"
        + (40000 + random.nextInt(20000))
        + " "
        + podIp
        + ":"
        + appPort
        + " "
        + peer
        + ":"
        + (40000 + random.nextInt(20000))
        + " - default";
  }

  private String istioInit(Instant t, int n) {
    String[] lines = {
      "Istio iptables environment:",
      "ENVOY_PORT=",
      "INBOUND_CAPTURE_PORT=",
      "Istio iptables variables:",
      "PROXY_PORT=15001",
      "PROXY_INBOUND_CAPTURE_PORT=15006",
      "PROXY_UID=1337",
      "INBOUND_INTERCEPTION_MODE=REDIRECT",
      "-A PREROUTING -p tcp -j ISTIO_INBOUND",
      "-A OUTPUT -p tcp -j ISTIO_OUTPUT",
      "COMMIT"
    };
    return t + "\tinfo\t" + lines[n % lines.length];
  }

  private String fluentBit(Instant t, int n) {
    String time = "[" + FLUENT_BIT_TIME.format(t) + "]";
    String output = "[output:cloudwatch_logs:cloudwatch_logs.0]";
    return switch (n) {
      case 0 -> time + " [ info] [fluent bit] version=1.9.10, commit=, pid=1";
      case 1 ->
          time
              + " [ info] [storage] version=1.4.0, type=memory-only, sync=normal, checksum=disabled, max_chunks_up=128";
      case 2 -> time + " [ info] [cmetrics] version=0.3.7";
      case 3 ->
          time
              + " [ info] [input:tail:tail.0] inotify_fs_add(): inode="
              + (1_000_000 + random.nextInt(9_000_000))
              + " watch_fd=1 name=/var/log/app/app.log";
      case 4 -> time + " [ info] " + output + " worker #0 started";
      case 5 -> time + " [ info] [sp] stream processor started";
      case 6 ->
          time
              + " [ info] "
              + output
              + " Creating log stream "
              + podName
              + " in log group /eks/"
              + service;
      case 7 -> time + " [ info] " + output + " Created log stream " + podName;
      default ->
          time
              + " [debug] "
              + output
              + " Sent "
              + (1 + random.nextInt(60))
              + " events to CloudWatch";
    };
  }

  private String xray(Instant t, int n) {
    String time = t.truncatedTo(ChronoUnit.SECONDS) + " ";
    return switch (n) {
      case 0 -> time + "[Info] Initializing AWS X-Ray daemon 3.3.12";
      case 1 -> time + "[Info] Using buffer memory limit of 78 MB";
      case 2 -> time + "[Info] 1248 segment buffers allocated";
      case 3 -> time + "[Info] Using region: us-east-1";
      case 4 ->
          time
              + "[Info] HTTP Proxy server using X-Ray Endpoint : https://xray.us-east-1.amazonaws.com";
      case 5 -> time + "[Info] Starting proxy http server on 0.0.0.0:2000";
      default ->
          time
              + String.format(
                  Locale.ROOT,
                  "[Info] Successfully sent batch of %d segments (%.3f seconds)",
                  1 + random.nextInt(30),
                  0.02 + random.nextInt(90) / 1000.0);
    };
  }

  private String vault(Instant t, int n) {
    String time = t + " ";
    return switch (n) {
      case 0 -> time + "[INFO]  agent.sink.file: creating file sink";
      case 1 -> time + "[INFO]  agent.auth.handler: starting auth handler";
      case 2 -> time + "[INFO]  agent.auth.handler: authenticating";
      case 3 ->
          time + "[INFO]  agent.auth.handler: authentication successful, sending token to sinks";
      case 4 -> time + "[INFO]  agent.sink.file: token written: path=/home/vault/.vault-token";
      default ->
          random.nextInt(3) == 0
              ? time + "[INFO]  agent.auth.handler: renewed auth token"
              : time + "[INFO]  agent: (runner) rendered \"(dynamic)\" => \"/vault/secrets/db\"";
    };
  }

  private String nginx(Instant t) {
    String client = "10.0." + (1 + random.nextInt(3)) + "." + (10 + random.nextInt(240));
    return client
        + " - - ["
        + NGINX_TIME.format(t)
        + "] \"GET /healthz HTTP/1.1\" 200 2 \"-\" \"ELB-HealthChecker/2.0\" \"-\"";
  }

  private String appconfig(Instant t, int n) {
    String time = "[appconfig agent] " + FLUENT_BIT_TIME.format(t) + " ";
    return switch (n) {
      case 0 -> time + "INFO AppConfig Agent 2.0.2487";
      case 1 -> time + "INFO serving on localhost:2772";
      default -> time + "INFO retrieved data for 'MyApp:prod:feature-flags'";
    };
  }

  private String logfmt(Instant t) {
    String[] messages = {
      "exporting batch", "flushed metrics", "connection accepted", "health check ok"
    };
    return "time="
        + t
        + " level=info component="
        + container
        + " msg=\""
        + messages[random.nextInt(messages.length)]
        + "\" count="
        + (1 + random.nextInt(200));
  }

  private String appJson(Instant t) {
    String method = METHODS[random.nextInt(METHODS.length)];
    String path = PATHS[random.nextInt(PATHS.length)];
    int roll = random.nextInt(200);
    int status = roll == 0 ? 502 : method.equals("POST") ? 201 : 200;
    String level = status >= 500 ? "ERROR" : "INFO";
    String message =
        status >= 500 && !upstreams.isEmpty()
            ? "upstream " + upstreams.get(0) + " answered 503; " + method + " " + path + " failed"
            : method + " " + path + " " + status + " (" + (2 + random.nextInt(150)) + " ms)";
    return "{\"timestamp\":\""
        + t
        + "\",\"level\":\""
        + level
        + "\",\"logger\":\"http\","
        + "\"service\":\""
        + service
        + "\",\"pod\":\""
        + podName
        + "\",\"message\":\""
        + message
        + "\",\"traceId\":\"1-"
        + Long.toHexString(t.getEpochSecond())
        + "-"
        + ObjectNames.hex(random, 12)
        + "\"}";
  }

  private String requestId() {
    String hex = ObjectNames.hex(random, 16);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20);
  }

  private static Format formatOf(Container c, boolean classicInit) {
    String name = c.getName() == null ? "" : c.getName().toLowerCase(Locale.ROOT);
    String image = c.getImage() == null ? "" : c.getImage().toLowerCase(Locale.ROOT);
    if (classicInit) {
      return name.contains("istio") ? Format.ISTIO_INIT : Format.LOGFMT;
    }
    if (name.equals("istio-proxy") || image.contains("istio/proxyv2")) {
      return Format.ISTIO_PROXY;
    }
    if (image.contains("envoy") || name.contains("envoy")) {
      return Format.ENVOY;
    }
    if (image.contains("fluent-bit") || name.contains("fluent-bit") || name.contains("fluentbit")) {
      return Format.FLUENT_BIT;
    }
    if (image.contains("xray") || name.contains("xray")) {
      return Format.XRAY;
    }
    if (image.contains("vault") || name.contains("vault")) {
      return Format.VAULT;
    }
    if (image.contains("nginx")) {
      return Format.NGINX;
    }
    if (image.contains("appconfig") || name.contains("appconfig")) {
      return Format.APPCONFIG;
    }
    for (String sidecar :
        List.of("otel", "datadog", "cloud-sql-proxy", "exporter", "linkerd", "cloudwatch-agent")) {
      if (image.contains(sidecar) || name.contains(sidecar)) {
        return Format.LOGFMT;
      }
    }
    return Format.APP_JSON;
  }

  private static int firstPort(Pod pod) {
    if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
      for (Container c : pod.getSpec().getContainers()) {
        for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
          if (p.getContainerPort() != null) {
            return p.getContainerPort();
          }
        }
      }
    }
    return 8080;
  }

  /** {@code host:port} of every http(s) URL in the pod's environment, localhost left out. */
  private static List<String> upstreams(Pod pod) {
    List<String> out = new ArrayList<>();
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return out;
    }
    for (Container c : pod.getSpec().getContainers()) {
      for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
        String value = e.getValue();
        if (value == null || !(value.startsWith("http://") || value.startsWith("https://"))) {
          continue;
        }
        try {
          URI uri = URI.create(value);
          String host = uri.getHost();
          if (host == null || host.equals("localhost") || host.startsWith("127.")) {
            continue;
          }
          int port = uri.getPort() > 0 ? uri.getPort() : value.startsWith("https") ? 443 : 80;
          String authority = host + ":" + port;
          if (!out.contains(authority)) {
            out.add(authority);
          }
        } catch (IllegalArgumentException notAUrl) {
          // An env value that only looks like a URL: not an upstream.
        }
      }
    }
    return out;
  }
}
