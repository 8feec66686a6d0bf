package dev.sidescope.collectors.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The request budget on a clock the test moves: no sleeping. */
class RequestBudgetTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RequestBudget budget = new RequestBudget(5, now::get);

  private void advance(long millis) {
    now.addAndGet(Duration.ofMillis(millis).toNanos());
  }

  @Test
  void fiveRequestsGoAtOnceAndTheSixthWaitsForTheWindow() {
    for (int i = 0; i < 5; i++) {
      assertThat(budget.tryAcquire()).isZero();
    }
    assertThat(budget.tryAcquire()).isEqualTo(RequestBudget.WINDOW);

    advance(1_099);
    assertThat(budget.tryAcquire()).isEqualTo(Duration.ofMillis(1));
    advance(1);
    assertThat(budget.tryAcquire()).isZero();
  }

  @Test
  void theWaitIsUntilTheOldestRequestLeavesTheWindow() {
    for (long at : new long[] {0, 300, 300, 300, 100}) {
      advance(at);
      assertThat(budget.tryAcquire()).isZero();
    }
    advance(50);

    assertThat(budget.tryAcquire()).isEqualTo(Duration.ofMillis(1_100 - 1_050));
  }

  @Test
  void noSecondEverHoldsMoreThanFiveGrantedRequests() {
    Random random = new Random(7);
    List<Long> granted = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      advance(random.nextInt(120));
      if (budget.tryAcquire().isZero()) {
        granted.add(now.get());
      }
    }

    long second = Duration.ofSeconds(1).toNanos();
    int most = 0;
    for (int i = 0; i < granted.size(); i++) {
      int inWindow = 0;
      for (int j = i; j < granted.size() && granted.get(j) - granted.get(i) < second; j++) {
        inWindow++;
      }
      most = Math.max(most, inWindow);
    }
    assertThat(granted).hasSizeGreaterThan(1_000);
    assertThat(most).isEqualTo(5);
  }
}
