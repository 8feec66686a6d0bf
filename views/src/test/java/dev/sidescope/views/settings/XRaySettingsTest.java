package dev.sidescope.views.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.sources.SourceChoice;
import dev.sidescope.views.sources.XRayChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The X-Ray settings of the Sources dialog are remembered with the sources. */
class XRaySettingsTest {
  @TempDir Path dir;

  @Test
  void xraySettingsReadBackEqual() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    ConsoleSettings settings =
        ConsoleSettings.DEFAULTS.withSources(
            SourceChoice.kubernetes(List.of("kind-dev"), Optional.empty())
                .withXRay(
                    new XRayChoice(false, Duration.ofMinutes(15), Optional.of("0.0.0.0:2001"))));
    store.save(settings);
    assertThat(store.load()).isEqualTo(new SettingsStore.Loaded(settings, Optional.empty()));
    assertThat(Files.readString(store.file()))
        .contains("sources.xray.api=false", "sources.xray.window=PT15M", "sources.xray.daemon=");
  }

  @Test
  void theDefaultsAreNotWrittenAndReadBackAsDefaults() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    store.save(
        ConsoleSettings.DEFAULTS.withSources(
            SourceChoice.kubernetes(List.of("kind-dev"), Optional.empty())));
    assertThat(Files.readString(store.file())).doesNotContain("xray");
    assertThat(store.load().settings().sources().orElseThrow().xray())
        .isEqualTo(XRayChoice.DEFAULT);
  }

  @Test
  void aBadDaemonAddressMakesTheFileUnusedWithASentence() throws Exception {
    Files.writeString(
        dir.resolve(SettingsStore.FILE_NAME),
        "sources.kube.context.0=kind-dev\nsources.xray.daemon=nowhere\n");
    SettingsStore.Loaded loaded = new SettingsStore(dir).load();
    assertThat(loaded.settings()).isEqualTo(ConsoleSettings.DEFAULTS);
    assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("X-Ray settings"));
  }
}
