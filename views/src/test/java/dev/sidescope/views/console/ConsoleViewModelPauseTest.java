package dev.sidescope.views.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SnapshotFeed;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** P holds the picture still and lets the newest snapshot in once; no toolkit. */
class ConsoleViewModelPauseTest {
  private static final Executor AT_ONCE = Runnable::run;

  @TempDir Path dir;
  private final Feed feed = new Feed();
  private final List<TopologySnapshot> laidOut = new ArrayList<>();

  /** A feed that delivers on the test's thread, when told. */
  private static final class Feed implements SnapshotFeed {
    Consumer<TopologySnapshot> listener;
    Grouping grouping = Grouping.POD;

    @Override
    public AutoCloseable subscribe(Consumer<TopologySnapshot> l) {
      listener = l;
      return () -> listener = null;
    }

    @Override
    public void setGrouping(Grouping g) {
      grouping = g;
    }

    TopologySnapshot deliver() {
      TopologySnapshot s = SeedSample.snapshot(SeedSample.observations(), grouping);
      listener.accept(s);
      return s;
    }
  }

  private ConsoleViewModel started() {
    ConsoleViewModel m =
        new ConsoleViewModel(
            ConsoleOptions.of("Sidescope — test", dir, feed),
            new SettingsStore(dir),
            ConsoleSettings.DEFAULTS,
            Optional.empty(),
            Theme.LIGHT,
            new ConsoleThreads(AT_ONCE, AT_ONCE, AT_ONCE));
    m.start(laidOut::add);
    return m;
  }

  @Test
  void whileLiveEverySnapshotGoesToTheLayout() {
    ConsoleViewModel m = started();
    feed.deliver();
    feed.deliver();

    assertThat(laidOut).hasSize(2);
    assertThat(m.paused().get()).isFalse();
    assertThat(m.pausedLine().get()).isEmpty();
  }

  @Test
  void pausingHoldsTheSnapshotsAndCountsThemInTheSourceBarLine() {
    ConsoleViewModel m = started();
    feed.deliver();
    m.togglePause();

    assertThat(m.paused().get()).isTrue();
    assertThat(m.pausedLine().get()).isEqualTo("Paused — press P to resume");
    feed.deliver();
    assertThat(m.pausedLine().get()).isEqualTo("Paused — press P to resume · 1 update waiting");
    feed.deliver();
    feed.deliver();
    assertThat(m.pausedLine().get()).isEqualTo("Paused — press P to resume · 3 updates waiting");
    assertThat(laidOut).hasSize(1);
  }

  @Test
  void resumingLaysOutOnlyTheNewestSnapshotOnce() {
    ConsoleViewModel m = started();
    feed.deliver();
    m.togglePause();
    feed.deliver();
    TopologySnapshot newest = feed.deliver();

    m.togglePause();

    assertThat(laidOut).hasSize(2);
    assertThat(laidOut.get(1)).isSameAs(newest);
    assertThat(m.paused().get()).isFalse();
    assertThat(m.pausedLine().get()).isEmpty();
    assertThat(m.status().get()).isEqualTo("Live again. 2 updates came while paused.");
    m.togglePause();
    m.togglePause();
    assertThat(laidOut).as("nothing came meanwhile: nothing to apply").hasSize(2);
  }

  @Test
  void aGroupingAskedForWhilePausedStillShowsAndWhatWasHeldBeforeItIsDropped() {
    ConsoleViewModel m = started();
    feed.deliver();
    m.togglePause();
    feed.deliver();

    m.setGrouping(Grouping.WORKLOAD);
    TopologySnapshot grouped = feed.deliver();
    feed.deliver();

    assertThat(laidOut).hasSize(2);
    assertThat(laidOut.get(1)).isSameAs(grouped);
    assertThat(m.paused().get()).isTrue();
    assertThat(m.pausedLine().get()).endsWith("1 update waiting");
  }

  @Test
  void theHelpSaysWhichKeyPauses() {
    assertThat(ConsoleKeys.HELP)
        .anySatisfy(
            l -> {
              assertThat(l.keys()).isEqualTo("P");
              assertThat(l.meaning()).contains("pause");
            });
    assertThat(
            new ConsoleKeys()
                .pressed(ConsoleKeys.Stroke.pressed("P"), ConsoleKeys.Focus.PICTURE, false))
        .contains(ConsoleAction.TOGGLE_PAUSE);
  }
}
