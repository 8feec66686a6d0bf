package dev.sidescope.views.console;

import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static dev.sidescope.testing.SeedSample.ORDER_XRAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.find.FindIndex;
import dev.sidescope.views.picture.IncrementalLayout;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.testing.CannedTraces;
import dev.sidescope.views.testing.FakeFeed;
import dev.sidescope.views.testing.TracedSeed;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's side pane lists the Traffic tab for traced nodes and hands them to it. */
class TrafficSidePaneTest {
  private static final Executor AT_ONCE = Runnable::run;
  private static final LaidOutPicture TRACED =
      new IncrementalLayout()
          .next(TracedSeed.traced(SeedSample.snapshot()), Optional.empty(), true);

  @TempDir Path dir;
  private final CannedTraces queries = TracedSeed.queries(Instant.now());

  private ConsoleViewModel showing(ConsoleOptions options) {
    ConsoleViewModel m =
        new ConsoleViewModel(
            options,
            new SettingsStore(dir),
            ConsoleSettings.DEFAULTS,
            Optional.empty(),
            Theme.LIGHT,
            new ConsoleThreads(AT_ONCE, AT_ONCE, AT_ONCE));
    m.show(TRACED, FindIndex.of(TRACED.snapshot(), TRACED.picture()));
    return m;
  }

  private ConsoleViewModel showing() {
    return showing(
        ConsoleOptions.of("Sidescope — test", dir, new FakeFeed(SeedSample.observations()))
            .withTraces(queries));
  }

  @Test
  void aTracedNodeGetsTheTrafficTabAndAnUntracedOneDoesNot() {
    ConsoleViewModel m = showing();
    m.select(ORDER_POD, true);
    // The pod holds an Envoy sidecar as well: its tab comes after Traffic, then its logs.
    assertThat(m.sidePane().get().tabs())
        .containsExactly(
            SideTab.INSPECTOR, SideTab.TRAFFIC, SideTab.ENVOY, SideTab.LOGS, SideTab.EVENTS);
    assertThat(m.traffic().overview().get())
        .map(TrafficOverview::heading)
        .contains("order-service");
    m.select(ORDER_XRAY, true);
    assertThat(m.sidePane().get().tabs())
        .containsExactly(SideTab.INSPECTOR, SideTab.LOGS, SideTab.EVENTS);
    assertThat(m.traffic().overview().get()).isEmpty();
  }

  @Test
  void escClearsTheTrafficTabWithTheSelection() {
    ConsoleViewModel m = showing();
    m.select(ORDER_POD, true);
    m.escape();
    assertThat(m.sidePane().get().tabs()).containsExactly(SideTab.INSPECTOR);
    assertThat(m.traffic().overview().get()).isEmpty();
  }

  @Test
  void theConsoleWithoutTracingSaysNoSourceIsRunning() {
    ConsoleViewModel m =
        showing(
            ConsoleOptions.of("Sidescope — test", dir, new FakeFeed(SeedSample.observations())));
    m.select(ORDER_POD, true);
    assertThat(m.traffic().history().get().message()).isEqualTo("No tracing source is running.");
  }

  @Test
  void aClickOnATracedArrowShowsItsCallAloneInTheTrafficTab() {
    // The arrow that leaves the order pod through its Envoy for payment-service, named by tracing
    // at both ends as the traced-traffic appender names them.
    dev.sidescope.topology.picture.PictureEdge arrow =
        TRACED.picture().edges().stream()
            .filter(e -> e.from().equals(SeedSample.ORDER_ENVOY))
            .filter(e -> e.kind() == dev.sidescope.topology.model.EdgeKind.UPSTREAM)
            .filter(e -> e.to().contains("payment"))
            .findFirst()
            .orElseThrow();
    dev.sidescope.topology.model.TopologySnapshot named = named(arrow);
    LaidOutPicture shown = new IncrementalLayout().next(named, Optional.empty(), true);
    ConsoleViewModel m = showing();
    m.show(shown, FindIndex.of(shown.snapshot(), shown.picture()));

    m.clickedArrow(arrow.from(), arrow.to());

    assertThat(m.selection().get()).contains(arrow.from());
    assertThat(m.sidePane().get().open()).contains(SideTab.TRAFFIC);
    assertThat(m.traffic().overview().get())
        .map(TrafficOverview::heading)
        .contains("order-service → payment-service");

    // An arrow tracing knows nothing of: the node it leaves from, in the inspector.
    dev.sidescope.topology.picture.PictureEdge xray =
        TRACED.picture().edges().stream()
            .filter(e -> e.from().equals(ORDER_XRAY))
            .findFirst()
            .orElseThrow();
    m.clickedArrow(xray.from(), xray.to());
    assertThat(m.selection().get()).contains(ORDER_XRAY);
    assertThat(m.sidePane().get().open()).isEmpty();
  }

  private static dev.sidescope.topology.model.TopologySnapshot named(
      dev.sidescope.topology.picture.PictureEdge arrow) {
    var s = TRACED.snapshot();
    var overlays =
        dev.sidescope.topology.model.OverlayData.builder()
            .putAll(s.overlays())
            .put(
                arrow.from(),
                dev.sidescope.topology.model.OverlayKeys.TRACED_NAME,
                TracedSeed.ORDER)
            .put(
                arrow.to(),
                dev.sidescope.topology.model.OverlayKeys.TRACED_NAME,
                TracedSeed.PAYMENT)
            .build();
    return new dev.sidescope.topology.model.TopologySnapshot(
        s.takenAt(),
        s.grouping(),
        s.sources(),
        s.workloads(),
        s.nodes(),
        s.edges(),
        s.findings(),
        overlays);
  }
}
