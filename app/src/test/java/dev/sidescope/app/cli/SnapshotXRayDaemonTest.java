package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sidescope snapshot --xray-daemon}: the real AWS X-Ray SDK for Java sends its segments over
 * UDP to the port the command opens, with no cluster source at all, and the printed snapshot has
 * the services as nodes and the call with its figures.
 */
class SnapshotXRayDaemonTest {
  @TempDir Path config;

  private static int freeUdpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void segmentsFromTheRealSdkBecomeAnArrowWithItsPercentiles() throws Exception {
    int port = freeUdpPort();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    StringWriter out = new StringWriter();
    StringWriter errText = new StringWriter();
    Writer err =
        new Writer() {
          @Override
          public void write(char[] c, int off, int len) {
            errText.write(c, off, len);
            if (errText
                .toString()
                .contains("listening for X-Ray segments on UDP 127.0.0.1:" + port)) {
              listening.complete(null);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    new String[] {
                      "--config-dir",
                      config.toString(),
                      "snapshot",
                      "--xray-daemon",
                      "127.0.0.1:" + port,
                      "--watch-seconds",
                      "3",
                      "--format",
                      "json"
                    },
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    Map.of("HOME", config.toString())));
    listening.get(30, TimeUnit.SECONDS);

    DaemonConfiguration daemon = new DaemonConfiguration();
    daemon.setUDPAddress("127.0.0.1:" + port);
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard()
            .withEmitter(Emitter.create(daemon))
            .withSamplingStrategy(new AllSamplingStrategy())
            .build();
    // Ten calls, 10 to 100 ms by the SDK's own clock, the last one failing: p50 50, p99 100,
    // sent once the port listens.
    for (int i = 1; i <= 10; i++) {
      double start = 1_700_000_000.0 + i;
      Segment segment = recorder.beginSegment("order-service");
      segment.setStartTime(start);
      Subsegment call = recorder.beginSubsegment("payment-service");
      call.setNamespace("remote");
      Map<String, Object> request = new HashMap<>();
      request.put("url", "http://payment-service/pay");
      request.put("method", "POST");
      call.putHttp("request", request);
      Map<String, Object> response = new HashMap<>();
      response.put("status", i == 10 ? 503 : 200);
      call.putHttp("response", response);
      call.setStartTime(start);
      call.setEndTime(start + i * 0.010);
      if (i == 10) {
        call.setFault(true);
      }
      recorder.endSubsegment();
      segment.setEndTime(start + i * 0.010 + 0.001);
      recorder.endSegment();
    }
    assertThat(run.get(60, TimeUnit.SECONDS)).as(errText.toString()).isEqualTo(0);
    JsonNode snapshot = new ObjectMapper().readTree(out.toString());
    assertThat(snapshot.path("nodes").toString()).contains("order-service", "payment-service");
    JsonNode edge = null;
    for (JsonNode e : snapshot.path("edges")) {
      if (e.path("from").asText().contains("order-service")
          && e.path("to").asText().contains("payment-service")) {
        edge = e;
      }
    }
    assertThat(edge).as("an arrow order-service -> payment-service in %s", out).isNotNull();
    assertThat(edge.path("evidence").toString()).contains("xray");
    JsonNode metrics = edge.path("metrics");
    assertThat(metrics.path("rps").asDouble()).isPositive();
    assertThat(metrics.path("p50Ms").asDouble()).isCloseTo(50, within(1.0));
    assertThat(metrics.path("p90Ms").asDouble()).isCloseTo(90, within(1.0));
    assertThat(metrics.path("p99Ms").asDouble()).isCloseTo(100, within(1.0));
    assertThat(metrics.path("errorRate").asDouble()).isCloseTo(0.1, within(1e-9));
  }
}
