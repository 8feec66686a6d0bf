package dev.sidescope.views.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogRingTest {

  @Test
  void linesComeOutOldestFirstInTheOrderTheyWentIn() {
    LogRing<Integer> ring = new LogRing<>(10);
    ring.addAll(List.of(1, 2, 3));
    ring.add(4);
    List<Integer> out = new ArrayList<>();
    assertThat(ring.drainTo(out, 100)).isEqualTo(4);
    assertThat(out).containsExactly(1, 2, 3, 4);
    assertThat(ring.waiting()).isZero();
  }

  @Test
  void aFullRingDropsItsOldestLinesAndCountsThem() {
    LogRing<Integer> ring = new LogRing<>(3);
    for (int i = 1; i <= 7; i++) {
      ring.add(i);
    }
    assertThat(ring.waiting()).isEqualTo(3);
    assertThat(ring.dropped()).isEqualTo(4);
    assertThat(ring.written()).isEqualTo(7);
    List<Integer> out = new ArrayList<>();
    ring.drainTo(out, 10);
    assertThat(out).containsExactly(5, 6, 7);
  }

  @Test
  void aDrainTakesAtMostWhatItIsAllowedAndLeavesTheRestInOrder() {
    LogRing<Integer> ring = new LogRing<>(5);
    ring.addAll(List.of(1, 2, 3, 4, 5));
    List<Integer> out = new ArrayList<>();
    assertThat(ring.drainTo(out, 2)).isEqualTo(2);
    ring.addAll(List.of(6, 7));
    ring.drainTo(out, 10);
    assertThat(out).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(ring.dropped()).isZero();
  }

  @Test
  void aRingHoldsAtLeastOneLine() {
    assertThatThrownBy(() -> new LogRing<>(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentWritersLoseNothingBelowCapacityAndKeepEachWritersOrder() throws Exception {
    int writers = 4;
    int each = 20_000;
    LogRing<long[]> ring = new LogRing<>(writers * each);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    for (int w = 0; w < writers; w++) {
      long writer = w;
      pool.execute(
          () -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              return;
            }
            for (int i = 0; i < each; i++) {
              ring.add(new long[] {writer, i});
            }
          });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    List<long[]> out = new ArrayList<>();
    ring.drainTo(out, Integer.MAX_VALUE);
    assertThat(out).hasSize(writers * each);
    Map<Long, Long> next = new HashMap<>();
    for (long[] l : out) {
      long expected = next.getOrDefault(l[0], 0L);
      assertThat(l[1]).as("writer %d's lines in order", l[0]).isEqualTo(expected);
      next.put(l[0], expected + 1);
    }
  }

  @Test
  void concurrentWritersPastCapacityKeepItBoundedAndCountEveryDrop() throws Exception {
    int writers = 4;
    int each = 50_000;
    LogRing<Integer> ring = new LogRing<>(1_000);
    List<Integer> drained = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    for (int w = 0; w < writers; w++) {
      pool.execute(
          () -> {
            for (int i = 0; i < each; i++) {
              ring.add(i);
            }
          });
    }
    pool.shutdown();
    while (!pool.isTerminated()) {
      ring.drainTo(drained, 256);
      assertThat(ring.waiting()).isLessThanOrEqualTo(1_000);
    }
    ring.drainTo(drained, Integer.MAX_VALUE);
    assertThat(ring.written()).isEqualTo((long) writers * each);
    assertThat(drained.size() + ring.dropped()).isEqualTo((long) writers * each);
  }
}
