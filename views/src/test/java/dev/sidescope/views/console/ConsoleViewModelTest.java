package dev.sidescope.views.console;

import static dev.sidescope.testing.SeedSample.EXTRA_POD;
import static dev.sidescope.testing.SeedSample.ORDER_APP;
import static dev.sidescope.testing.SeedSample.ORDER_ENVOY;
import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static dev.sidescope.testing.SeedSample.ORDER_XRAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.find.FindIndex;
import dev.sidescope.views.inspect.Inspection;
import dev.sidescope.views.picture.IncrementalLayout;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.Navigation.Direction;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.sources.SourceCatalog;
import dev.sidescope.views.sources.SourceChoice;
import dev.sidescope.views.sources.SourceOffer;
import dev.sidescope.views.testing.FakeFeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's decisions, with no toolkit: background work runs at once on the test's thread. */
class ConsoleViewModelTest {
  private static final Executor AT_ONCE = Runnable::run;
  private static final ConsoleThreads THREADS = new ConsoleThreads(AT_ONCE, AT_ONCE, AT_ONCE);
  private static final LaidOutPicture SEED = layOut(SeedSample.observations());

  @TempDir Path dir;
  private final FakeFeed feed = new FakeFeed(SeedSample.observations());

  private static LaidOutPicture layOut(Observations o) {
    TopologySnapshot s = SeedSample.snapshot(o, Grouping.POD);
    return new IncrementalLayout().next(s, Optional.empty(), true);
  }

  private ConsoleViewModel model() {
    return model(ConsoleOptions.of("Sidescope — test", dir, feed), ConsoleSettings.DEFAULTS);
  }

  private ConsoleViewModel model(ConsoleOptions options, ConsoleSettings settings) {
    return new ConsoleViewModel(
        options, new SettingsStore(dir), settings, Optional.empty(), Theme.LIGHT, THREADS);
  }

  /** A model showing the seed. */
  private ConsoleViewModel showingTheSeed() {
    ConsoleViewModel m = model();
    show(m, SEED);
    return m;
  }

  private static boolean show(ConsoleViewModel m, LaidOutPicture p) {
    return m.show(p, FindIndex.of(p.snapshot(), p.picture()));
  }

  private static Drawing drawing(ConsoleViewModel m) {
    return m.drawing().get().orElseThrow();
  }

  private static long xrayDaemons() {
    return SEED.picture().nodes().filter(n -> n.id().endsWith("/xray-daemon")).count();
  }

  private ConsoleSettings saved() {
    return new SettingsStore(dir).load().settings();
  }

  // ---- find

  @Test
  void findCountsTheNodesItMatchesNotTheBoxes() {
    ConsoleViewModel m = showingTheSeed();
    m.find("kind:xray");
    assertThat(xrayDaemons()).isGreaterThan(1);
    assertThat(m.status().get()).isEqualTo(xrayDaemons() + " nodes match.");
    assertThat(m.matched()).contains(ORDER_XRAY, ORDER_POD).doesNotContain(ORDER_APP);
  }

  @Test
  void findSaysOneNodeInTheSingular() {
    ConsoleViewModel m = showingTheSeed();
    m.find("kind:nginx");
    assertThat(m.status().get()).isEqualTo("1 node match.");
  }

  @Test
  void findThatMatchesNothingSaysSo() {
    ConsoleViewModel m = showingTheSeed();
    m.find("kind:linkerd");
    assertThat(m.status().get()).isEqualTo("Nothing matches.");
    assertThat(m.selection().get()).isEmpty();
  }

  @Test
  void aWordThatMatchesNothingUnselectsWhatTheWordBeforeFound() {
    ConsoleViewModel m = showingTheSeed();
    m.find("kind:xray");
    assertThat(m.selection().get()).isPresent();
    m.find("kind:xrayz");
    assertThat(m.status().get()).isEqualTo("Nothing matches.");
    assertThat(m.selection().get()).isEmpty();
    assertThat(m.sidePane().get().inspection()).isEmpty();
  }

  @Test
  void aWordThatMatchesNothingKeepsWhatThePersonSelected() {
    ConsoleViewModel m = showingTheSeed();
    m.select(ORDER_APP, true);
    m.find("kind:linkerd");
    assertThat(m.selection().get()).contains(ORDER_APP);
  }

  @Test
  void aBadQuerySaysWhyAndKeepsTheMatchesItHad() {
    ConsoleViewModel m = showingTheSeed();
    m.find("kind:xray");
    Set<String> before = m.matched();
    m.find("colour:red");
    assertThat(m.findInvalid().get()).isTrue();
    assertThat(m.status().get()).startsWith("Unknown key \"colour:\"");
    assertThat(m.matched()).isEqualTo(before);
    m.find("kind:envoy");
    assertThat(m.findInvalid().get()).isFalse();
  }

