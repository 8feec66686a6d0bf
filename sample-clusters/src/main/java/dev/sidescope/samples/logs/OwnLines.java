package dev.sidescope.samples.logs;

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
 * The lines a container writes of its own, whatever the traffic: its start-up lines when a run
 * starts, then, for the sidecars that keep talking (Fluent Bit, the X-Ray daemon, Vault agent...),
 * a line about every {@link #period} in their format. Line {@code k} of a run is written {@code k}
 * periods after the start plus a jitter drawn from the container and {@code k}, so that any range
 * of a run's lines can be made on its own and reads the same on every read.
 */
final class OwnLines {
  private static final DateTimeFormatter ENVOY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter FLUENT_BIT_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter NGINX_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter NGINX_ERROR_TIME = FLUENT_BIT_TIME;
  private static final Duration STARTUP_STEP = Duration.ofMillis(37);
  private static final String[] ISTIO_INIT = {
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

  private final LoggedContainer c;

  OwnLines(LoggedContainer container) {
    this.c = container;
  }

  /** The lines of the run that started at {@code runStart} written in {@code (after, upTo]}. */
  List<LogLine> between(Instant runStart, Instant after, Instant upTo) {
    List<LogLine> lines = new ArrayList<>();
    for (LogLine line : startup(runStart)) {
      if (line.at().isAfter(after) && !line.at().isAfter(upTo)) {
        lines.add(line);
      }
    }
    Duration period = period();
    if (period.isZero() || !upTo.isAfter(runStart)) {
      return lines;
    }
    long periodMs = period.toMillis();
    long fromK = Math.max(1, Duration.between(runStart, after).toMillis() / periodMs);
    long toK = Duration.between(runStart, upTo).toMillis() / periodMs;
    for (long k = fromK; k <= toK; k++) {
      SplittableRandom random = new SplittableRandom(c.seed() ^ (k * 0x9E3779B97F4A7C15L));
      Instant at = runStart.plusMillis(k * periodMs + random.nextLong(periodMs / 2));
      if (at.isAfter(after) && !at.isAfter(upTo)) {
        lines.add(new LogLine(at, periodic(at.truncatedTo(ChronoUnit.MILLIS), random)));
      }
    }
    return lines;
  }

  /** The lines a run writes as it starts, a few milliseconds apart from {@code runStart} on. */
  List<LogLine> startup(Instant runStart) {
    List<String> texts = startupTexts(runStart.truncatedTo(ChronoUnit.MILLIS));
    List<LogLine> lines = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      lines.add(new LogLine(runStart.plus(STARTUP_STEP.multipliedBy(i)), texts.get(i)));
    }
    return lines;
  }

  private List<String> startupTexts(Instant t) {
    String flb = "[" + FLUENT_BIT_TIME.format(t) + "] [ info] ";
    String xray = t.truncatedTo(ChronoUnit.SECONDS) + " [Info] ";
    return switch (c.format()) {
      case ENVOY, APPMESH_ENVOY -> {
        String e = "[" + ENVOY_TIME.format(t) + "][1][info]";
        yield List.of(
            e
                + "[main] [source/server/server.cc:430] initializing epoch 0 (base id=0, hot restart"
                + " version=11.104)",
            e + "[main] [source/server/server.cc:957] starting main dispatch loop",
            e
                + "[upstream] [source/common/upstream/cluster_manager_impl.cc:222] cm init: all"
                + " clusters initialized",
            e
                + "[main] [source/server/server.cc:938] all clusters initialized. initializing init"
                + " manager",
            e
                + "[config] [source/server/listener_manager_impl.cc:831] all dependencies"
                + " initialized. starting workers");
      }
      case ISTIO_PROXY ->
          List.of(
              t + "\tinfo\tFLAG: --concurrency=\"2\"",
              t + "\tinfo\tProxy role\tips=[" + c.address() + "] type=sidecar id=" + c.host(),
              t + "\tinfo\tsds\tSDS server for workload certificates started",
              t + "\tinfo\tReadiness succeeded in 1.021s",
              t + "\tinfo\tEnvoy proxy is ready");
      case ISTIO_INIT -> List.of(ISTIO_INIT).stream().map(l -> t + "\tinfo\t" + l).toList();
      case FLUENT_BIT ->
          List.of(
              "AWS for Fluent Bit Container Image Version 2.32.2",
              "Fluent Bit v1.9.10",
              "* Copyright (C) 2015-2022 The Fluent Bit Authors",
              flb + "[fluent bit] version=1.9.10, commit=6345fd1e40, pid=1",
              flb
                  + "[storage] version=1.4.0, type=memory-only, sync=normal, checksum=disabled,"
                  + " max_chunks_up=128",
              flb + "[cmetrics] version=0.3.7",
              flb + "[output:cloudwatch_logs:cloudwatch_logs.0] worker #0 started",
              flb + "[sp] stream processor started");
      case XRAY ->
          List.of(
              xray + "Initializing AWS X-Ray daemon 3.3.12",
              xray + "Using buffer memory limit of 78 MB",
              xray + "1248 segment buffers allocated",
              xray + "Using region: us-east-1",
              xray
                  + "HTTP Proxy server using X-Ray Endpoint : https://xray.us-east-1.amazonaws.com",
              xray + "Starting proxy http server on 0.0.0.0:2000");
      case VAULT ->
          List.of(
              "==> Vault Agent started! Log data will stream in below:",
              t + " [INFO]  agent.sink.file: creating file sink",
              t + " [INFO]  agent.auth.handler: starting auth handler",
              t + " [INFO]  agent.auth.handler: authenticating",
              t + " [INFO]  agent.auth.handler: authentication successful, sending token to sinks",
              t + " [INFO]  agent.sink.file: token written: path=/home/vault/.vault-token");
      case APPCONFIG ->
          List.of(
              "[appconfig agent] " + FLUENT_BIT_TIME.format(t) + " INFO AppConfig Agent 2.0.2487",
              "[appconfig agent] " + FLUENT_BIT_TIME.format(t) + " INFO serving on localhost:2772");
      case LOGFMT ->
          List.of("time=" + t + " level=info component=" + c.container() + " msg=\"starting\"");
      case APP_JSON ->
          List.of(
              appJson(t, "Starting " + c.service()),
              appJson(t, "Started " + c.service() + ", listening on :" + c.appPort()));
      case NGINX -> List.of();
    };
  }

  private Duration period() {
    if (c.health() == LoggedContainer.Health.NOT_READY) {
      // Proxies and apps that are quiet while healthy complain now and then while not ready.
      switch (c.format()) {
        case ENVOY, APPMESH_ENVOY, ISTIO_PROXY, APP_JSON -> {
          return Duration.ofSeconds(30);
        }
        default -> {}
      }
    }
    return switch (c.format()) {
      case FLUENT_BIT -> Duration.ofSeconds(5);
      case XRAY, NGINX -> Duration.ofSeconds(10);
      case LOGFMT -> Duration.ofSeconds(15);
      case VAULT -> Duration.ofSeconds(30);
      case APPCONFIG -> Duration.ofSeconds(45);
      case ENVOY, APPMESH_ENVOY, ISTIO_PROXY, ISTIO_INIT, APP_JSON -> Duration.ZERO;
    };
  }

  private String periodic(Instant t, SplittableRandom random) {
    if (c.health() == LoggedContainer.Health.NOT_READY) {
      return failing(t, random);
    }
    return switch (c.format()) {
      case FLUENT_BIT ->
          "["
              + FLUENT_BIT_TIME.format(t)
              + "] [debug] [output:cloudwatch_logs:cloudwatch_logs.0] Sent "
              + (1 + random.nextInt(60))
              + " events to CloudWatch";
      case XRAY ->
          t.truncatedTo(ChronoUnit.SECONDS)
              + String.format(
                  Locale.ROOT,
                  " [Info] Successfully sent batch of %d segments (%.3f seconds)",
                  1 + random.nextInt(30),
                  0.02 + random.nextInt(90) / 1000.0);
      case VAULT ->
          random.nextInt(3) == 0
              ? t + " [INFO]  agent.auth.handler: renewed auth token"
              : t + " [INFO]  agent: (runner) rendered \"(dynamic)\" => \"/vault/secrets/db\"";
      case NGINX ->
          "10.0."
              + (1 + random.nextInt(3))
              + "."
              + (10 + random.nextInt(240))
              + " - - ["
              + NGINX_TIME.format(t)
              + "] \"GET /healthz HTTP/1.1\" 200 2 \"-\" \"ELB-HealthChecker/2.0\" \"-\"";
      case APPCONFIG ->
          "[appconfig agent] "
              + FLUENT_BIT_TIME.format(t)
              + " INFO retrieved data for 'MyApp:prod:feature-flags'";
      case LOGFMT ->
          "time="
              + t
              + " level=info component="
              + c.container()
              + " msg=\""
              + List.of(
                      "exporting batch",
                      "flushed metrics",
                      "connection accepted",
                      "health check ok")
                  .get(random.nextInt(4))
              + "\" count="
              + (1 + random.nextInt(200));
      case ENVOY, APPMESH_ENVOY, ISTIO_PROXY, ISTIO_INIT, APP_JSON ->
          throw new IllegalStateException(c.format() + " writes no periodic lines");
    };
  }

  /**
   * A periodic line of a container that runs but is not ready: what its work fails with, in its
   * kind's words (the X-Ray daemon cannot send its segments, Fluent Bit cannot flush to CloudWatch,
   * Envoy loses its management server...).
   */
  private String failing(Instant t, SplittableRandom random) {
    boolean warn = random.nextInt(3) == 0;
    return switch (c.format()) {
      case XRAY ->
          t.truncatedTo(ChronoUnit.SECONDS)
              + (warn
                  ? " [Warn] Delaying sending of additional batches by 1 seconds"
                  // The daemon writes the SDK's error, tab-continued part and all, in one write.
                  : " [Error] Sending segment batch failed with: NoCredentialProviders: no valid"
                      + " providers in chain. Deprecated.\tFor verbose messaging see"
                      + " aws.Config.CredentialsChainVerboseErrors");
      case FLUENT_BIT ->
          "["
              + FLUENT_BIT_TIME.format(t)
              + (warn
                  ? "] [ warn] [engine] failed to flush chunk '1-"
                      + t.getEpochSecond()
                      + "."
                      + (100_000_000 + random.nextInt(900_000_000))
                      + ".flb', retry in "
                      + (1 + random.nextInt(10))
                      + " seconds: task_id="
                      + random.nextInt(4)
                      + ", input=tail.0 > output=cloudwatch_logs.0 (out_id=0)"
                  : "] [error] [output:cloudwatch_logs:cloudwatch_logs.0] PutLogEvents API"
                      + " responded with error='AccessDeniedException', message='User is not"
                      + " authorized to perform: logs:PutLogEvents'");
      case VAULT ->
          t
              + " [ERROR] agent.auth.handler: error authenticating: error=\"Error making API"
              + " request. Code: 403. Errors: * permission denied\" backoff="
              + (1 + random.nextInt(5))
              + "s";
      case NGINX ->
          NGINX_ERROR_TIME.format(t)
              + " [error] 29#29: *"
              + (1 + random.nextInt(5000))
              + " connect() failed (111: Connection refused) while connecting to upstream,"
              + " client: 10.0.1.10, server: _, request: \"GET /healthz HTTP/1.1\", upstream:"
              + " \"http://127.0.0.1:"
              + c.appPort()
              + "/healthz\"";
      case APPCONFIG ->
          "[appconfig agent] "
              + FLUENT_BIT_TIME.format(t)
              + " ERROR failed to retrieve data for 'MyApp:prod:feature-flags':"
              + " AccessDeniedException";
      case LOGFMT ->
          "time="
              + t
              + " level=error component="
              + c.container()
              + " msg=\"exporting batch failed\" error=\"rpc error: code = Unavailable desc ="
              + " connection refused\"";
      case ENVOY, APPMESH_ENVOY ->
          "["
              + ENVOY_TIME.format(t)
              + "][1][warning][config]"
              + " [source/extensions/config_subscription/grpc/grpc_stream.h:152]"
              + " StreamAggregatedResources gRPC config stream to xds_cluster closed: 14,"
              + " upstream connect error or disconnect/reset before headers. reset reason:"
              + " connection failure";
      case ISTIO_PROXY ->
          t
              + "\twarn\tEnvoy proxy is NOT ready: config not received from XDS server (is"
              + " Istiod running?): cds updates: 0 successful, 0 rejected; lds updates: 0"
              + " successful, 0 rejected";
      case APP_JSON -> appJson(t, "WARN", "readiness check failed: a dependency is unavailable");
      case ISTIO_INIT -> throw new IllegalStateException(c.format() + " writes no periodic lines");
    };
  }

  /** An app's JSON line of its own (not about a request), at {@code INFO}. */
  String appJson(Instant t, String message) {
    return appJson(t, "INFO", message);
  }

  /** An app's JSON line of its own at {@code level}. */
  String appJson(Instant t, String level, String message) {
    return "{\"timestamp\":\""
        + t
        + "\",\"level\":\""
        + level
        + "\",\"logger\":\"main\",\"service\":\""
        + c.service()
        + "\",\"host\":\""
        + c.host()
        + "\",\"message\":\""
        + message
        + "\"}";
  }
}
