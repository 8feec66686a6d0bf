package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SnapshotFeed;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.GeneratedCluster;
import dev.sidescope.views.testing.Traffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pictures of live numbers on the arrows, light and dark, for a person to look at: fine, slow,
 * failing, idle and unmeasured arrows told apart at a glance, labels read, the legend's traffic
 * rows and the paused chip.
 */
class LiveTrafficScreenshotTest extends OnStageTest {

  /** Arrow by arrow: fine, slow, failing, idle, then not measured, and round again. */
  static TopologySnapshot mixed(TopologySnapshot s) {
    AtomicInteger n = new AtomicInteger();
    return Traffic.on(
        s,
        e -> {
          if (e.kind() != EdgeKind.UPSTREAM && e.kind() != EdgeKind.LOCAL) {
            return e.metrics();
          }
          return switch (n.getAndIncrement() % 5) {
            case 0 -> Traffic.of(42, 180, 0);
            case 1 -> Traffic.of(12.5, 640, 0.004);
            case 2 -> Traffic.of(3, 1800, 0.08);
            case 3 -> idle();
            default -> EdgeMetrics.NONE;
          };
        });
  }

  private static EdgeMetrics idle() {
    return new EdgeMetrics(
        OptionalDouble.of(0),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  private static final class Feed implements SnapshotFeed {
    volatile Consumer<TopologySnapshot> listener;

    @Override
    public AutoCloseable subscribe(Consumer<TopologySnapshot> l) {
      listener = l;
      return () -> listener = null;
    }

    @Override
    public void setGrouping(Grouping grouping) {}
  }

  private Path shoot(
      TopologySnapshot s, Theme theme, String name, boolean actualSize, boolean pause)
      throws Exception {
    return shoot(s, theme, name, actualSize, pause, false);
  }

  private Path shoot(
      TopologySnapshot s, Theme theme, String name, boolean actualSize, boolean pause, boolean help)
      throws Exception {
    Path dir = Files.createTempDirectory("sidescope-live-shot");
    Feed feed = new Feed();
    ConsoleWindow window =
        onFx(
            () -> {
              ConsoleWindow w =
                  new ConsoleWindow(
                      ConsoleOptions.of("Sidescope — live traffic", dir, feed),
                      new SettingsStore(dir),
                      ConsoleSettings.DEFAULTS.withTheme(
                          theme == Theme.DARK ? ThemeChoice.DARK : ThemeChoice.LIGHT),
                      Optional.empty(),
                      theme);
              w.show(stage);
              stage.setX(0);
              stage.setY(0);
              stage.setWidth(1600);
              stage.setHeight(1000);
              return w;
            });
    feed.listener.accept(s);
    await(() -> window.model().shown().map(p -> p.snapshot() == s).orElse(false));
    ConsoleFixture.settle(window);
    if (actualSize) {
      onFx(
          () -> {
            window.picture().actualSize();
            Edge e =
                s.edges().stream().filter(x -> !x.metrics().isEmpty()).findFirst().orElseThrow();
            window.select(e.to(), true, false);
            return null;
          });
    }
    if (pause) {
      onFx(
          () -> {
            window.model().togglePause();
            return null;
          });
      feed.listener.accept(s);
      feed.listener.accept(s);
    }
    if (help) {
      onFx(
          () -> {
            window.model().toggleHelp();
            return null;
          });
    }
    ConsoleFixture.settle(window);
    WritableImage image = onFx(() -> stage.getScene().snapshot(null));
    Path out = Path.of(System.getProperty("sidescope.screenshots.dir", "target/screenshots"));
    Files.createDirectories(out);
    Path file = out.resolve(name + ".png");
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    return file;
  }

  @ParameterizedTest
  @EnumSource(Theme.class)
  void seedWithLiveNumbers(Theme theme) throws Exception {
    TopologySnapshot s = mixed(SeedSample.snapshot(SeedSample.observations(), Grouping.POD));
    Path file = shoot(s, theme, "live-seed-" + theme.wireName(), false, theme == Theme.DARK);
    assertThat(file).isRegularFile();
  }

  @ParameterizedTest
  @EnumSource(Theme.class)
  void sixtyPodsWithLiveNumbersAtActualSize(Theme theme) throws Exception {
    TopologySnapshot s =
        mixed(SeedSample.snapshot(GeneratedCluster.observations(60), Grouping.POD));
    Path file = shoot(s, theme, "live-60-pods-100pct-" + theme.wireName(), true, false);
    assertThat(file).isRegularFile();
  }

  @org.junit.jupiter.api.Test
  void helpSaysPPausesWhilePaused() throws Exception {
    TopologySnapshot s = mixed(SeedSample.snapshot(SeedSample.observations(), Grouping.POD));
    assertThat(shoot(s, Theme.LIGHT, "live-seed-help-paused-light", false, true, true))
        .isRegularFile();
  }
}
