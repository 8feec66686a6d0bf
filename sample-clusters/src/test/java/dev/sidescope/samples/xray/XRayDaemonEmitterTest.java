package dev.sidescope.samples.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.samples.traffic.TrafficSimulator;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The emitter's datagrams, as an X-Ray daemon port receives them. */
class XRayDaemonEmitterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant ORIGIN = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void eachSegmentIsOneDatagramAfterTheHeaderLine() throws Exception {
    try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      daemon.setSoTimeout(5_000);
      SegmentRenderer renderer = new SegmentRenderer(WorkloadOrigins.byName());
      TrafficSimulator simulator =
          new TrafficSimulator(
              List.of(new TrafficFlow("order-service", "payment-service", 5, 40, 90, 180, 0)),
              2,
              ORIGIN);
      List<SimulatedRequest> heard = new ArrayList<>();
      try (XRayDaemonEmitter emitter =
          XRayDaemonEmitter.to(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), daemon.getLocalPort()),
              renderer)) {
        simulator.addListener(heard::add);
        simulator.addListener(emitter);
        simulator.advanceTo(ORIGIN.plus(Duration.ofSeconds(2)));

        assertThat(heard).isNotEmpty();
        assertThat(emitter.sent()).isEqualTo(2L * heard.size());
        assertThat(emitter.failed()).isZero();
      }

      Set<String> ids = new HashSet<>();
      for (int i = 0; i < 2 * heard.size(); i++) {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        daemon.receive(packet);
        String text = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        assertThat(text.substring(0, newline)).isEqualTo(XRayDaemonEmitter.HEADER_TEXT);
        JsonNode header = JSON.readTree(text.substring(0, newline));
        assertThat(header.get("format").asText()).isEqualTo("json");
        JsonNode segment = JSON.readTree(text.substring(newline + 1));
        ids.add(segment.get("id").asText());
      }
      Set<String> expected = new HashSet<>();
      for (SimulatedRequest r : heard) {
        expected.add(SegmentRenderer.callerSegmentId(r));
        expected.add(r.serverSpanId());
      }
      assertThat(ids).isEqualTo(expected);
    }
  }

  @Test
  void aClosedEmitterSendsNothingAndTheTrafficGoesOn() throws Exception {
    XRayDaemonEmitter emitter =
        XRayDaemonEmitter.to(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 9),
            new SegmentRenderer(WorkloadOrigins.byName()));
    emitter.close();
    TrafficSimulator simulator =
        new TrafficSimulator(List.of(new TrafficFlow("a", "b", 50, 1, 2, 3, 0)), 1, ORIGIN);
    simulator.addListener(emitter);

    assertThat(simulator.advanceTo(ORIGIN.plusSeconds(1))).isPositive();
    assertThat(emitter.sent()).isZero();

    emitter.send("{}");
    assertThat(emitter.failed()).isEqualTo(1);
  }
}
