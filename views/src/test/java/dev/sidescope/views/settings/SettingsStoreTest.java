package dev.sidescope.views.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.picture.TrafficThresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
  @TempDir Path dir;

  @Test
  void savedSettingsShouldReadBackEqual() throws Exception {
    SettingsStore store = new SettingsStore(dir.resolve("nested"));
    ConsoleSettings settings =
        ConsoleSettings.DEFAULTS
            .withTheme(ThemeChoice.DARK)
            .withGrouping(Grouping.WORKLOAD)
            .withWindow(new ConsoleSettings.WindowBounds(10, 20, 1400, 900), true);
    store.save(settings);
    assertThat(store.load())
        .isEqualTo(new SettingsStore.Loaded(settings, java.util.Optional.empty()));
  }

  @Test
  void chosenSourcesShouldReadBackEqualEvenWithCommasAndSpacesInTheirNames() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    ConsoleSettings settings =
        ConsoleSettings.DEFAULTS.withSources(
            dev.sidescope.views.sources.SourceChoice.kubernetes(
                    java.util.List.of("kind-dev", "arn:aws:eks:eu-west-1:1:cluster/a,b", "x y=z"),
                    java.util.Optional.of("shop"))
                .withEcs("dev", java.util.Optional.of("eu-west-1"), java.util.List.of("orders")));
    store.save(settings);
    assertThat(store.load())
        .isEqualTo(new SettingsStore.Loaded(settings, java.util.Optional.empty()));
    assertThat(Files.readString(store.file())).contains("sources.kube.context.1=");
  }

  @Test
  void missingFileShouldGiveDefaultsWithoutComplaint() {
    assertThat(new SettingsStore(dir).load())
        .isEqualTo(new SettingsStore.Loaded(ConsoleSettings.DEFAULTS, java.util.Optional.empty()));
  }

  @Test
  void corruptFileShouldGiveDefaultsAndOneSentenceAndBeReplacedOnSave() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Files.writeString(store.file(), "theme=purple\ngrouping=pod\n");
    SettingsStore.Loaded loaded = store.load();
    assertThat(loaded.settings()).isEqualTo(ConsoleSettings.DEFAULTS);
    assertThat(loaded.problem())
        .hasValueSatisfying(p -> assertThat(p).contains("purple").contains("replaced"));
    store.save(loaded.settings());
    assertThat(store.load().problem()).isEmpty();
  }

  @Test
  void binaryGarbageShouldNotBeFatal() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Files.write(store.file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\\', 'u', 'z', 'z'});
    assertThat(store.load().settings()).isEqualTo(ConsoleSettings.DEFAULTS);
    assertThat(store.load().problem()).isPresent();
  }

  @Test
  void nonNumericWindowSizeShouldBeReported() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Files.writeString(store.file(), "window.width=wide\n");
    assertThat(store.load().problem()).hasValueSatisfying(p -> assertThat(p).contains("window"));
  }

  @Test
  void systemThemeShouldFollowTheOperatingSystem() {
    assertThat(ThemeChoice.SYSTEM.resolve(dev.sidescope.views.picture.Theme.DARK))
        .isEqualTo(dev.sidescope.views.picture.Theme.DARK);
    assertThat(ThemeChoice.LIGHT.resolve(dev.sidescope.views.picture.Theme.DARK))
        .isEqualTo(dev.sidescope.views.picture.Theme.LIGHT);
  }

  @Test
  void darkGtkThemeShouldBeReadAsDark() {
    assertThat(OsTheme.detect(java.util.Map.of("GTK_THEME", "Adwaita:dark"), "Linux"))
        .isEqualTo(dev.sidescope.views.picture.Theme.DARK);
  }

  @Test
  void trafficThresholdsShouldBeWrittenForAPersonToFindAndReadBack() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Files.writeString(
        store.file(),
        "traffic.p99.warn.ms=100\ntraffic.p99.bad.ms=400\n"
            + "traffic.errors.warn.percent=0.5\ntraffic.errors.bad.percent=2\n");

    ConsoleSettings loaded = store.load().settings();
    assertThat(loaded.traffic()).isEqualTo(new TrafficThresholds(100, 400, 0.005, 0.02));
    store.save(ConsoleSettings.DEFAULTS);
    assertThat(Files.readString(store.file()))
        .contains("traffic.p99.warn.ms=250\n", "traffic.errors.bad.percent=5\n");
    assertThat(store.load().settings().traffic()).isEqualTo(TrafficThresholds.DEFAULTS);
  }

  @Test
  void trafficThresholdsOutOfOrderShouldBeReported() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Files.writeString(store.file(), "traffic.p99.warn.ms=2000\n");

    assertThat(store.load().problem())
        .hasValueSatisfying(p -> assertThat(p).contains("traffic thresholds"));
    assertThat(store.load().settings()).isEqualTo(ConsoleSettings.DEFAULTS);
  }

  @Test
  void theMostEnvoySidecarsReadAtOnceShouldBeWrittenForAPersonToFindAndReadBack() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Files.writeString(store.file(), "envoy.sidecars.max=120\n");
    assertThat(store.load().settings().envoySidecars()).isEqualTo(120);

    store.save(ConsoleSettings.DEFAULTS);
    assertThat(Files.readString(store.file())).contains("envoy.sidecars.max=50\n");
    assertThat(store.load().settings().envoySidecars()).isEqualTo(50);

    Files.writeString(store.file(), "envoy.sidecars.max=0\n");
    assertThat(store.load().problem())
        .hasValueSatisfying(p -> assertThat(p).contains("envoy.sidecars.max"));
    assertThat(store.load().settings()).isEqualTo(ConsoleSettings.DEFAULTS);
  }

  @Test
  void theLogLinesKeptPerStreamShouldBeWrittenForAPersonToFindAndReadBack() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Files.writeString(store.file(), "logs.buffer.lines=50000\n");
    assertThat(store.load().settings().logBufferLines()).isEqualTo(50_000);

    store.save(ConsoleSettings.DEFAULTS);
    assertThat(Files.readString(store.file())).contains("logs.buffer.lines=10000\n");
    assertThat(store.load().settings().logBufferLines()).isEqualTo(10_000);

    Files.writeString(store.file(), "logs.buffer.lines=5\n");
    assertThat(store.load().problem())
        .hasValueSatisfying(p -> assertThat(p).contains("logs.buffer.lines"));
  }
}
