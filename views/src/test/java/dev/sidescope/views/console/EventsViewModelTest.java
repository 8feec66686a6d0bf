package dev.sidescope.views.console;

import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static dev.sidescope.testing.SeedSample.ORDER_POD_2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.events.EventFeedState;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.testing.RecordingEventFeeds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The Events tab's state: a feed open only while the tab shows a pod, task or container; events
 * newest first, a container's own when one is selected; one sentence per container not ready or
 * restarted; what an old feed says after the selection moved is dropped; secrets masked.
 */
class EventsViewModelTest {
  private static final Instant NOW = SeedSample.NOW;
  private static final TopologySnapshot SEED = SeedSample.snapshot();
  private static final String XRAY_2 = ORDER_POD_2 + "/xray-daemon";

  private final RecordingEventFeeds feeds = new RecordingEventFeeds();
  private final List<Runnable> queued = new ArrayList<>();
  private final Executor later = queued::add;

  private EventsViewModel model(Executor window) {
    return new EventsViewModel(Optional.of(feeds), window, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static PlatformEvent event(
      String workload,
      String container,
      PlatformEvent.Type type,
      String reason,
      String message,
      int count,
      long firstAgo,
      long lastAgo) {
    return new PlatformEvent(
        workload,
        "Pod",
        workload.substring(workload.lastIndexOf('/') + 1),
        Optional.ofNullable(container),
        type,
        reason,
        message,
        count,
        NOW.minusSeconds(firstAgo),
        NOW.minusSeconds(lastAgo),
        "kubelet");
  }

  private static PlatformEvent probeFailure() {
    return event(
        ORDER_POD_2,
        "xray-daemon",
        PlatformEvent.Type.WARNING,
        "Unhealthy",
        "Readiness probe failed: Get \"http://10.0.1.12:2000/\": connection refused",
        41,
        1200,
        12);
  }

  private static PlatformEvent started() {
    return event(
        ORDER_POD_2,
        "order-service",
        PlatformEvent.Type.NORMAL,
        "Started",
        "Started",
        1,
        1300,
        1300);
  }

  @Test
  void aFeedOpensOnlyWhileTheTabShowsAndClosesWhenTheSelectionMoves() {
    EventsViewModel m = model(Runnable::run);
    m.inspect(SEED, Optional.of(ORDER_POD));
    assertThat(feeds.opened).isEmpty();
    m.showing(true);
    assertThat(feeds.open()).hasSize(1);
    assertThat(feeds.last().workloads).extracting(w -> w.id()).containsExactly(ORDER_POD);

    m.inspect(SEED, Optional.of(ORDER_POD_2));
    assertThat(feeds.opened).hasSize(2);
    assertThat(feeds.opened.get(0).closed()).isTrue();
    assertThat(feeds.open()).hasSize(1);

    m.showing(false);
    assertThat(feeds.open()).isEmpty();
  }

  @Test
  void movingBetweenAPodsContainersKeepsItsFeedAndMarksTheContainersOwnEvents() {
    EventsViewModel m = model(Runnable::run);
    m.showing(true);
    m.inspect(SEED, Optional.of(ORDER_POD_2));
    feeds.last().events(ORDER_POD_2, started(), probeFailure());
    assertThat(m.rows().get()).extracting(EventRow::reason).containsExactly("Unhealthy", "Started");
    assertThat(m.rows().get()).noneMatch(EventRow::selected);

    m.inspect(SEED, Optional.of(XRAY_2));
    assertThat(feeds.opened).hasSize(1);
    assertThat(m.rows().get()).extracting(EventRow::reason).containsExactly("Unhealthy", "Started");
    assertThat(m.rows().get()).extracting(EventRow::selected).containsExactly(true, false);
    assertThat(m.heading().get()).isEqualTo("Pod order-service-5f7c9-b7d2m · shop");
  }

  @Test
  void aContainerNotReadySaysTheNewestProbeFailure() {
    EventsViewModel m = model(Runnable::run);
    m.showing(true);
    m.inspect(SEED, Optional.of(ORDER_POD_2));
    assertThat(m.why().get())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("xray-daemon is not ready; the platform has said nothing"));

    feeds.last().events(ORDER_POD_2, probeFailure());
    assertThat(m.why().get())
        .contains(
            "xray-daemon is not ready: Readiness probe failed: Get \"http://10.0.1.12:2000/\":"
                + " connection refused (×41, last 12 s ago)");
    EventRow row = m.rows().get().get(0);
    assertThat(row.warning()).isTrue();
    assertThat(row.about()).isEqualTo("xray-daemon");
    assertThat(row.times()).isEqualTo("×41 since 09:40:00");
    assertThat(row.when()).isEqualTo("09:59:48 (12 s ago)");
  }

  @Test
  void whatAnOldFeedSaysAfterTheSelectionMovedIsDropped() {
    EventsViewModel m = model(later);
    m.showing(true);
    m.inspect(SEED, Optional.of(ORDER_POD_2));
    RecordingEventFeeds.Opened old = feeds.last();
    old.events(ORDER_POD_2, probeFailure());
    m.inspect(SEED, Optional.of(ORDER_POD));
    queued.forEach(Runnable::run);
    assertThat(m.rows().get()).isEmpty();
  }

  @Test
  void aFailedSourceIsSaidAboveTheEvents() {
    EventsViewModel m = model(Runnable::run);
    m.showing(true);
    m.inspect(SEED, Optional.of(ORDER_POD));
    feeds
        .last()
        .state(ORDER_POD, EventFeedState.Phase.FAILED, "the API refused to list events: forbidden");
    assertThat(m.state().get()).isEqualTo("the API refused to list events: forbidden");
  }

  @Test
  void secretsInMessagesAreMaskedUnlessRevealed() {
    EventsViewModel m = model(Runnable::run);
    m.showing(true);
    m.inspect(SEED, Optional.of(ORDER_POD));
    String secret = "AKIAIOSFODNN7EXAMPLE";
    feeds
        .last()
        .events(
            ORDER_POD,
            event(
                ORDER_POD,
                null,
                PlatformEvent.Type.WARNING,
                "Failed",
                "pull failed with aws_access_key_id=" + secret,
                1,
                30,
                30));
    assertThat(m.rows().get().get(0).message()).doesNotContain(secret);
    assertThat(m.copy(List.of(0))).doesNotContain(secret);
    m.setRevealed(true);
    assertThat(m.rows().get().get(0).message()).contains(secret);
  }

  @Test
  void withoutASourceTheTabSaysSo() {
    EventsViewModel m =
        new EventsViewModel(Optional.empty(), Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC));
    m.showing(true);
    m.inspect(SEED, Optional.of(ORDER_POD));
    assertThat(m.absent().get()).isEqualTo(EventsViewModel.NO_SOURCE);
    m.inspect(SEED, Optional.of("aws/xray"));
    assertThat(m.absent().get()).isEqualTo(EventsViewModel.NO_SOURCE);
  }
}
