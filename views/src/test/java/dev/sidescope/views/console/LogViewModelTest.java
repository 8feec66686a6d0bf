package dev.sidescope.views.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.views.logs.Admission;
import dev.sidescope.views.logs.LineFacts;
import dev.sidescope.views.logs.LogText;
import dev.sidescope.views.logs.ShownLine;
import dev.sidescope.views.testing.RecordingLogTails;
import dev.sidescope.views.testing.RecordingLogTails.Opened;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Logs tab's view model: tails open only while the tab shows a node with workloads, lines of
 * several streams merge by time on the pulse, follow and pause, search, jump to a time, copy with
 * secrets masked, the previous run of a restarted container, and a tail handed to its own window.
 */
class LogViewModelTest {
  private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

  private static final Workload WEB_1 =
      WorkloadBuilder.pod("web-1")
          .owner("Deployment/web")
          .app("web")
          .sidecar(SidecarKind.ENVOY, "envoy")
          .change(
              "envoy",
              c ->
                  c.state(
                      new ContainerState(
                          ContainerState.Phase.RUNNING,
                          Optional.of(true),
                          Optional.of(4),
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty())))
          .build();
  private static final Workload WEB_2 =
      WorkloadBuilder.pod("web-2").owner("Deployment/web").app("web").build();
  private static final Workload WEB_BOX =
      new Workload(
          WorkloadBuilder.pod("web").owner("Deployment/web").app("web").build().spec(),
          WEB_1.containers(),
          2);

  private static final TopologySnapshot SNAPSHOT = snapshot(WEB_1, WEB_2);

  private static final LogStream WEB = RecordingLogTails.stream(WEB_1.id(), "web");
  private static final LogStream ENVOY = RecordingLogTails.stream(WEB_1.id(), "envoy");

  /** Masks the word after "password=". */
  private static final LogText MASKING =
      new LogText() {
        @Override
        public String mask(String text) {
          return text.replaceAll("password=\\S+", "password=****");
        }

        @Override
        public LineFacts read(String text) {
          return LineFacts.NONE;
        }

        @Override
        public Admission gate() {
          return LogText.STANDARD.gate();
        }
      };

  private final RecordingLogTails tails = new RecordingLogTails();

  private static TopologySnapshot snapshot(Workload... workloads) {
    return new TopologySnapshot(
        T0, Grouping.POD, List.of(), List.of(workloads), List.of(), List.of(), List.of());
  }

  private LogViewModel model() {
    return new LogViewModel(Optional.of(tails), 1_000, MASKING, ZoneOffset.UTC, System::nanoTime);
  }

  private static LogViewModel pulsed(LogViewModel m) {
    while (m.pulse()) {
      // drains what waits, a bounded batch at a time
    }
    return m;
  }

  private static List<String> texts(LogViewModel m) {
    return m.lines().stream().map(l -> l.line().text()).toList();
  }

  @Test
  void aTailOpensOnlyWhileTheTabShowsANodeWithWorkloads() {
    LogViewModel m = model();
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    assertThat(tails.opened).as("the tab is not showing").isEmpty();
    m.showing(true);
    assertThat(tails.open()).hasSize(1);
    assertThat(tails.last().request.workloads()).containsExactly(WEB_1);
    assertThat(tails.last().request.follow()).isTrue();
    assertThat(tails.last().request.containers()).isEmpty();
    m.showing(false);
    assertThat(tails.open()).as("the tab was left").isEmpty();
    m.showing(true);
    assertThat(tails.open()).hasSize(1);
    m.close();
    assertThat(tails.open()).as("the window closed").isEmpty();
  }

