package dev.sidescope.topology.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Formats read from lines as their documentation gives them; the fixtures are read elsewhere. */
class LogFormatsTest {

  @Test
  void envoyDefaultAccessLineIsReadByPosition() {
    ParsedLog log =
        LogFormats.read(
            "[2016-04-15T20:17:00.310Z] \"POST /api/v1/locations HTTP/2\" 204 - 154 0 226 100"
                + " \"10.0.35.28\" \"nsq2http\" \"cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2\""
                + " \"locations\" \"tcp://10.0.2.1:80\"");

    assertThat(log.format()).isEqualTo(LogFormats.ENVOY_ACCESS);
    assertThat(log.status()).hasValue(204);
    assertThat(log.level()).hasValue(LogLevel.INFO);
    assertThat(log.time()).hasValue(Instant.parse("2016-04-15T20:17:00.310Z"));
    assertThat(log.fields())
        .containsExactly(
            entry("start_time", "2016-04-15T20:17:00.310Z"),
            entry("method", "POST"),
            entry("path", "/api/v1/locations"),
            entry("protocol", "HTTP/2"),
            entry("status", "204"),
            entry("flags", "-"),
            entry("bytes_received", "154"),
            entry("bytes_sent", "0"),
            entry("duration_ms", "226"),
            entry("upstream_time_ms", "100"),
            entry("x-forwarded-for", "10.0.35.28"),
            entry("user_agent", "nsq2http"),
            entry("request_id", "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2"),
            entry("authority", "locations"),
            entry("upstream_host", "tcp://10.0.2.1:80"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({"503, ERROR", "500, ERROR", "404, WARN", "429, WARN", "302, INFO", "0, INFO"})
  void accessLineLevelFollowsItsStatus(int status, LogLevel level) {
    ParsedLog log =
        LogFormats.read(
            "[2016-04-15T20:17:00.310Z] \"GET / HTTP/1.1\" "
                + status
                + " UF 0 91 5 - \"-\" \"curl/8\" \"id\" \"svc\" \"10.0.0.1:80\"");

    assertThat(log.status()).hasValue(status);
    assertThat(log.level()).hasValue(level);
  }

  @Test
  void istioAgentLineHasLevelScopeAndMessage() {
    ParsedLog log =
        LogFormats.read("2020-06-29T14:43:04.520473Z\tinfo\t[ads]\tADS: new connection for node:1");

    assertThat(log.format()).isEqualTo(LogFormats.ISTIO_AGENT);
    assertThat(log.level()).hasValue(LogLevel.INFO);
    assertThat(log.time()).hasValue(Instant.parse("2020-06-29T14:43:04.520473Z"));
    assertThat(log.fields())
        .containsExactly(entry("scope", "ads"), entry("message", "ADS: new connection for node:1"));
  }

  @Test
  void kubectlTimestampBeforeAJsonLineBecomesItsTime() {
    ParsedLog log =
        LogFormats.read(
            "2025-01-30T12:10:13.682034460Z {\"level\":\"error\",\"time\":\"2025-01-30T12:10:13Z\","
                + "\"msg\":\"xds stream closed\"}");

    assertThat(log.format()).isEqualTo(LogFormats.ISTIO_JSON);
    assertThat(log.level()).hasValue(LogLevel.ERROR);
    assertThat(log.time()).hasValue(Instant.parse("2025-01-30T12:10:13.682034460Z"));
  }

  @Test
  void xrayDaemonLineHasItsCapitalisedLevel() {
    ParsedLog log =
        LogFormats.read(
            "2024-05-01T10:00:00Z [Info] Successfully sent batch of 3 segments (0.05 seconds)");

    assertThat(log.format()).isEqualTo(LogFormats.XRAY_DAEMON);
    assertThat(log.level()).hasValue(LogLevel.INFO);
    assertThat(log.time()).hasValue(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(log.fields())
        .containsEntry("message", "Successfully sent batch of 3 segments (0.05 seconds)");
  }

  @Test
  void vaultAgentLineHasLoggerAndMessage() {
    ParsedLog log =
        LogFormats.read(
            "2024-05-01T10:00:00.000Z [ERROR] agent.auth.handler: error authenticating:"
                + " backoff=1s");

    assertThat(log.format()).isEqualTo(LogFormats.VAULT_AGENT);
    assertThat(log.level()).hasValue(LogLevel.ERROR);
    assertThat(log.fields())
        .containsExactly(
            entry("logger", "agent.auth.handler"),
            entry("message", "error authenticating: backoff=1s"));
  }

  @Test
  void jsonAppLogTakesLevelTimeAndTraceIdFromTheUsualNames() {
    ParsedLog log =
        LogFormats.read(
            "{\"@timestamp\":\"2024-05-01T10:00:00.123+02:00\",\"log\":{\"level\":\"warn\"},"
                + "\"message\":\"slow query\",\"traceId\":\"1-5759E988-BD862E3FE1BE46A994272793\"}");

    assertThat(log.format()).isEqualTo(LogFormats.JSON);
    assertThat(log.level()).hasValue(LogLevel.WARN);
    assertThat(log.time()).hasValue(Instant.parse("2024-05-01T08:00:00.123Z"));
    assertThat(log.traceId()).hasValue("1-5759e988-bd862e3fe1be46a994272793");
    assertThat(log.fields())
        .containsEntry("log.level", "warn")
        .containsEntry("message", "slow query");
  }

  @Test
  void jsonNumericLevelAndEpochTimeAreRead() {
    ParsedLog log = LogFormats.read("{\"level\":50,\"time\":1714557600000,\"msg\":\"boom\"}");

    assertThat(log.level()).hasValue(LogLevel.ERROR);
    assertThat(log.time()).hasValue(Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void traceHeaderAnywhereInALineGivesTheTraceId() {
    ParsedLog log =
        LogFormats.read(
            "INFO handled x-amzn-trace-id: Root=1-5f84c7a0-3e0b1c2d4f5a6b7c8d9e0f1a;Parent=53995c3f42cd8ad8;Sampled=1");

    assertThat(log.traceId()).hasValue("1-5f84c7a0-3e0b1c2d4f5a6b7c8d9e0f1a");
    assertThat(log.level()).hasValue(LogLevel.INFO);
  }

  @Test
  void logfmtLineIsReadAsPairs() {
    ParsedLog log =
        LogFormats.read(
            "time=2024-05-01T10:00:00Z level=error msg=\"upstream \\\"orders\\\" unreachable\""
                + " trace_id=1-5759e988-bd862e3fe1be46a994272793");

    assertThat(log.format()).isEqualTo(LogFormats.LOGFMT);
    assertThat(log.level()).hasValue(LogLevel.ERROR);
    assertThat(log.time()).hasValue(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(log.traceId()).hasValue("1-5759e988-bd862e3fe1be46a994272793");
    assertThat(log.fields()).containsEntry("msg", "upstream \"orders\" unreachable");
  }

  @Test
  void nginxCombinedLineIsAnAccessLine() {
    ParsedLog log =
        LogFormats.read(
            "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 404"
                + " 2326 \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"");

    assertThat(log.format()).isEqualTo(LogFormats.NGINX);
    assertThat(log.status()).hasValue(404);
    assertThat(log.level()).hasValue(LogLevel.WARN);
    assertThat(log.time()).hasValue(Instant.parse("2000-10-10T20:55:36Z"));
    assertThat(log.fields())
        .containsEntry("remote_addr", "127.0.0.1")
        .containsEntry("remote_user", "frank")
        .containsEntry("path", "/apache_pb.gif")
        .containsEntry("http_user_agent", "Mozilla/4.08 [en] (Win98; I ;Nav)");
  }

  @Test
  void nginxErrorLineHasItsLevel() {
    ParsedLog log =
        LogFormats.read(
            "2024/05/01 10:00:00 [error] 31#31: *1 connect() failed (111: Connection refused)");

    assertThat(log.format()).isEqualTo(LogFormats.NGINX);
    assertThat(log.level()).hasValue(LogLevel.ERROR);
    assertThat(log.fields()).containsEntry("pid", "31");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ERROR could not connect|ERROR",
        "[warn] disk almost full|WARN",
        "error: exit status 1|ERROR",
        "panic: runtime error: index out of range|FATAL",
        "W1208 10:00:00.123456   12345 reflector.go:424] watch closed|WARN",
        "E1208 10:00:00.123456       1 leaderelection.go:330] lost lease|ERROR",
        "2024-05-01 10:00:00.123 DEBUG [main] c.e.Orders - cache miss|DEBUG",
        "2024-05-01T10:00:00.123Z  INFO 1 --- [main] o.s.b.StartupInfo : started|INFO",
      })
  void plainLineLevelComesFromItsStart(String line, LogLevel level) {
    assertThat(LogFormats.read(line).level()).hasValue(level);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "request failed with ERROR from upstream",
        "retrying after warning",
        "Fluent Bit v2.0.8",
        "",
      })
  void plainLineWithoutALeadingLevelHasNone(String line) {
    ParsedLog log = LogFormats.read(line);

    assertThat(log.format()).isEqualTo(LogFormats.PLAIN);
    assertThat(log.level()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"a\":",
        "{\"a\":1} trailing",
        "{\"level\":\"info\"",
        "[2016-04-15T20:17:00.310Z] \"GET",
        "[2016-04-15T20:17:00.310Z] \"GET / HTTP/1.1\" abc",
        "[2023/01/20 01:37:06] [",
        "2020-06-29T14:43:04.520473Z\t",
        "2020-06-29T14:43:04.520473Z ",
        "2024-05-01T10:00:00Z [",
        "a=",
        "\"",
        "\u0000\u0001\u0002\ufffd\ufffd",
      })
  void malformedLinesArePlainAndNeverThrow(String line) {
    assertThat(LogFormats.read(line).format()).isEqualTo(LogFormats.PLAIN);
  }

  @Test
  void deeplyNestedJsonIsReadWithoutThrowing() {
    String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);

    assertThat(LogFormats.read(deep).format()).isIn(LogFormats.JSON, LogFormats.PLAIN);
  }

  @Test
  void hugeLineIsReadWithoutThrowing() {
    String huge = "[2016-04-15T20:17:00.310Z] \"GET /" + "a".repeat(1_000_000);

    ParsedLog log = LogFormats.read(huge);

    assertThat(log.status()).isEqualTo(OptionalInt.empty());
    assertThat(log.traceId()).isEqualTo(Optional.empty());
  }

  private static Map.Entry<String, String> entry(String key, String value) {
    return Map.entry(key, value);
  }
}
