package dev.sidescope.topology.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real lines in {@code fixtures/logs} and the CloudWatch Logs events in {@code
 * fixtures/cloudwatchlogs}; the values expected are those the fixture lines hold.
 */
class LogFormatsFixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String text(String resource) {
    try (InputStream in =
        LogFormatsFixtureTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> lines(String fixture) {
    return text("fixtures/logs/" + fixture).lines().toList();
  }

  /** A pretty-printed JSON fixture on one line, as a logger writes it. */
  private static String oneLine(String resource) throws IOException {
    return JSON.readTree(text(resource)).toString();
  }

  static Stream<String> everyFixtureLine() {
    return Stream.of(
            "appmesh_envoy_access_docker_json.log",
            "envoy_json_access_log_entry_jq.json",
            "fluentbit_2.0.8_startup_and_record.log",
            "istio_agent_json_format.log",
            "istio_proxy_ingressgateway_startup_1.6.log",
            "istio_waypoint_envoy_access_default_format.log",
            "istio_ztunnel_access.log")
        .flatMap(f -> lines(f).stream());
  }

  @ParameterizedTest
  @MethodSource("everyFixtureLine")
  void everyFixtureLineIsReadWithoutAFormatBeingForcedOnIt(String line) {
    ParsedLog log = LogFormats.read(line);

    // A line read as some format must hold what that format's name promises.
    if (log.format().endsWith("access")) {
      assertThat(log.status()).isPresent();
    }
    if (!log.format().equals(LogFormats.PLAIN)) {
      assertThat(log.fields()).isNotEmpty();
    }
  }

  @Test
  void istioWaypointAccessLinesTakeTheKubectlTimestampAndIstioFields() {
    List<String> lines = lines("istio_waypoint_envoy_access_default_format.log");

    assertThat(lines).hasSize(16);
    for (String line : lines) {
      ParsedLog log = LogFormats.read(line);
      assertThat(log.format()).as(line).isEqualTo(LogFormats.ISTIO_ACCESS);
      assertThat(log.status()).as(line).hasValue(200);
      assertThat(log.level()).as(line).hasValue(LogLevel.INFO);
      assertThat(log.time()).as(line).hasValue(Instant.parse("2025-01-30T12:10:13.682034460Z"));
      assertThat(log.fields()).as(line).containsEntry("response_code_details", "via_upstream");
      assertThat(log.fields()).as(line).containsEntry("route_name", "default");
    }
    ParsedLog first = LogFormats.read(lines.get(0));
    assertThat(first.fields())
        .containsEntry("start_time", "2025-01-30T12:10:13.279Z")
        .containsEntry("method", "GET")
        .containsEntry("path", "/details/0")
        .containsEntry("protocol", "HTTP/1.1")
        .containsEntry("flags", "-")
        .containsEntry("connection_termination_details", "-")
        .containsEntry("upstream_transport_failure_reason", "-")
        .containsEntry("bytes_received", "0")
        .containsEntry("bytes_sent", "178")
        .containsEntry("user_agent", "Go-http-client/1.1")
        .containsEntry("request_id", "e7d5b6ce-5f7f-9731-8471-ca5bcd650a72")
        .containsEntry("authority", "details:9080")
        .containsEntry("upstream_host", "envoy://connect_originate/10.244.0.32:9080")
        .containsEntry(
            "upstream_cluster", "inbound-vip|9080|http|details.bookinfo.svc.cluster.local")
        .containsEntry("upstream_local_address", "envoy://internal_client_address/")
        .containsEntry("downstream_local_address", "10.96.185.196:9080")
        .containsEntry("downstream_remote_address", "10.244.0.37:52134")
        .containsEntry("requested_server_name", "-");
    ParsedLog productpage = LogFormats.read(lines.get(4));
    assertThat(productpage.fields())
        .containsEntry("path", "/productpage")
        .containsEntry("bytes_sent", "9481")
        .containsEntry("duration_ms", "13")
        .containsEntry("upstream_time_ms", "13")
        .containsEntry("downstream_local_address", "10.102.76.216:80");
  }

  @Test
  void appMeshEnvoyLineInsideDockerRecordIsReadAsAnAccessLine() {
    ParsedLog log = LogFormats.read(lines("appmesh_envoy_access_docker_json.log").get(0));

    assertThat(log.format()).isEqualTo(LogFormats.DOCKER_JSON);
    assertThat(log.status()).hasValue(200);
    assertThat(log.level()).hasValue(LogLevel.INFO);
    assertThat(log.time()).hasValue(Instant.parse("2020-01-23T16:32:49.400311038Z"));
    assertThat(log.fields())
        .containsEntry("stream", "stdout")
        .containsEntry("start_time", "2020-01-23T16:32:40.781Z")
        .containsEntry("method", "GET")
        .containsEntry("path", "/")
        .containsEntry("bytes_sent", "5")
        .containsEntry("x-forwarded-for", "-")
        .containsEntry("request_id", "0ed75cb8-a563-9ca3-8ff0-2d8eab307e3e")
        .containsEntry("authority", "colorteller.appmesh-demo:9080")
        .containsEntry("upstream_host", "127.0.0.1:9080");
    assertThat(log.fields().get("log")).startsWith("[2020-01-23T16:32:40.781Z] \"GET / HTTP/1.1\"");
  }

  @Test
  void envoyJsonAccessEntryOnOneLineIsAnErrorByItsStatus() throws IOException {
    ParsedLog log = LogFormats.read(oneLine("fixtures/logs/envoy_json_access_log_entry_jq.json"));

    assertThat(log.format()).isEqualTo(LogFormats.ENVOY_ACCESS_JSON);
    assertThat(log.status()).hasValue(500);
    assertThat(log.level()).hasValue(LogLevel.ERROR);
    assertThat(log.time()).hasValue(Instant.parse("2025-03-08T02:25:32.588Z"));
    assertThat(log.fields())
        .containsEntry(":authority", "www.example.com")
        .containsEntry("method", "GET")
        .containsEntry("response_code_details", "direct_response")
        .containsEntry("route_name", "httproute/default/backend/rule/0/match/0/www_example_com")
        .containsEntry("x-envoy-origin-path", "/get")
        .containsEntry("x-request-id", "54c4c2f9-d209-4aa0-8870-342bc6622d1a")
        .doesNotContainKey("upstream_cluster");
  }

  @Test
  void istioJsonLinesAreInfoWithTheirTime() {
    List<String> lines = lines("istio_agent_json_format.log");

    assertThat(lines).hasSize(12);
    assertThat(lines)
        .allSatisfy(
            line -> {
              ParsedLog log = LogFormats.read(line);
              assertThat(log.format()).isEqualTo(LogFormats.ISTIO_JSON);
              assertThat(log.level()).hasValue(LogLevel.INFO);
              assertThat(log.time()).isPresent();
            });
    ParsedLog first = LogFormats.read(lines.get(0));
    assertThat(first.time()).hasValue(Instant.parse("2023-05-10T17:43:55.356626Z"));
    assertThat(first.fields()).containsEntry("msg", "FLAG: --keepaliveTimeout=\"10s\"");
  }

  @Test
  void istioProxyLogReadsLevelAndScopeAndLeavesContinuationLinesPlain() {
    List<String> lines = lines("istio_proxy_ingressgateway_startup_1.6.log");

    ParsedLog flag = LogFormats.read(lines.get(0));
    assertThat(flag.format()).isEqualTo(LogFormats.ISTIO_AGENT);
    assertThat(flag.level()).hasValue(LogLevel.INFO);
    assertThat(flag.time()).hasValue(Instant.parse("2020-06-29T23:37:27.285018Z"));
    assertThat(flag.fields()).containsExactly(Map.entry("message", "FLAG: --concurrency=\"0\""));

    ParsedLog sds =
        LogFormats.read("2020-06-29T23:37:27.438952Z\tinfo\tsds\tStart SDS grpc server");
    assertThat(lines).contains("2020-06-29T23:37:27.438952Z\tinfo\tsds\tStart SDS grpc server");
    assertThat(sds.fields())
        .containsEntry("scope", "sds")
        .containsEntry("message", "Start SDS grpc server");

    String warning =
        lines.stream()
            .filter(l -> l.startsWith("2020-06-29T23:37:27.523917Z"))
            .findFirst()
            .orElseThrow();
    ParsedLog envoy = LogFormats.read(warning);
    assertThat(envoy.level()).hasValue(LogLevel.WARN);
    assertThat(envoy.fields())
        .containsEntry("scope", "envoy config")
        .containsEntry(
            "message",
            "[bazel-out/k8-opt/bin/external/envoy/source/common/config/_virtual_includes/grpc_stream_lib/common/config/grpc_stream.h:54]"
                + " Unable to establish new stream");

    for (String continuation :
        List.of(
            "accessLogFile: /dev/stdout", "  concurrency: 2", "-----END CERTIFICATE-----", "")) {
      assertThat(lines).contains(continuation);
      ParsedLog log = LogFormats.read(continuation);
      assertThat(log.format()).as(continuation).isEqualTo(LogFormats.PLAIN);
      assertThat(log.level()).as(continuation).isEmpty();
    }
  }

  @Test
  void everyTimestampedIstioProxyLineIsAnAgentLineWithALevel() {
    for (String line : lines("istio_proxy_ingressgateway_startup_1.6.log")) {
      if (LogTimes.rfc3339End(line) > 0) {
        ParsedLog log = LogFormats.read(line);
        assertThat(log.format()).as(line).isEqualTo(LogFormats.ISTIO_AGENT);
        assertThat(log.level()).as(line).isPresent();
      }
    }
  }

  @Test
  void ztunnelLinesCarryTheirConnectionAsFields() {
    List<String> lines = lines("istio_ztunnel_access.log");

    ParsedLog first = LogFormats.read(lines.get(0));
    assertThat(first.format()).isEqualTo(LogFormats.ISTIO_AGENT);
    assertThat(first.level()).hasValue(LogLevel.INFO);
    assertThat(first.time()).hasValue(Instant.parse("2024-04-12T10:17:44.080629Z"));
    assertThat(first.fields())
        .containsEntry("scope", "access")
        .containsEntry("message", "connection complete")
        .containsEntry("src.addr", "10.244.0.16:52008")
        .containsEntry("src.workload", "productpage-v1-87d54dd59-fzflt")
        .containsEntry("src.identity", "spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage")
        .containsEntry("dst.service", "reviews.bookinfo.svc.cluster.local")
        .containsEntry("direction", "outbound")
        .containsEntry("bytes_sent", "200")
        .containsEntry("bytes_recv", "603")
        .containsEntry("duration", "2ms");

    ParsedLog quoted = LogFormats.read(lines.get(11));
    assertThat(quoted.fields())
        .containsEntry("src.workload", "hotels-v1-57d9574745-6nstr")
        .containsEntry("dst.service", "mysqldb.travel-agency.svc.cluster.local")
        .containsEntry("direction", "inbound")
        .containsEntry("bytes_sent", "271");
  }

  @Test
  void fluentBitLinesHaveLevelComponentAndLocalTime() {
    List<String> lines = lines("fluentbit_2.0.8_startup_and_record.log");

    ParsedLog version = LogFormats.read(lines.get(5));
    assertThat(version.format()).isEqualTo(LogFormats.FLUENT_BIT);
    assertThat(version.level()).hasValue(LogLevel.INFO);
    assertThat(version.time()).hasValue(Instant.parse("2023-01-20T01:37:06Z"));
    assertThat(version.fields())
        .containsExactly(
            Map.entry("component", "fluent bit"),
            Map.entry("message", "version=2.0.8, commit=, pid=1"));
    assertThat(LogFormats.read(lines.get(8)).fields()).containsEntry("component", "ctraces");

    for (String banner : lines.subList(0, 5)) {
      assertThat(LogFormats.read(banner).format()).as(banner).isEqualTo(LogFormats.PLAIN);
      assertThat(LogFormats.read(banner).level()).as(banner).isEmpty();
    }

    ParsedLog record = LogFormats.read(lines.get(14));
    assertThat(record.format()).isEqualTo(LogFormats.JSON);
    assertThat(record.time()).hasValue(Instant.parse("2023-01-20T01:37:13Z"));
    assertThat(record.fields())
        .containsEntry("container_name", "/nice_morse")
        .containsEntry("source", "stdout")
        .containsEntry("log", "Testing a log message");
  }

  @Test
  void fireLensParsedEnvoyRecordIsAJsonAccessRecord() throws IOException {
    ParsedLog log =
        LogFormats.read(oneLine("fixtures/cloudwatchlogs/firelens_envoy_access_event_parsed.json"));

    assertThat(log.format()).isEqualTo(LogFormats.JSON);
    assertThat(log.status()).hasValue(200);
    assertThat(log.level()).hasValue(LogLevel.INFO);
    assertThat(log.time()).hasValue(Instant.parse("2020-02-03T19:03:22.305Z"));
    assertThat(log.fields())
        .containsEntry("authority", "colorteller.appmesh-demo:9080")
        .containsEntry("request_id", "3a1957c3-3d47-9259-bdc6-f88ebc4b3da7")
        .containsEntry("ecs_task_definition", "appmesh-firelens-colorteller-black:6");
  }

  @Test
  void fluentBitKubernetesRecordIsReadWithTheEnvoyLineInside() throws IOException {
    ParsedLog log =
        LogFormats.read(
            oneLine("fixtures/cloudwatchlogs/fluentbit_k8s_envoy_access_event_parsed.json"));

    assertThat(log.format()).isEqualTo(LogFormats.JSON);
    assertThat(log.status()).hasValue(200);
    assertThat(log.level()).hasValue(LogLevel.INFO);
    assertThat(log.time()).hasValue(Instant.parse("2020-02-05T16:37:33.976469719Z"));
    assertThat(log.fields())
        .containsEntry("kubernetes.pod_name", "colorteller-black-d868b5bc9-zwz28")
        .containsEntry("kubernetes.labels.app", "colorteller")
        .containsEntry("log_processed.request_id", "6c6ae4b8-60ac-98b6-ba32-a3a4a5c938bf")
        .containsEntry("stream", "stdout");
  }

  @Test
  void getLogEventsMessagesArePlain() throws IOException {
    JsonNode events =
        JSON.readTree(text("fixtures/cloudwatchlogs/get_log_events_awscli.json")).get("events");

    assertThat(events).hasSize(3);
    for (JsonNode event : events) {
      ParsedLog log = LogFormats.read(event.get("message").asText());
      assertThat(log.format()).isEqualTo(LogFormats.PLAIN);
      assertThat(log.level()).isEmpty();
    }
  }

  @Test
  void subscriptionEventMessagesHaveTheirBracketedLevel() throws IOException {
    String data =
        JSON.readTree(text("fixtures/cloudwatchlogs/subscription_event_awslogs_gzip_b64.json"))
            .at("/awslogs/data")
            .asText();
    JsonNode message;
    try (InputStream in =
        new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(data)))) {
      message = JSON.readTree(in);
    }

    JsonNode events = message.get("logEvents");
    assertThat(events).hasSize(2);
    for (JsonNode event : events) {
      ParsedLog log = LogFormats.read(event.get("message").asText());
      assertThat(log.format()).isEqualTo(LogFormats.PLAIN);
      assertThat(log.level()).hasValue(LogLevel.ERROR);
    }
    assertThat(LogFormats.read(message.toString()).format()).isEqualTo(LogFormats.JSON);
  }
}