  @Test
  void aNewSelectionClosesTheOldTailAndTheSameNodeKeepsItsOwn() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    Opened first = tails.last();
    m.inspect(snapshot(WEB_1, WEB_2), Optional.of(WEB_1.id()));
    assertThat(tails.opened).as("a new snapshot of the same node").hasSize(1);
    m.inspect(SNAPSHOT, Optional.of(WEB_2.id()));
    assertThat(first.closed()).isTrue();
    assertThat(tails.open()).hasSize(1);
    assertThat(tails.last().request.workloads()).containsExactly(WEB_2);
    m.inspect(SNAPSHOT, Optional.empty());
    assertThat(tails.open()).isEmpty();
    assertThat(m.absent().get()).isEqualTo(LogViewModel.NOTHING);
  }

  @Test
  void aContainerSelectedTailsItsWholePodAndMovingWithinThePodKeepsTheTail() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id() + "/envoy"));
    assertThat(tails.last().request.containers()).isEmpty();
    assertThat(tails.last().request.workloads()).containsExactly(WEB_1);
    assertThat(m.heading().get()).startsWith("Pod web-1");
    int opened = tails.opened.size();

    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));

    assertThat(tails.opened).hasSize(opened);
  }

  @Test
  void aBoxOfReplicasIsAskedForWholeForTheSourceToTailEveryReplica() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(snapshot(WEB_BOX), Optional.of(WEB_BOX.id()));
    assertThat(tails.last().request.workloads()).containsExactly(WEB_BOX);
    assertThat(m.heading().get()).contains("Deployment/web ×2");
  }

  @Test
  void withoutALogSourceTheTabSaysSoAndOpensNothing() {
    LogViewModel m =
        new LogViewModel(Optional.empty(), 1_000, MASKING, ZoneOffset.UTC, System::nanoTime);
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    assertThat(m.absent().get()).isEqualTo(LogViewModel.NO_SOURCE);
    assertThat(m.tailing()).isFalse();
    assertThat(LogViewModel.logged(SNAPSHOT, Optional.of(WEB_1.id())))
        .as("the tab still shows, to say so")
        .isTrue();
    assertThat(LogViewModel.logged(SNAPSHOT, Optional.of("aws/xray"))).isFalse();
  }

  @Test
  void linesOfSeveralStreamsMergeByTimeOnThePulseAsOneEdit() {
    LogViewModel m = model();
    List<ShownLine> control = new ArrayList<>();
    m.onEdit(
        e -> {
          control.subList(0, Math.min(e.trimmed(), control.size())).clear();
          if (e.from() < control.size()) {
            control.subList(e.from(), control.size()).clear();
          }
          control.addAll(e.tail());
        });
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    tails.last().line(WEB, T0.plusSeconds(1), "web 1").line(WEB, T0.plusSeconds(3), "web 3");
    tails.last().line(ENVOY, T0.plusSeconds(2), "envoy 2");
    assertThat(m.lines()).as("nothing before the pulse").isEmpty();
    pulsed(m);
    assertThat(texts(m)).containsExactly("web 1", "envoy 2", "web 3");
    tails.last().line(ENVOY, T0.plusSeconds(1).plusMillis(500), "envoy 1.5");
    pulsed(m);
    assertThat(texts(m)).containsExactly("web 1", "envoy 1.5", "envoy 2", "web 3");
    assertThat(control).containsExactlyElementsOf(m.lines());
    assertThat(m.linesReceived()).isEqualTo(4);
  }

  @Test
  void aPulseMovesABoundedBatchAndAsksForMore() {
    LogViewModel m =
        new LogViewModel(Optional.of(tails), 50_000, MASKING, ZoneOffset.UTC, System::nanoTime);
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    tails.last().lines(WEB, T0, LogViewModel.LINES_PER_PULSE + 10, "l");
    assertThat(m.pulse()).isTrue();
    assertThat(m.lines()).hasSize(LogViewModel.LINES_PER_PULSE);
    assertThat(m.pulse()).isFalse();
    assertThat(m.lines()).hasSize(LogViewModel.LINES_PER_PULSE + 10);
  }

  @Test
  void theListKeepsTheBufferedLinesAndCountsWhatItCouldNotKeep() {
    LogViewModel m =
        new LogViewModel(Optional.of(tails), 100, MASKING, ZoneOffset.UTC, System::nanoTime);
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    tails.last().lines(WEB, T0, 250, "l");
    pulsed(m);
    assertThat(m.lines()).hasSize(100);
    assertThat(texts(m).get(99)).isEqualTo("l249");
    assertThat(m.linesDropped()).as("the ring kept only 100 of 250").isEqualTo(150);
    assertThat(m.counts().get()).isEqualTo("100 lines · 150 dropped");
  }

  @Test
  void followingUntilPausedAndEndFollowsAgain() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    assertThat(m.following().get()).isTrue();
    m.pause();
    tails.last().lines(WEB, T0, 5, "l");
    pulsed(m);
    assertThat(m.following().get()).as("new lines do not resume following").isFalse();
    assertThat(m.lines()).hasSize(5);
    m.follow();
    assertThat(m.following().get()).isTrue();
  }

  @Test
  void searchGoesToTheNextAndPreviousMatchAndPausesThere() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    tails
        .last()
        .line(WEB, T0.plusSeconds(1), "GET /a 200")
        .line(WEB, T0.plusSeconds(2), "upstream timeout")
        .line(WEB, T0.plusSeconds(3), "GET /b 200")
        .line(WEB, T0.plusSeconds(4), "Timeout again");
    pulsed(m);
    m.searchFor("timeout");
    assertThat(m.found().get()).isEqualTo("2 matches");
    assertThat(m.nextMatch(true)).hasValue(1);
    assertThat(m.following().get()).isFalse();
    assertThat(m.found().get()).isEqualTo("1 of 2");
    assertThat(m.nextMatch(true)).hasValue(3);
    assertThat(m.found().get()).isEqualTo("2 of 2");
    assertThat(m.nextMatch(false)).hasValue(1);
    assertThat(m.details().get()).map(LogLineDetails::index).contains(1);
    m.searchFor("nowhere");
    assertThat(m.nextMatch(true)).isEmpty();
    assertThat(m.found().get()).isEqualTo("No line holds \"nowhere\".");
  }

  @Test
  void searchFindsWhatIsShownSoAMaskedSecretIsNotFoundUntilRevealed() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    tails.last().line(WEB, T0, "login password=hunter2");
    pulsed(m);
    m.searchFor("hunter2");
    assertThat(m.nextMatch(true)).isEmpty();
    m.setRevealed(true);
    assertThat(m.nextMatch(true)).hasValue(0);
  }

  @Test
  void jumpingToATimeSelectsTheFirstLineAtOrAfterIt() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    tails
        .last()
        .line(WEB, T0.plusSeconds(1), "one")
        .line(ENVOY, T0.plusSeconds(5), "five")
        .line(WEB, T0.plusSeconds(9), "nine");
    pulsed(m);
    assertThat(m.jumpTo("10:00:04")).hasValue(1);
    assertThat(m.following().get()).isFalse();
    assertThat(m.details().get()).map(LogLineDetails::label).contains(ENVOY.label());
    assertThat(m.jumpTo("2026-12-08T10:00:09Z")).hasValue(2);
    assertThat(m.jumpTo("10:00:10")).isEmpty();
    assertThat(m.found().get()).startsWith("No line at or after");
    assertThat(m.jumpTo("soon")).isEmpty();
  }

  @Test
  void copyGivesTheLinesAsTextWithSecretsMaskedUnlessRevealed() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    tails
        .last()
        .line(WEB, T0.plusSeconds(1), "login password=hunter2 ok")
        .line(ENVOY, T0.plusSeconds(2), "GET /health 200");
    pulsed(m);
    assertThat(m.copy(List.of(1, 0)))
        .isEqualTo(
            "2026-12-08T10:00:01Z web-1/web login password=**** ok\n"
                + "2026-12-08T10:00:02Z web-1/envoy GET /health 200\n");
    m.setRevealed(true);
    assertThat(m.copy(List.of(0))).contains("password=hunter2");
  }

  @Test
  void streamStatesAreRowsAndARestartedContainerOffersItsPreviousRun() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    tails.last().live(WEB).live(ENVOY);
    tails
        .last()
        .sink
        .state(LogStreamState.of(ENVOY, LogStreamState.Phase.RECONNECTING, "reconnecting: ended"));
    pulsed(m);
    List<LogStreamRow> rows = m.streams().get();
    assertThat(rows).extracting(LogStreamRow::label).containsExactly("web-1/web", "web-1/envoy");
    assertThat(rows.get(1).phaseText()).isEqualTo("reconnecting");
    assertThat(rows).extracting(LogStreamRow::previousRun).containsExactly(false, true);
    assertThat(rows.get(0).colour()).isNotEqualTo(rows.get(1).colour());

    m.showPrevious("envoy");
    Opened previous = tails.last();
    int opened = tails.opened.size();
    m.showPrevious("envoy");
    assertThat(tails.opened).as("asked again: the one run shown").hasSize(opened);
    assertThat(previous.request.previous()).isTrue();
    assertThat(previous.request.containers()).containsExactly("envoy");
    assertThat(previous.request.follow()).isFalse();
    assertThat(m.streams().get()).extracting(LogStreamRow::previousRun).containsOnly(false);
    m.inspect(SNAPSHOT, Optional.of(WEB_2.id()));
    assertThat(previous.closed()).as("the previous run closes with the selection").isTrue();
  }

  @Test
  void thePreviousRunAskedBeforeTheTabShowsIsTailedWhenItShows() {
    LogViewModel m = model();
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id() + "/envoy"));
    m.showPrevious("envoy");
    assertThat(tails.opened).isEmpty();
    m.showing(true);
    assertThat(tails.opened).extracting(o -> o.request.previous()).containsExactly(false, true);
  }

  @Test
  void detachingHandsTheTailToAWindowThatKeepsItUntilItCloses() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    Opened tail = tails.last();
    tail.line(WEB, T0, "before");
    pulsed(m);
    List<Integer> cleared = new ArrayList<>();
    m.onEdit(e -> cleared.add(e.trimmed()));

    LogViewModel window = m.detach().orElseThrow();
    assertThat(cleared).containsExactly(1);
    assertThat(m.lines()).isEmpty();
    assertThat(m.absent().get()).isEqualTo(LogViewModel.DETACHED);
    assertThat(tails.opened).as("the same tail, not a second").hasSize(1);
    assertThat(texts(window)).containsExactly("before");
    tail.line(WEB, T0.plusSeconds(1), "after");
    pulsed(window);
    assertThat(texts(window)).containsExactly("before", "after");

    window.inspect(SNAPSHOT, Optional.of(WEB_2.id()));
    m.inspect(SNAPSHOT, Optional.of(WEB_2.id()));
    assertThat(tail.closed()).as("the window follows its own tail").isFalse();
    assertThat(tails.open()).hasSize(2);
    window.close();
    assertThat(tail.closed()).isTrue();
  }

  @Test
  void aTraceIdInALineGoesToWhoeverOpensTraces() {
    LogViewModel m = model();
    List<String> opened = new ArrayList<>();
    m.onTrace(opened::add);
    m.openTrace("1-5f7c9abc-0123456789abcdef01234567");
    assertThat(opened).containsExactly("1-5f7c9abc-0123456789abcdef01234567");
    assertThat(Set.copyOf(opened)).hasSize(1);
  }

  @Test
  void linesAreTaggedByContainerForOnePodAndByReplicaAndContainerForSeveral() {
    LogViewModel m = model();
    m.showing(true);
    m.inspect(SNAPSHOT, Optional.of(WEB_1.id()));
    tails.last().live(WEB).live(ENVOY);
    pulsed(m);
    assertThat(m.tag(ENVOY)).isEqualTo("envoy");
    LogStream other =
        new LogStream(LogStream.KUBERNETES, WEB_2.id(), "web-7f9c-x2k4q", "web", false);
    tails.last().live(other);
    pulsed(m);
    assertThat(m.tag(ENVOY)).isEqualTo("1/envoy");
    assertThat(m.tag(other)).isEqualTo("x2k4q/web");
    assertThat(LogViewModel.shortOwner("5d0f4c6b2a8e4b1f9c3a7e6d2b1c0a9f")).isEqualTo("5d0f4c6b");
  }
}
