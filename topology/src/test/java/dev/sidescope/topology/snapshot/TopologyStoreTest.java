package dev.sidescope.topology.snapshot;

import static dev.sidescope.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.testing.time.ManualClock;
import dev.sidescope.testing.time.ManualScheduler;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopologyStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final ManualScheduler writer = new ManualScheduler();
  private final TopologyStore store =
      new TopologyStore(SnapshotBuilder.standard(clock), Grouping.POD, writer, clock);

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void hundredPublishesMakeOneBuildAndTheLastOneWins() {
    for (int i = 1; i <= 100; i++) {
      store.publish("kubernetes/test", observations(pod("web-" + i)));
    }

    assertThat(writer.pending()).isEqualTo(1);
    writer.runAll();

    assertThat(store.builds()).isEqualTo(1);
    assertThat(workloadNames(store.latest().orElseThrow())).containsExactly("web-100");
  }

  @Test
  void buildsAreSpacedAQuarterSecondApart() {
    store.publish("kubernetes/test", observations(pod("web-1")));
    assertThat(writer.nextDelay()).isEqualTo(Duration.ZERO);
    writer.runAll();

    clock.advance(Duration.ofMillis(100));
    store.publish("kubernetes/test", observations(pod("web-2")));

    assertThat(writer.nextDelay()).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void aPublishLongAfterTheLastBuildIsBuiltAtOnce() {
    store.publish("kubernetes/test", observations(pod("web-1")));
    writer.runAll();

    clock.advance(Duration.ofSeconds(5));
    store.publish("kubernetes/test", observations(pod("web-2")));

    assertThat(writer.nextDelay()).isEqualTo(Duration.ZERO);
  }

  @Test
  void publishesDuringABuildAreNotQueuedTwiceButBuiltRightAfter() {
    List<Integer> scheduledDuringBuild = new ArrayList<>();
    store.addListener(
        snapshot -> {
          if (workloadNames(snapshot).contains("web-1")) {
            for (int i = 2; i <= 10; i++) {
              store.publish("kubernetes/test", observations(pod("web-" + i)));
            }
            scheduledDuringBuild.add(writer.pending());
          }
        });
    store.publish("kubernetes/test", observations(pod("web-1")));

    writer.runNext();

    assertThat(scheduledDuringBuild).containsExactly(0);
    assertThat(writer.pending()).isEqualTo(1);
    assertThat(writer.nextDelay()).isEqualTo(TopologyStore.MIN_INTERVAL);
    writer.runAll();
    assertThat(store.builds()).isEqualTo(2);
    assertThat(workloadNames(store.latest().orElseThrow())).containsExactly("web-10");
  }

  @Test
  void aPublishReplacesTheSourcesObservationsAndSourcesAreMerged() {
    store.publish("kubernetes/a", observations(pod("web-1"), pod("web-2")));
    store.publish("kubernetes/b", observations(pod("db-1")));
    store.publish("kubernetes/a", observations(pod("web-3")));
    writer.runAll();

    assertThat(workloadNames(store.latest().orElseThrow()))
        .containsExactlyInAnyOrder("web-3", "db-1");
  }

  @Test
  void aStatusAloneKeepsTheSourcesObservations() {
    store.publish("kubernetes/test", observations(pod("web-1")));
    writer.runAll();

    store.publishStatus(
        SourceStatus.of(
            "kubernetes/test",
            SourceState.STALE,
            "connection refused to http://127.0.0.1:6443",
            T0));
    writer.runAll();

    TopologySnapshot snapshot = store.latest().orElseThrow();
    assertThat(workloadNames(snapshot)).containsExactly("web-1");
    assertThat(snapshot.sources())
        .extracting(SourceStatus::status)
        .containsExactly(SourceState.STALE);
  }

  @Test
  void aWithdrawnSourceLeavesThePicture() {
    store.publish("kubernetes/a", observations(pod("web-1")));
    store.publishStatus(SourceStatus.live("kubernetes/a", T0));
    store.publish(
        "kubernetes/b",
        new Observations(
            List.of(pod("db-1")),
            List.of(),
            List.of(),
            List.of(SourceStatus.live("kubernetes/b", T0))));
    store.withdraw("kubernetes/a");
    writer.runAll();

    TopologySnapshot snapshot = store.latest().orElseThrow();
    assertThat(workloadNames(snapshot)).containsExactly("db-1");
    assertThat(snapshot.sources()).extracting(SourceStatus::id).containsExactly("kubernetes/b");
  }

  @Test
  void aFailingListenerDoesNotKeepTheOthersFromHearing() {
    List<TopologySnapshot> heard = new ArrayList<>();
    store.addListener(
        snapshot -> {
          throw new IllegalStateException("this listener is broken");
        });
    store.addListener(heard::add);

    store.publish("kubernetes/test", observations(pod("web-1")));
    writer.runAll();

    assertThat(heard).hasSize(1);
    assertThat(store.latest()).isPresent();
  }

  @Test
  void aFailedBuildIsReportedAndThePreviousSnapshotStays() {
    List<RuntimeException> failures = new ArrayList<>();
    List<TopologySnapshot> changes = new ArrayList<>();
    SnapshotBuilder explodesOnBroken =
        new SnapshotBuilder(
            workload -> {
              if (workload.name().equals("broken")) {
                throw new IllegalArgumentException("cannot classify");
              }
              return List.of();
            },
            (workloads, services) -> List.of(),
            clock);
    try (TopologyStore failing = new TopologyStore(explodesOnBroken, Grouping.POD, writer, clock)) {
      failing.addListener(
          new TopologyStore.Listener() {
            @Override
            public void changed(TopologySnapshot snapshot) {
              changes.add(snapshot);
            }

            @Override
            public void failed(RuntimeException error) {
              failures.add(error);
            }
          });
      failing.publish("kubernetes/test", observations(pod("web-1")));
      writer.runAll();
      failing.publish("kubernetes/test", observations(pod("broken")));
      clock.advance(Duration.ofSeconds(1));
      writer.runAll();

      assertThat(changes).hasSize(1);
      assertThat(failures).extracting(Throwable::getMessage).containsExactly("cannot classify");
      assertThat(workloadNames(failing.latest().orElseThrow())).containsExactly("web-1");
    }
  }

  @Test
  void switchingTheGroupingRebuilds() {
    store.publish("kubernetes/test", observations(pod("web-1")));
    writer.runAll();

    store.setGrouping(Grouping.WORKLOAD);
    writer.runAll();

    assertThat(store.latest().orElseThrow().grouping()).isEqualTo(Grouping.WORKLOAD);
    assertThat(store.builds()).isEqualTo(2);
  }

  @Test
  void rebuildCompletesWithASnapshotThatSeesEverythingPublishedBefore() {
    store.publish("kubernetes/test", observations(pod("web-1")));
    CompletableFuture<TopologySnapshot> next = store.rebuild();
    assertThat(next).isNotDone();

    writer.runAll();

    assertThat(next).isCompleted();
    assertThat(workloadNames(next.join())).containsExactly("web-1");
  }

  @Test
  void awaitSnapshotReturnsTheFirstMatchingSnapshotFromTheWriterThread() throws Exception {
    try (TopologyStore live =
        TopologyStore.onOwnThread(
            SnapshotBuilder.standard(Clock.systemUTC()), Grouping.POD, Clock.systemUTC())) {
      BlockingQueue<TopologySnapshot> heard = new LinkedBlockingQueue<>();
      live.addListener(heard::add);
      live.publish("kubernetes/test", observations(pod("web-1")));
      assertThat(heard.poll(10, TimeUnit.SECONDS)).isNotNull();
      live.publish("kubernetes/test", observations(pod("web-1"), pod("web-2")));

      Optional<TopologySnapshot> two =
          live.awaitSnapshot(s -> s.workloads().size() == 2, Duration.ofSeconds(10));

      assertThat(two).isPresent();
      assertThat(live.awaitSnapshot(s -> s.workloads().size() == 3, Duration.ofMillis(50)))
          .isEmpty();
    }
  }

  private static List<String> workloadNames(TopologySnapshot snapshot) {
    return snapshot.workloads().stream().map(Workload::name).toList();
  }

  private static Observations observations(WorkloadSpec... workloads) {
    return new Observations(List.of(workloads), List.of(), List.of(), List.of());
  }

  private static WorkloadSpec pod(String name) {
    return WorkloadBuilder.pod(name).app(container("app", "shop/web:1")).spec();
  }
}
