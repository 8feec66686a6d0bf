package dev.sidescope.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class OverlayDataTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final SourceStatus DOWN =
      SourceStatus.of("kubernetes/a", SourceState.DOWN, "gone", T0);
  private static final SourceStatus STALE =
      SourceStatus.of("kubernetes/b", SourceState.STALE, "watch lost", T0);

  @Test
  void aValueIsReadBackUnderItsKeyAndSubjectOnly() {
    OverlayData data =
        OverlayData.builder().put("pod-a", OverlayKeys.SOURCE_UNAVAILABLE, DOWN).build();

    assertThat(data.get("pod-a", OverlayKeys.SOURCE_UNAVAILABLE)).contains(DOWN);
    assertThat(data.get("pod-b", OverlayKeys.SOURCE_UNAVAILABLE)).isEmpty();
    assertThat(data.get("pod-a", OverlayKeys.EDGE_TRAFFIC)).isEmpty();
    assertThat(data.keys()).containsExactly(OverlayKeys.SOURCE_UNAVAILABLE);
  }

  @Test
  void subjectsComeInTheOrderOfTheirIdsWhateverTheOrderTheyWerePut() {
    OverlayData data =
        OverlayData.builder()
            .put("c", OverlayKeys.SOURCE_UNAVAILABLE, DOWN)
            .put("a", OverlayKeys.SOURCE_UNAVAILABLE, DOWN)
            .put("b", OverlayKeys.SOURCE_UNAVAILABLE, STALE)
            .build();

    assertThat(data.all(OverlayKeys.SOURCE_UNAVAILABLE).keySet()).containsExactly("a", "b", "c");
  }

  @Test
  void valuesReplacedUnderAKeyComeInTheOrderOfTheirSubjectsToo() {
    Map<String, SourceStatus> unordered = new LinkedHashMap<>();
    unordered.put("c", DOWN);
    unordered.put("a", STALE);
    unordered.put("b", DOWN);

    OverlayData data = OverlayData.EMPTY.with(OverlayKeys.SOURCE_UNAVAILABLE, unordered);

    assertThat(data.all(OverlayKeys.SOURCE_UNAVAILABLE).keySet()).containsExactly("a", "b", "c");
    assertThat(data.get("a", OverlayKeys.SOURCE_UNAVAILABLE)).contains(STALE);
    assertThat(data)
        .isEqualTo(
            OverlayData.builder()
                .put("b", OverlayKeys.SOURCE_UNAVAILABLE, DOWN)
                .put("a", OverlayKeys.SOURCE_UNAVAILABLE, STALE)
                .put("c", OverlayKeys.SOURCE_UNAVAILABLE, DOWN)
                .build());
  }

  @Test
  void nothingPutIsTheEmptyData() {
    assertThat(OverlayData.builder().build()).isSameAs(OverlayData.EMPTY);
    assertThat(OverlayData.EMPTY.all(OverlayKeys.EDGE_TRAFFIC)).isEmpty();
    assertThat(OverlayData.EMPTY.with(OverlayKeys.EDGE_TRAFFIC, Map.of()))
        .isEqualTo(OverlayData.EMPTY);
  }

  @Test
  void mergingKeepsTheEarlierSourcesValueAboutTheSameSubject() {
    OverlayData first =
        OverlayData.builder().put("x", OverlayKeys.SOURCE_UNAVAILABLE, DOWN).build();
    OverlayData second =
        OverlayData.builder()
            .put("x", OverlayKeys.SOURCE_UNAVAILABLE, STALE)
            .put("y", OverlayKeys.SOURCE_UNAVAILABLE, STALE)
            .build();

    OverlayData merged = OverlayData.merge(List.of(first, second));

    assertThat(merged.get("x", OverlayKeys.SOURCE_UNAVAILABLE)).contains(DOWN);
    assertThat(merged.get("y", OverlayKeys.SOURCE_UNAVAILABLE)).contains(STALE);
    assertThat(OverlayData.merge(List.of(OverlayData.EMPTY, second))).isSameAs(second);
  }

  @Test
  void renamingFoldsSubjectsThatBecomeOneInTheOrderOfTheirOldIds() {
    OverlayData data =
        OverlayData.builder()
            .put("pod-2", OverlayKeys.SOURCE_UNAVAILABLE, STALE)
            .put("pod-1", OverlayKeys.SOURCE_UNAVAILABLE, DOWN)
            .put("other", OverlayKeys.SOURCE_UNAVAILABLE, STALE)
            .build();

    OverlayData boxed = data.renamed(id -> id.startsWith("pod-") ? "box" : id);

    // The key keeps the first by id: pod-1's.
    assertThat(boxed.all(OverlayKeys.SOURCE_UNAVAILABLE))
        .containsExactly(Map.entry("box", DOWN), Map.entry("other", STALE));
  }

  @Test
  void equalDataAreEqualWhateverTheOrderTheyWereBuiltIn() {
    EdgeTraffic traffic =
        new EdgeTraffic(
            new EdgeMetrics(
                OptionalDouble.of(1),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty()),
            Evidence.ENVOY);
    OverlayData a =
        OverlayData.builder()
            .put("e", OverlayKeys.EDGE_TRAFFIC, traffic)
            .put("w", OverlayKeys.SOURCE_UNAVAILABLE, DOWN)
            .build();
    OverlayData b =
        OverlayData.builder()
            .put("w", OverlayKeys.SOURCE_UNAVAILABLE, DOWN)
            .put("e", OverlayKeys.EDGE_TRAFFIC, traffic)
            .build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }
}
