package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.sources.SourceCatalog;
import dev.sidescope.views.sources.SourceChoice;
import dev.sidescope.views.sources.XRayChoice;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's sources with a local X-Ray daemon port chosen in the Sources dialog: a port alone
 * is a choice of its own, and a bad address is refused with one sentence before anything stops.
 */
class LiveSourceSetXRayTest {
  @TempDir Path home;

  private static int freeUdpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aDaemonPortAloneIsWatchedAndSaysItListens() throws Exception {
    int port = freeUdpPort();
    SourceChoice choice =
        SourceChoice.NONE.withXRay(
            new XRayChoice(true, Duration.ofMinutes(5), Optional.of("127.0.0.1:" + port)));
    assertThat(choice.isEmpty()).isFalse();
    assertThat(choice.describe()).isEqualTo("X-Ray daemon port 127.0.0.1:" + port);

    try (LiveSourceSet sources =
        new LiveSourceSet(Map.of("HOME", home.toString()), Clock.systemUTC())) {
      CompletableFuture<SourceStatus> listening = new CompletableFuture<>();
      try (AutoCloseable subscription =
          sources
              .feed()
              .subscribe(
                  (TopologySnapshot s) ->
                      s.sources().stream()
                          .filter(x -> x.id().equals("xray-daemon/127.0.0.1:" + port))
                          .filter(x -> x.status().wireName().equals("live"))
                          .findFirst()
                          .ifPresent(listening::complete))) {
        assertThat(sources.apply(choice)).contains("X-Ray daemon port 127.0.0.1:" + port);
        assertThat(listening.get(30, TimeUnit.SECONDS).message())
            .hasValueSatisfying(m -> assertThat(m).startsWith("0 segments in the last 5 min"));
      }
    }
  }

  @Test
  void aDaemonAddressThatIsNotOneIsRefusedInOneSentence() {
    SourceChoice choice =
        SourceChoice.NONE.withXRay(
            new XRayChoice(true, Duration.ofMinutes(5), Optional.of("nosuchhost.invalid:2000")));
    try (LiveSourceSet sources =
        new LiveSourceSet(Map.of("HOME", home.toString()), Clock.systemUTC())) {
      assertThatThrownBy(() -> sources.apply(choice))
          .isInstanceOf(SourceCatalog.Unavailable.class)
          .hasMessage(
              "The daemon port names the host 'nosuchhost.invalid', which does not resolve.");
    }
  }
}
