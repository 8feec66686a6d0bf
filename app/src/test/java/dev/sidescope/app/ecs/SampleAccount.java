package dev.sidescope.app.ecs;

import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.ecs.EcsSettings;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.samples.aws.SampleAwsEndpoint;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.source.ObservationSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The production ECS source pointed at a sample cluster's AWS endpoint, as --write-env would. */
final class SampleAccount {
  private SampleAccount() {}

  /** The environment a shell gets from the endpoint, with a home of its own and no EC2. */
  static AwsEnvironment environment(SampleAwsEndpoint endpoint, Path home) {
    Map<String, String> env = new HashMap<>(endpoint.environment());
    // Tests never run on EC2: never probe the instance metadata service.
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    return AwsEnvironment.of(env, home);
  }

  static EcsSettings.Builder settings(SampleAwsEndpoint endpoint, Path home) {
    return EcsSettings.builder()
        .environment(environment(endpoint, home))
        .pollInterval(Duration.ofMillis(200));
  }

  static EcsSource source(EcsSettings settings) {
    return available(EcsSource.resolve(settings));
  }

  /** A source that publishes to {@code sink} once started. */
  static EcsSource source(EcsSettings settings, ObservationSink sink) {
    return available(EcsSource.resolve(settings, sink));
  }

  private static EcsSource available(EcsSource.Resolution resolution) {
    return resolution
        .available()
        .orElseThrow(() -> new AssertionError(resolution.whyAbsent().orElse("")));
  }

  /** A sink that queues what it hears, for tests to wait on. */
  static final class Recorder implements ObservationSink {
    final BlockingQueue<SourceStatus> statuses = new LinkedBlockingQueue<>();
    final BlockingQueue<Observations> observations = new LinkedBlockingQueue<>();

    @Override
    public void publish(String sourceId, Observations seen) {
      observations.add(seen);
    }

    @Override
    public void publishStatus(SourceStatus status) {
      statuses.add(status);
    }

    @Override
    public void withdraw(String sourceId) {}
  }
}