  @Test
  void typingSelectsAndInspectsTheFirstMatchAndEnterGivesItToCentreOn() {
    ConsoleViewModel m = showingTheSeed();
    m.find("kind:xray");
    Optional<String> first = m.selection().get();
    assertThat(first).hasValueSatisfying(id -> assertThat(id).endsWith("/xray-daemon"));
    assertThat(m.sidePane().get().inspection()).map(Inspection::title).contains("xray-daemon");
    m.select(ORDER_APP, true);
    assertThat(m.enterFind()).isEqualTo(first);
    assertThat(m.selection().get()).isEqualTo(first);
  }

  @Test
  void findDimsWhatItDoesNotMatchAndHighlightsWhatItDoes() {
    ConsoleViewModel m = showingTheSeed();
    assertThat(drawing(m).dimmed()).isEmpty();
    m.find("kind:xray");
    assertThat(drawing(m).dimmed()).contains(ORDER_APP).doesNotContain(ORDER_XRAY);
    assertThat(drawing(m).highlighted()).contains(ORDER_XRAY).doesNotContain(ORDER_APP);
    assertThat(drawing(m).hidden()).isEmpty();
  }

  @Test
  void hideNonMatchingHidesWhatFindDoesNotMatchAndNothingWithoutAQuery() {
    ConsoleViewModel m = showingTheSeed();
    m.setHideNonMatching(true);
    assertThat(drawing(m).hidden()).isEmpty();
    assertThat(m.hidden()).isEmpty();
    m.find("kind:xray");
    // The app beside a matched daemon stays: the arrow between them leads to it.
    assertThat(drawing(m).hidden())
        .contains(ORDER_ENVOY)
        .doesNotContain(ORDER_XRAY, ORDER_POD, ORDER_APP);
    assertThat(m.hidden()).isEqualTo(drawing(m).hidden());
    m.setHideNonMatching(false);
    assertThat(drawing(m).hidden()).isEmpty();
  }

  @Test
  void aDeadSourceGreysItsPartWhateverFindSays() {
    ConsoleViewModel m = model();
    show(m, layOut(SeedSample.withKubernetesDown()));
    assertThat(drawing(m).dimmed()).contains(ORDER_APP, ORDER_XRAY);
    m.find("kind:xray");
    assertThat(drawing(m).dimmed()).contains(ORDER_XRAY);
    assertThat(drawing(m).highlighted()).contains(ORDER_XRAY);
  }

  // ---- selection

  @Test
  void theSelectionStaysInTheNextPictureWhileItsNodeIsThere() {
    ConsoleViewModel m = model();
    LaidOutPicture withExtra = layOut(SeedSample.withExtraPod());
    show(m, SEED);
    m.select(ORDER_XRAY, true);
    show(m, withExtra);
    assertThat(m.selection().get()).contains(ORDER_XRAY);
    m.select(EXTRA_POD, true);
    show(m, SEED);
    assertThat(m.selection().get()).isEmpty();
  }

  @Test
  void escClosesTheHelpThenClearsFindThenTheSelection() {
    ConsoleViewModel m = showingTheSeed();
    m.find("kind:xray");
    m.toggleHelp();
    m.escape();
    assertThat(m.helpShown().get()).isFalse();
    assertThat(m.findText().get()).isEqualTo("kind:xray");
    m.escape();
    assertThat(m.findText().get()).isEmpty();
    assertThat(m.matched()).isEmpty();
    assertThat(m.status().get()).isEmpty();
    assertThat(m.selection().get()).as("find cleared before the selection").isPresent();
    m.escape();
    assertThat(m.selection().get()).isEmpty();
    assertThat(m.sidePane().get()).isEqualTo(SidePaneContent.NOTHING);
  }

  @Test
  void arrowsSelectWithoutInspectingAndSkipHiddenNodes() {
    ConsoleViewModel m = showingTheSeed();
    assertThat(m.move(Direction.RIGHT)).isEqualTo(m.selection().get()).isPresent();
    assertThat(m.sidePane().get().node()).as("not inspected until Enter").isEmpty();
    m.inspect();
    assertThat(m.sidePane().get().node()).isEqualTo(m.selection().get());

    m.find("kind:xray");
    m.setHideNonMatching(true);
    List<String> visited = new ArrayList<>();
    for (Direction d :
        new Direction[] {Direction.LEFT, Direction.DOWN, Direction.RIGHT, Direction.UP}) {
      m.move(d).ifPresent(visited::add);
    }
    assertThat(visited).isNotEmpty().noneMatch(m.hidden()::contains);
  }

