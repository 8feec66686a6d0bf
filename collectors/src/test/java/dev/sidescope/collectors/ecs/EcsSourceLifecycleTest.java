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

  private EcsSource source() {
    CannedHttpClient emptyAccount =
        new CannedHttpClient(
            call ->
                switch (call.operation()) {
                  case "ListClusters" -> Answer.ok("{\"clusterArns\": []}");
                  default -> Answer.error(400, "UnknownOperationException", "no");
                });
    return EcsSource.resolve(
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
                .build())
        .available()
        .orElseThrow();
  }

  @Test
  void startedSourcePollsOnItsOwnThreadAndSurvivesAThrowingListener() throws Exception {
    BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    BlockingQueue<SourceStatus> statuses = new LinkedBlockingQueue<>();
    AtomicInteger passes = new AtomicInteger();
    try (EcsSource source = source()) {
      source.start(
          new EcsSource.Listener() {
            @Override
            public void observations(Observations observations) {
              threads.add(Thread.currentThread().getName());
              if (passes.incrementAndGet() == 1) {
                throw new IllegalStateException("a store that fell over");
              }
            }

            @Override
            public void status(SourceStatus status) {
              statuses.add(status);
            }
          });

      assertThat(statuses.poll(10, SECONDS).status()).isEqualTo(SourceState.CONNECTING);
      assertThat(statuses.poll(10, SECONDS).status()).isEqualTo(SourceState.LIVE);
      assertThat(threads.poll(10, SECONDS)).isEqualTo("sidescope-ecs-eu-west-1");
      assertThat(threads.poll(10, SECONDS)).as("polling goes on").isNotNull();
      assertThatThrownBy(() -> source.start(o -> {})).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void closedSourceNeitherPollsNorStarts() {
    EcsSource source = source();
    assertThat(source.id()).isEqualTo("ecs/eu-west-1");
    assertThat(source.status().status()).isEqualTo(SourceState.CONNECTING);
    source.close();
    source.close();

    assertThatThrownBy(source::pollOnce).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> source.start(o -> {})).isInstanceOf(IllegalStateException.class);
  }
}
