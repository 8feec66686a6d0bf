package dev.sidescope.collectors.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.collectors.testing.RecordingSink;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.proxy.ProxyReading;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A started source polls on its own threads every interval and publishes to the sink; a sidecar
 * that stalls inside an answer is never polled twice at once and does not hold the rounds; a closed
 * source publishes nothing more.
 */
class ProxySourceLifecycleTest {
  private final RecordingSink sink = new RecordingSink();
  private FakeEnvoy envoy;
  private ProxySource source;
  private ProxyTarget target;

  @BeforeEach
  void open() throws Exception {
    envoy = new FakeEnvoy();
    target = ProxyTarget.direct(ProxyTarget.Kind.ENVOY, envoy.url());
  }

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
    envoy.close();
  }

  @Test
  void aStartedSourcePublishesReadingsEveryIntervalAndRatesFromTheSecond() throws Exception {
    source = new ProxySource(sink, ProxySettings.console().withInterval(Duration.ofMillis(100)));
    source.targets(List.of(target));
    source.start();

    SourceStatus first = sink.awaitStatus("connecting", s -> s.status() == SourceState.CONNECTING);
    assertThat(first.id()).isEqualTo("envoy");
    ProxyReading measured =
        sink.awaitOverlay(
                "a reading with rates",
                o ->
                    o.get(target.subject(), OverlayKeys.PROXY_READINGS)
                        .filter(r -> !r.measuring())
                        .isPresent())
            .get(target.subject(), OverlayKeys.PROXY_READINGS)
            .orElseThrow();
    assertThat(measured.upstreams()).isNotEmpty();
    sink.awaitStatus(
        "live with rates",
        s ->
            s.status() == SourceState.LIVE
                && s.message().equals(Optional.of("Reading 1 Envoy sidecar every 100 ms.")));
  }

  @Test
  void aSidecarStalledInsideAnAnswerDoesNotHoldTheRound() throws Exception {
    source =
        new ProxySource(
            sink,
            ProxySettings.commandLine()
                .withInterval(Duration.ofMillis(100))
                .withTimeout(Duration.ofMillis(400)));
    source.targets(List.of(target));
    source.pollNow(); // connected and warm: what follows is only the stall
    envoy.mode = FakeEnvoy.Mode.STALL_STATS;
    envoy.requests.clear();

    long started = System.nanoTime();
    source.pollNow();
    source.pollNow();
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(source.status().message())
        .hasValue(
            "The Envoy sidecar is not answering: " + envoy.url() + ": no answer within 400 ms.");
    assertThat(took).as("each answer cut at its deadline").isLessThan(4000);
    // Each poll asks in turn; two at once would interleave their requests.
    assertThat(envoy.requests)
        .extracting(FakeEnvoy.Request::path)
        .containsExactly(
            "/server_info", "/clusters", "/stats", "/server_info", "/clusters", "/stats");
  }

  @Test
  void aClosedSourcePublishesNothingMoreAndRefusesToPoll() throws Exception {
    source = new ProxySource(sink, ProxySettings.commandLine().withInterval(Duration.ofMillis(50)));
    source.targets(List.of(target));
    source.start();
    sink.awaitOverlay("a reading", o -> !o.isEmpty());

    source.close();
    sink.forgetPublished();
    long asked = envoy.requests.size();

    assertThat(sink.pollOverlay(o -> true, Duration.ofMillis(300))).isEmpty();
    assertThat(envoy.requests).hasSize((int) asked);
    assertThatThrownBy(source::pollNow).isInstanceOf(IllegalStateException.class);
  }
}