  @Test
  void theSidePaneShowsTheInspectorTabWithOrWithoutASelection() {
    ConsoleViewModel m = showingTheSeed();
    assertThat(m.sidePane().get().tabs()).containsExactly(SideTab.INSPECTOR);
    assertThat(m.sidePane().get().inspection()).isEmpty();
    m.select(ORDER_XRAY, true);
    SidePaneContent side = m.sidePane().get();
    // A container writes logs: its Logs tab comes after the inspector.
    assertThat(side.tabs()).containsExactly(SideTab.INSPECTOR, SideTab.LOGS, SideTab.EVENTS);
    assertThat(side.node()).contains(ORDER_XRAY);
    assertThat(side.inspection()).map(Inspection::title).contains("xray-daemon");
  }

  @Test
  void aClickOnNothingClearsTheSelectionAndLeavesTheSidePaneAsItWas() {
    ConsoleViewModel m = showingTheSeed();
    m.clicked(Optional.of(ORDER_XRAY));
    m.clicked(Optional.empty());
    assertThat(m.selection().get()).isEmpty();
    assertThat(m.sidePane().get().node()).contains(ORDER_XRAY);
  }

  // ---- what is said around the picture

  @Test
  void theCountsLineSaysWhatThePictureHolds() {
    ConsoleViewModel m = showingTheSeed();
    assertThat(m.counts().get()).as("said a pulse after the picture").isEmpty();
    m.describeShown();
    assertThat(m.counts().get())
        .isEqualTo("5 boxes · 15 containers · 7 outside · 9 findings · by pod");
  }

  @Test
  void theFirstPictureAndOneLaidOutAfreshAreFitted() {
    ConsoleViewModel m = model();
    assertThat(m.waiting().get()).isTrue();
    assertThat(show(m, SEED)).isTrue();
    assertThat(m.waiting().get()).isFalse();
    LaidOutPicture kept = new IncrementalLayout().next(SEED.snapshot(), Optional.of(SEED), false);
    assertThat(kept.fullLayout()).isFalse();
    assertThat(show(m, kept)).isFalse();
  }

  // ---- grouping, theme, settings

  @Test
  void changingTheGroupingAsksTheFeedSaysSoAndSavesIt() {
    ConsoleViewModel m = showingTheSeed();
    List<Grouping> told = new ArrayList<>();
    m.grouping().listen(told::add);
    m.setGrouping(Grouping.WORKLOAD);
    assertThat(feed.groupingsAsked).containsExactly(Grouping.WORKLOAD);
    assertThat(told).containsExactly(Grouping.WORKLOAD);
    assertThat(m.status().get()).isEqualTo("Grouped by workload.");
    assertThat(saved().grouping()).isEqualTo(Grouping.WORKLOAD);
  }

  @Test
  void startingAsksTheFeedForTheRememberedGrouping() {
    ConsoleViewModel m =
        model(
            ConsoleOptions.of("Sidescope — test", dir, feed),
            ConsoleSettings.DEFAULTS.withGrouping(Grouping.SERVICE));
    m.start(snapshot -> {});
    assertThat(feed.groupingsAsked).containsExactly(Grouping.SERVICE);
  }

  @Test
  void theThemeTogglesBetweenLightAndDarkAndIsSaved() {
    ConsoleViewModel m = showingTheSeed();
    assertThat(m.themeChoice().get()).isEqualTo(ThemeChoice.SYSTEM);
    assertThat(m.theme().get()).as("the system's").isEqualTo(Theme.LIGHT);
    m.toggleTheme();
    assertThat(m.theme().get()).isEqualTo(Theme.DARK);
    assertThat(m.themeChoice().get()).isEqualTo(ThemeChoice.DARK);
    assertThat(drawing(m).theme()).isEqualTo(Theme.DARK);
    assertThat(saved().theme()).isEqualTo(ThemeChoice.DARK);
    m.toggleTheme();
    assertThat(m.theme().get()).isEqualTo(Theme.LIGHT);
    assertThat(saved().theme()).isEqualTo(ThemeChoice.LIGHT);
  }

