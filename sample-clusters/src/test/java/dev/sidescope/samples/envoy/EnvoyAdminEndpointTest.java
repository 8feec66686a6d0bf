package dev.sidescope.samples.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvoyAdminEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STAT = Pattern.compile("([^:\\s]+): (\\d+)");
  private static final Pattern QUANTILE =
      Pattern.compile("P([0-9.]+)\\((nan|[0-9.]+),([0-9.]+)\\)");
  private static final String PAYMENT = "cds_egress_my-mesh_payment-service_shop_http_8080";

  private final HttpClient http = HttpClient.newHttpClient();
  private BuiltInEnvoys seed;
  private EnvoyAdminEndpoint endpoint;
  private EnvoyAdminEndpoint.ServedEnvoy order;

  @BeforeEach
  void serveTheSeed() throws IOException {
    seed = BuiltInEnvoys.of("seed");
    endpoint = new EnvoyAdminEndpoint(seed.counters(), seed.traffic()::now).start();
    order =
        endpoint.envoys().stream()
            .filter(e -> e.sidecar().pod().startsWith("order-service-"))
            .findFirst()
            .orElseThrow();
    seed.traffic().advanceTo(BuiltInEnvoys.ORIGIN.plus(Duration.ofSeconds(62)));
  }

  @AfterEach
  void stop() {
    endpoint.stop();
  }

  @Test
  void statsTextHasSortedValuesThenHistogramsWithIntervalAndCumulativeQuantiles() throws Exception {
    String text = get(order, "/stats").body();
    Map<String, Long> values = new LinkedHashMap<>();
    List<String> histogramLines = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = STAT.matcher(line);
      if (m.matches()) {
        values.put(m.group(1), Long.parseLong(m.group(2)));
      } else {
        histogramLines.add(line);
      }
    }

    assertThat(new ArrayList<>(values.keySet())).isSorted();
    assertThat(values.get("server.live")).isEqualTo(1);
    assertThat(values.get("cluster." + PAYMENT + ".upstream_rq_total"))
        .isEqualTo(seed.read(order.sidecar()).value("cluster." + PAYMENT + ".upstream_rq_total"))
        .isPositive();
    assertThat(values.get("cluster." + PAYMENT + ".upstream_rq_200")).isPositive();
    assertThat(values.get("cluster." + PAYMENT + ".circuit_breakers.default.rq_open")).isZero();
    String paymentTime =
        histogramLines.stream()
            .filter(l -> l.startsWith("cluster." + PAYMENT + ".upstream_rq_time: "))
            .findFirst()
            .orElseThrow();
    Matcher q = QUANTILE.matcher(paymentTime);
    List<String> quantiles = new ArrayList<>();
    double previous = 0;
    while (q.find()) {
      quantiles.add(q.group(1));
      double cumulative = Double.parseDouble(q.group(3));
      assertThat(cumulative).isGreaterThanOrEqualTo(previous);
      previous = cumulative;
    }
    assertThat(quantiles)
        .containsExactly("0", "25", "50", "75", "90", "95", "99", "99.5", "99.9", "100");
  }

  @Test
  void aHistogramWithoutValuesSaysSo() throws Exception {
    BuiltInEnvoys quiet = BuiltInEnvoys.of("seed");
    EnvoySidecar s = quiet.sidecarOf("order-service-");

    assertThat(EnvoyStatsText.render(quiet.read(s)))
        .contains("cluster." + PAYMENT + ".upstream_rq_time: No recorded values\n");
    assertThat(EnvoyStatsJson.render(quiet.read(s))).contains("\"cumulative\" : null");
  }

  @Test
  void statsJsonCarriesTheSameValuesAndTheHistogramsInOneElement() throws Exception {
    JsonNode stats = JSON.readTree(get(order, "/stats?format=json").body()).path("stats");
    Map<String, Long> values = new LinkedHashMap<>();
    JsonNode histograms = null;
    for (JsonNode s : stats) {
      if (s.has("histograms")) {
        histograms = s.path("histograms");
      } else {
        values.put(s.path("name").asText(), s.path("value").asLong());
      }
    }

    assertThat(values.get("cluster." + PAYMENT + ".upstream_rq_total"))
        .isEqualTo(seed.read(order.sidecar()).value("cluster." + PAYMENT + ".upstream_rq_total"));
    assertThat(histograms).isNotNull();
    assertThat(histograms.path("supported_quantiles")).hasSize(10);
    JsonNode computed = histograms.path("computed_quantiles");
    JsonNode payment = null;
    for (JsonNode h : computed) {
      if (h.path("name").asText().equals("cluster." + PAYMENT + ".upstream_rq_time")) {
        payment = h;
      }
    }
    assertThat(payment).isNotNull();
    assertThat(payment.path("values")).hasSize(10);
    assertThat(payment.path("values").get(6).path("cumulative").asDouble()).isPositive();
  }

  @Test
  void usedOnlyAndAFilterNarrowTheStats() throws Exception {
    String all = get(order, "/stats").body();
    String used = get(order, "/stats?usedonly").body();
    String filtered =
        get(
                order,
                "/stats?usedonly&filter="
                    + URLEncoder.encode("upstream_rq_5?xx$", StandardCharsets.UTF_8))
            .body();

    assertThat(all).contains("circuit_breakers.default.cx_open: 0");
    assertThat(used).doesNotContain("circuit_breakers.default.cx_open").contains("server.live: 1");
    assertThat(filtered.lines().toList())
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).containsPattern("upstream_rq_(2xx|5xx): [1-9]"));
  }

  @Test
  void aFilterThatIsNotARegularExpressionIsOneSentence() throws Exception {
    HttpResponse<String> response =
        get(order, "/stats?filter=" + URLEncoder.encode("([", StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body().strip()).doesNotContain("\n").contains("not a regular expression");
  }

  @Test
  void clustersListEachHostWithItsCountsAndHealth() throws Exception {
    String text = get(order, "/clusters").body();
    JsonNode json = JSON.readTree(get(order, "/clusters?format=json").body());

    List<String> flags =
        text.lines()
            .filter(l -> l.startsWith(PAYMENT + "::") && l.contains("::health_flags::"))
            .toList();
    assertThat(flags).hasSize(2).allSatisfy(l -> assertThat(l).endsWith("::health_flags::healthy"));
    long rqTotal =
        text.lines()
            .filter(l -> l.startsWith(PAYMENT + "::") && l.contains("::rq_total::"))
            .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(':') + 1)))
            .sum();
    assertThat(rqTotal)
        .isEqualTo(seed.read(order.sidecar()).value("cluster." + PAYMENT + ".upstream_rq_total"));

    JsonNode payment = null;
    for (JsonNode c : json.path("cluster_statuses")) {
      if (c.path("name").asText().equals(PAYMENT)) {
        payment = c;
      }
    }
    assertThat(payment).isNotNull();
    assertThat(payment.path("host_statuses")).hasSize(2);
    for (JsonNode h : payment.path("host_statuses")) {
      JsonNode socket = h.path("address").path("socket_address");
      assertThat(text)
          .contains(
              PAYMENT
                  + "::"
                  + socket.path("address").asText()
                  + ":"
                  + socket.path("port_value").asInt()
                  + "::");
      assertThat(h.path("health_status").path("eds_health_status").asText()).isEqualTo("HEALTHY");
      assertThat(h.path("health_status").has("failed_outlier_check")).isFalse();
    }
  }

  @Test
  void serverInfoAndReadySayLive() throws Exception {
    JsonNode info = JSON.readTree(get(order, "/server_info").body());

    assertThat(info.path("state").asText()).isEqualTo("LIVE");
    assertThat(info.path("version").asText())
        .matches("[0-9a-f]{40}/1\\.29\\.6/Clean/RELEASE/BoringSSL");
    assertThat(info.path("uptime_current_epoch").asText()).matches("\\d+s");
    assertThat(info.path("node").path("id").asText())
        .isEqualTo("mesh/my-mesh/virtualNode/order-service_shop");
    assertThat(get(order, "/ready").body().strip()).isEqualTo("LIVE");
  }

  @Test
  void theConfigDumpHoldsSecretsForAReaderToRedact() throws Exception {
    JsonNode dump = JSON.readTree(get(order, "/config_dump").body());
    List<String> types = new ArrayList<>();
    dump.path("configs").forEach(c -> types.add(c.path("@type").asText()));

    assertThat(types)
        .containsExactly(
            "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump",
            "type.googleapis.com/envoy.admin.v3.ClustersConfigDump",
            "type.googleapis.com/envoy.admin.v3.ListenersConfigDump",
            "type.googleapis.com/envoy.admin.v3.SecretsConfigDump");
    String secrets = dump.path("configs").get(3).toString();
    assertThat(secrets)
        .contains("\"private_key\":{\"inline_bytes\":\"")
        .contains("inline_string")
        .contains("password");
    assertThat(dump.path("configs").get(1).toString()).contains(PAYMENT);
  }

  @Test
  void anyOtherPathIsEnvoysNotFoundAndAnyOtherMethodIsRefusedAndEveryRequestIsRecorded()
      throws Exception {
    HttpResponse<String> missing = get(order, "/stats/nothing");
    HttpResponse<String> reset =
        http.send(
            HttpRequest.newBuilder(order.url().orElseThrow().resolve("/reset_counters"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long before = seed.read(order.sidecar()).value("cluster." + PAYMENT + ".upstream_rq_total");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).startsWith("invalid path. admin commands are:");
    assertThat(reset.statusCode()).isEqualTo(405);
    assertThat(get(order, "/stats?filter=upstream_rq_total").body())
        .contains("cluster." + PAYMENT + ".upstream_rq_total: " + before);
    assertThat(order.requests())
        .containsExactly(
            "GET /stats/nothing", "POST /reset_counters", "GET /stats?filter=upstream_rq_total");
    assertThat(endpoint.requests()).containsExactlyElementsOf(order.requests());
  }

  @Test
  void eachEnvoyIsFoundByItsPodAndAdminPort() {
    EnvoySidecar s = order.sidecar();

    assertThat(endpoint.address(s.namespace(), s.pod(), 9901)).isEqualTo(order.address());
    assertThat(endpoint.address(s.namespace(), s.pod(), 15000)).isEmpty();
    assertThat(endpoint.address(s.namespace(), "no-such-pod", 9901)).isEmpty();
    assertThat(endpoint.urls()).hasSize(5).doesNotHaveDuplicates();
  }

  private HttpResponse<String> get(EnvoyAdminEndpoint.ServedEnvoy envoy, String pathAndQuery)
      throws IOException, InterruptedException {
    URI url = URI.create(envoy.url().orElseThrow() + pathAndQuery);
    return http.send(
        HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
