package dev.sidescope.views.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LogListTest {
  private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");
  private static final LogStream APP =
      new LogStream(LogStream.KUBERNETES, "w", "pod", "app", false);
  private static final LogStream ENVOY =
      new LogStream(LogStream.KUBERNETES, "w", "pod", "envoy", false);
  private static final Function<ShownLine, String> RAW = l -> l.line().text();

  private static ShownLine at(LogStream s, int second, String text) {
    return new ShownLine(new LogLine(T0.plusSeconds(second), s, text), 0, false);
  }

  private static List<String> texts(LogList list) {
    return list.lines().stream().map(l -> l.line().text()).toList();
  }

  /** Applies edits to a copy, as the list control does, to check they say the same. */
  private static void apply(List<ShownLine> copy, LogList.Edit e) {
    copy.subList(0, Math.min(e.trimmed(), copy.size())).clear();
    if (e.from() < copy.size()) {
      copy.subList(e.from(), copy.size()).clear();
    }
    copy.addAll(e.tail());
  }

  @Test
  void linesOfSeveralStreamsMergeByTimeWhateverOrderTheyArrive() {
    LogList list = new LogList(100);
    List<ShownLine> control = new ArrayList<>();
    apply(control, list.add(List.of(at(APP, 1, "a1"), at(APP, 4, "a4"))));
    apply(control, list.add(List.of(at(ENVOY, 2, "e2"), at(ENVOY, 3, "e3"), at(ENVOY, 5, "e5"))));
    apply(control, list.add(List.of(at(APP, 6, "a6"))));
    assertThat(texts(list)).containsExactly("a1", "e2", "e3", "a4", "e5", "a6");
    assertThat(control).containsExactlyElementsOf(list.lines());
  }

  @Test
  void aStreamsLinesOfOneTimeKeepTheirOrder() {
    LogList list = new LogList(100);
    list.add(List.of(at(APP, 1, "first"), at(APP, 1, "second"), at(APP, 1, "third")));
    assertThat(texts(list)).containsExactly("first", "second", "third");
  }

  @Test
  void theListKeepsItsNewestLinesAndTheEditSaysWhatWasTrimmed() {
    LogList list = new LogList(3);
    List<ShownLine> control = new ArrayList<>();
    apply(control, list.add(List.of(at(APP, 1, "1"), at(APP, 2, "2"))));
    LogList.Edit e = list.add(List.of(at(APP, 3, "3"), at(APP, 4, "4"), at(APP, 5, "5")));
    apply(control, e);
    assertThat(e.trimmed()).isEqualTo(2);
    assertThat(texts(list)).containsExactly("3", "4", "5");
    assertThat(control).containsExactlyElementsOf(list.lines());
    assertThat(list.added()).isEqualTo(5);
    assertThat(list.trimmed()).isEqualTo(2);
  }

  @Test
  void aLateLineMergedBeforeTrimmedLinesStillGivesAnEditThatMatches() {
    LogList list = new LogList(3);
    List<ShownLine> control = new ArrayList<>();
    apply(control, list.add(List.of(at(APP, 5, "a5"), at(APP, 6, "a6"), at(APP, 7, "a7"))));
    apply(control, list.add(List.of(at(ENVOY, 1, "e1"), at(ENVOY, 6, "e6"))));
    assertThat(texts(list)).containsExactly("a6", "e6", "a7");
    assertThat(control).containsExactlyElementsOf(list.lines());
  }

  @Test
  void findGoesForwardAndBackFromALineAndWrapsAround() {
    LogList list = new LogList(100);
    list.add(
        List.of(
            at(APP, 1, "GET /a 200"),
            at(APP, 2, "boom: Timeout"),
            at(APP, 3, "GET /b 200"),
            at(APP, 4, "timeout again")));
    assertThat(list.find("timeout", -1, true, RAW)).hasValue(1);
    assertThat(list.find("timeout", 1, true, RAW)).hasValue(3);
    assertThat(list.find("timeout", 3, true, RAW)).as("wraps").hasValue(1);
    assertThat(list.find("timeout", 3, false, RAW)).hasValue(1);
    assertThat(list.find("timeout", 1, false, RAW)).as("wraps back").hasValue(3);
    assertThat(list.find("nowhere", -1, true, RAW)).isEmpty();
    assertThat(list.count("TIMEOUT", RAW)).isEqualTo(2);
  }

  @Test
  void theFirstLineAtOrAfterATimeIsFound() {
    LogList list = new LogList(100);
    list.add(List.of(at(APP, 1, "1"), at(APP, 3, "3"), at(APP, 5, "5")));
    assertThat(list.firstAtOrAfter(T0.plusSeconds(3))).hasValue(1);
    assertThat(list.firstAtOrAfter(T0.plusSeconds(4))).hasValue(2);
    assertThat(list.firstAtOrAfter(T0)).hasValue(0);
    assertThat(list.firstAtOrAfter(T0.plusSeconds(6))).isEmpty();
  }

  @Test
  void aTimeIsReadAsATimeOfDayOnTheNewestLinesDayOrAsAnIsoTime() {
    ZoneId utc = ZoneOffset.UTC;
    Instant day = Instant.parse("2026-12-08T23:59:00Z");
    assertThat(TimeJump.parse("10:00:03", utc, day)).contains(T0.plusSeconds(3));
    assertThat(TimeJump.parse("10:00", utc, day)).contains(T0);
    assertThat(TimeJump.parse("2026-12-08T10:00:05Z", utc, day)).contains(T0.plusSeconds(5));
    assertThat(TimeJump.parse("2026-12-08T11:00:05+01:00", utc, day)).contains(T0.plusSeconds(5));
    assertThat(TimeJump.parse("2026-12-08T10:00:05", utc, day)).contains(T0.plusSeconds(5));
    assertThat(TimeJump.parse("yesterday", utc, day)).isEmpty();
  }
}