  @Test
  void settingsThatCannotBeWrittenSaySoInTheStatusLine() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("file"), "");
    ConsoleViewModel m =
        new ConsoleViewModel(
            ConsoleOptions.of("Sidescope — test", notAFolder, feed),
            new SettingsStore(notAFolder),
            ConsoleSettings.DEFAULTS,
            Optional.empty(),
            Theme.LIGHT,
            THREADS);
    m.setGrouping(Grouping.SERVICE);
    assertThat(m.status().get()).startsWith("Could not save settings to ");
  }

  @Test
  void closingSavesTheWindowsPlace() {
    ConsoleViewModel m = showingTheSeed();
    m.close(Optional.of(new ConsoleSettings.WindowBounds(10, 20, 800, 600)), true);
    assertThat(saved().window()).contains(new ConsoleSettings.WindowBounds(10, 20, 800, 600));
    assertThat(saved().maximized()).isTrue();
  }

  @Test
  void aSettingsProblemIsTheFirstThingSaid() {
    ConsoleViewModel m =
        new ConsoleViewModel(
            ConsoleOptions.of("Sidescope — test", dir, feed),
            new SettingsStore(dir),
            ConsoleSettings.DEFAULTS,
            Optional.of("The settings file was not used."),
            Theme.LIGHT,
            THREADS);
    assertThat(m.status().get()).isEqualTo("The settings file was not used.");
  }

  // ---- the empty state and new sources

  /** A catalog whose demo starts, or fails with a sentence. */
  private static final class Catalog implements SourceCatalog {
    final List<String> calls = new ArrayList<>();
    final boolean demoStarts;

    Catalog(boolean demoStarts) {
      this.demoStarts = demoStarts;
    }

    @Override
    public SourceOffer offer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public SourceChoice inUse() {
      return SourceChoice.NONE;
    }

    @Override
    public List<String> ecsClusters(String profile, Optional<String> region) {
      return List.of();
    }

    @Override
    public String apply(SourceChoice choice) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String openDemo() {
      calls.add("demo");
      if (!demoStarts) {
        throw new Unavailable("The sample cluster could not bind a port.");
      }
      return "Sidescope — DEMO";
    }
  }

  private ConsoleViewModel emptyOn(Catalog catalog) {
    return model(
        ConsoleOptions.of("Sidescope", dir, feed)
            .withSources(catalog)
            .withNothingFound("No kubeconfig; no AWS profile."),
        ConsoleSettings.DEFAULTS);
  }

  @Test
  void openingTheDemoLeavesTheEmptyStateAndFitsTheFirstPictureWithSomethingInIt() {
    Catalog catalog = new Catalog(true);
    ConsoleViewModel m = emptyOn(catalog);
    assertThat(m.nothingFound().get()).isTrue();
    assertThat(m.waiting().get()).isFalse();
    show(m, layOut(Observations.EMPTY));
    m.openDemo();
    assertThat(catalog.calls).containsExactly("demo");
    assertThat(m.nothingFound().get()).isFalse();
    assertThat(m.title().get()).isEqualTo("Sidescope — DEMO");
    assertThat(m.status().get()).isEqualTo("Opened the built-in sample cluster.");
    LaidOutPicture kept = new IncrementalLayout().next(SEED.snapshot(), Optional.of(SEED), false);
    assertThat(show(m, kept)).as("the first picture of the new sources").isTrue();
    assertThat(show(m, kept)).isFalse();
  }

  @Test
  void aDemoThatCannotStartSaysWhyAndCanBeTriedAgain() {
    Catalog catalog = new Catalog(false);
    ConsoleViewModel m = emptyOn(catalog);
    List<Boolean> offered = new ArrayList<>();
    m.offersEnabled().listen(offered::add);
    m.openDemo();
    assertThat(offered).containsExactly(false, true);
    assertThat(m.nothingFound().get()).isTrue();
    assertThat(m.nothingFoundWhy().get()).isEqualTo("The sample cluster could not bind a port.");
  }

  @Test
  void sourcesAppliedInTheDialogAreRememberedAndConnectTheConsole() {
    ConsoleViewModel m = emptyOn(new Catalog(true));
    SourceChoice choice = SourceChoice.kubernetes(List.of("kind-dev"), Optional.empty());
    m.sourcesApplied(choice, "Sidescope — kind-dev");
    assertThat(m.nothingFound().get()).isFalse();
    assertThat(m.waiting().get()).isTrue();
    assertThat(m.title().get()).isEqualTo("Sidescope — kind-dev");
    assertThat(saved().sources()).contains(choice);
  }

  @Test
  void withoutACatalogSourcesCannotBeChosenAndTheStatusLineSaysSo() {
    ConsoleViewModel m = showingTheSeed();
    assertThat(m.sourceCatalog()).isEmpty();
    assertThat(m.status().get()).isEqualTo("Sources cannot be changed here.");
    m.openDemo();
    assertThat(m.nothingFound().get()).isFalse();
  }
}
