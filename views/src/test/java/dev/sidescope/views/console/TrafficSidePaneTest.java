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
    assertThat(m.sidePane().get().tabs()).containsExactly(SideTab.INSPECTOR, SideTab.TRAFFIC);
    assertThat(m.traffic().overview().get())
        .map(TrafficOverview::heading)
        .contains("order-service");
    m.select(ORDER_XRAY, true);
    assertThat(m.sidePane().get().tabs()).containsExactly(SideTab.INSPECTOR);
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
}
