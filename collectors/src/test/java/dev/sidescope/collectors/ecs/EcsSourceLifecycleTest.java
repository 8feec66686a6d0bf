package dev.sidescope.collectors.ecs;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.aws.CannedHttpClient;
import dev.sidescope.collectors.aws.CannedHttpClient.Answer;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.source.ObservationSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, polling on the source's own thread, and closing, as the Javadoc promises. */
class EcsSourceLifecycleTest {
  @TempDir Path home;

  /** A source over an empty account, publishing to {@code sink}; with none, for listing only. */
  private EcsSource source(ObservationSink sink) {
    CannedHttpClient emptyAccount =
        new CannedHttpClient(
            call ->
                switch (call.operation()) {
                  case "ListClusters" -> Answer.ok("{\"clusterArns\": []}");
                  default -> Answer.error(400, "UnknownOperationException", "no");
                });
    EcsSettings settings =
        EcsSettings.builder()
            .environment(
                AwsEnvironment.of(
                    Map.of(
                        "AWS_ACCESS_KEY_ID", "A",
                        "AWS_SECRET_ACCESS_KEY", "s",
                        "AWS_REGION", "eu-west-1"),
                    home))
            .pollInterval(Duration.ofMillis(50))
            .httpClient(emptyAccount)
            .build();
    return (sink == null ? EcsSource.resolve(settings) : EcsSource.resolve(settings, sink))
        .available()
        .orElseThrow();
  }

  @Test
  void startedSourcePollsOnItsOwnThreadAndSurvivesAThrowingSink() throws Exception {
    BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    BlockingQueue<SourceStatus> statuses = new LinkedBlockingQueue<>();
    AtomicInteger passes = new AtomicInteger();
    ObservationSink sink =
        new ObservationSink() {
          @Override
          public void publish(String sourceId, Observations observations) {
            threads.add(Thread.currentThread().getName());
            if (passes.incrementAndGet() == 1) {
              throw new IllegalStateException("a store that fell over");
            }
          }

          @Override
          public void publishStatus(SourceStatus status) {
            statuses.add(status);
          }

          @Override
          public void withdraw(String sourceId) {}
        };
    try (EcsSource source = source(sink)) {
      source.start();

      assertThat(statuses.poll(10, SECONDS).status()).isEqualTo(SourceState.CONNECTING);
      assertThat(statuses.poll(10, SECONDS).status()).isEqualTo(SourceState.LIVE);
      assertThat(threads.poll(10, SECONDS)).isEqualTo("sidescope-ecs-eu-west-1");
      assertThat(threads.poll(10, SECONDS)).as("polling goes on").isNotNull();
      source.start(); // a second start has no further effect: still the one poll thread
      assertThat(threads.poll(10, SECONDS)).isEqualTo("sidescope-ecs-eu-west-1");
      assertThat(statuses).as("no second CONNECTING").isEmpty();
    }
  }

  @Test
  void closedSourceNeitherPollsNorStarts() {
    EcsSource source = source(null);
    assertThat(source.id()).isEqualTo("ecs/eu-west-1");
    assertThat(source.status().status()).isEqualTo(SourceState.CONNECTING);
    source.close();
    source.close();

    assertThatThrownBy(source::pollOnce).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(source::start)
        .as("a source made to list clusters has nowhere to publish")
        .isInstanceOf(IllegalStateException.class);
  }
}
