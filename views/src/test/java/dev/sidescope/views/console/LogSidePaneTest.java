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
import dev.sidescope.views.testing.FakeFeed;
import dev.sidescope.views.testing.RecordingLogTails;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's side pane lists the Logs tab for pods, tasks, boxes and containers; L brings it
 * forward; a restarting sidecar's previous run opens from the console; a trace id in a line opens
 * the Traffic tab.
 */
class LogSidePaneTest {
  private static final Executor AT_ONCE = Runnable::run;
  private static final LaidOutPicture SEED =
      new IncrementalLayout().next(SeedSample.snapshot(), Optional.empty(), true);

  @TempDir Path dir;
  private final RecordingLogTails tails = new RecordingLogTails();

  private ConsoleViewModel showing() {
    ConsoleViewModel m =
        new ConsoleViewModel(
            ConsoleOptions.of("Sidescope — test", dir, new FakeFeed(SeedSample.observations()))
                .withLogs(tails),
            new SettingsStore(dir),
            ConsoleSettings.DEFAULTS,
            Optional.empty(),
            Theme.LIGHT,
            new ConsoleThreads(AT_ONCE, AT_ONCE, AT_ONCE));
    m.show(SEED, FindIndex.of(SEED.snapshot(), SEED.picture()));
    return m;
  }

  @Test
  void lBringsTheLogsTabForwardForANodeWithLogsAndSaysWhyForOneWithout() {
    ConsoleViewModel m = showing();
    m.select(ORDER_POD, false);
    m.showLogs();
    assertThat(m.sidePane().get().tabs()).contains(SideTab.LOGS);
    assertThat(m.sidePane().get().open()).contains(SideTab.LOGS);
    m.select("aws/xray", false);
    m.showLogs();
    assertThat(m.sidePane().get().tabs()).doesNotContain(SideTab.LOGS);
    assertThat(m.status().get()).startsWith("This node has no logs of its own");
  }

  @Test
  void thePreviousRunOfAContainerOpensInTheLogsTab() {
    ConsoleViewModel m = showing();
    m.showPreviousLogs(ORDER_XRAY);
    assertThat(m.selection().get()).contains(ORDER_XRAY);
    assertThat(m.sidePane().get().open()).contains(SideTab.LOGS);
    m.logs().showing(true); // the window's tab, brought forward, says so
    assertThat(tails.opened).extracting(o -> o.request.previous()).containsExactly(false, true);
    assertThat(tails.last().request.containers()).containsExactly("xray-daemon");
  }

  @Test
  void escClosesTheTailWithTheSelection() {
    ConsoleViewModel m = showing();
    m.select(ORDER_POD, true);
    m.logs().showing(true);
    assertThat(tails.open()).hasSize(1);
    m.escape();
    assertThat(tails.open()).isEmpty();
  }

  @Test
  void aTraceIdInALineOpensTheTrafficTabOnThatTrace() {
    ConsoleViewModel m = showing();
    m.select(ORDER_XRAY, true);
    m.logs().openTrace("1-6571f0a2-0123456789abcdef01234567");
    assertThat(m.sidePane().get().tabs()).contains(SideTab.TRAFFIC);
    assertThat(m.sidePane().get().open()).contains(SideTab.TRAFFIC);
    assertThat(m.traffic().trace().get().state()).isNotEqualTo(Reply.State.NONE);
    m.select(ORDER_POD, true);
    assertThat(m.traffic().traceOpen()).as("another node closes it").isFalse();
  }
}
