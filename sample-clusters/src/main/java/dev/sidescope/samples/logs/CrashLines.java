package dev.sidescope.samples.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * How a container's run ends when it crashes, in the words its kind dies with: Fluent Bit fails to
 * initialize its tail input, Envoy fails to initialize its bootstrap configuration, a Go sidecar
 * (the X-Ray daemon, Vault agent, the AppConfig agent, the other collectors) panics with a nil
 * pointer dereference, NGINX stops at an {@code [emerg]}, an app logs a {@code FATAL} line.
 */
final class CrashLines {
  private static final DateTimeFormatter ENVOY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private CrashLines() {}

  /**
   * How many of a run's start-up lines {@code format} writes before it crashes: Fluent Bit fails
   * while its inputs start, after its banner and its storage and metrics lines, before its outputs'
   * workers; the others once started.
   */
  static int startupLinesBefore(LogFormat format, int startupLines) {
    return format == LogFormat.FLUENT_BIT ? Math.min(6, startupLines) : startupLines;
  }

  /** The last lines of {@code container}'s run, written at {@code at}, as it exits. */
  static List<String> of(LoggedContainer container, OwnLines own, Instant at) {
    Instant t = at.truncatedTo(ChronoUnit.MILLIS);
    return switch (container.format()) {
      case FLUENT_BIT -> {
        // Its tail input keeps its offsets in a database beside the files it reads: where the
        // app's log volume is not mounted, the database cannot be opened and the input fails.
        String flb = "[" + OwnLines.FLUENT_BIT_TIME.format(t) + "] [error] ";
        yield List.of(
            flb
                + "[input:tail:tail.0] could not open/create database"
                + " '/var/log/"
                + container.service()
                + "/flb_tail.db'",
            flb + "failed initialize input tail.0",
            flb + "[engine] input initialization failed",
            flb + "[lib] backend failed");
      }
      case ENVOY, APPMESH_ENVOY, ISTIO_PROXY -> {
        String reason =
            "Protobuf message (type envoy.config.bootstrap.v3.Bootstrap reason"
                + " INVALID_ARGUMENT:(static_resources.clusters[0].connect_timeout): invalid"
                + " duration) has unknown fields";
        yield List.of(
            "["
                + ENVOY_TIME.format(t)
                + "][1][critical][main] [source/server/server.cc:131] error initializing"
                + " configuration '/etc/envoy/envoy.yaml': "
                + reason,
            "[" + ENVOY_TIME.format(t) + "][1][info][main] [source/server/server.cc:1028] exiting",
            "error initializing configuration '/etc/envoy/envoy.yaml': " + reason);
      }
      case NGINX ->
          List.of(
              "nginx: [emerg] host not found in upstream \""
                  + container.service()
                  + ":"
                  + container.appPort()
                  + "\" in /etc/nginx/conf.d/default.conf:12");
      case APP_JSON ->
          List.of(
              own.appJson(
                  t,
                  "FATAL",
                  "unrecoverable error, exiting: connection pool exhausted after 30000 ms"));
      case XRAY, VAULT, APPCONFIG, LOGFMT, ISTIO_INIT ->
          List.of(
              "panic: runtime error: invalid memory address or nil pointer dereference",
              "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x8d4f2a]",
              "",
              "goroutine 1 [running]:",
              "main.(*Config).validate(0x0)",
              "\t/workspace/cmd/" + container.container() + "/config.go:142 +0x2a",
              "main.main()",
              "\t/workspace/cmd/" + container.container() + "/main.go:88 +0x1c5");
    };
  }
}
