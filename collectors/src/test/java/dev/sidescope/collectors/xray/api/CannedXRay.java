package dev.sidescope.collectors.xray.api;

import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.aws.CannedHttpClient;
import dev.sidescope.collectors.aws.CannedHttpClient.Answer;
import dev.sidescope.collectors.aws.CannedHttpClient.Call;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.source.OverlaySink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/** X-Ray answered from memory, through the SDK, and a sink that records what it hears. */
final class CannedXRay {
  /** The console's "now" in these tests. */
  static final Instant NOW = Instant.parse("2026-12-07T21:00:00Z");

  static final String CREDENTIALS = "environment variables (AWS_ACCESS_KEY_ID)";

  private CannedXRay() {}

  /** Settings with static keys in eu-west-1, a fixed clock, and X-Ray answering {@code answers}. */
  static XRaySettings.Builder settings(Path home, CannedHttpClient transport) {
    return XRaySettings.builder()
        .environment(
            AwsEnvironment.of(
                Map.of(
                    "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                    "AWS_SECRET_ACCESS_KEY", "secret",
                    "AWS_REGION", "eu-west-1"),
                home))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .refresh(Duration.ofSeconds(30))
        .httpClient(transport);
  }

  static XRayApiSource source(Path home, CannedHttpClient transport, OverlaySink sink) {
    return XRayApiSource.resolve(settings(home, transport).build(), sink).available().orElseThrow();
  }

  /** Answers by X-Ray's REST path ({@code /ServiceGraph}, {@code /Traces}, ...). */
  static CannedHttpClient byPath(Function<Call, Answer> answers) {
    return new CannedHttpClient(answers);
  }

  static Answer throttled() {
    return Answer.error(429, "ThrottledException", "Rate exceeded");
  }

  static Answer denied(String operation) {
    return Answer.error(
        403,
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: xray:" + operation);
  }

  /** Records everything a source tells it, in order, with the thread it was told on. */
  static final class RecordingSink implements OverlaySink {
    final BlockingQueue<OverlayData> published = new LinkedBlockingQueue<>();
    final BlockingQueue<String> publishedAs = new LinkedBlockingQueue<>();
    final BlockingQueue<String> publishThreads = new LinkedBlockingQueue<>();
    final BlockingQueue<SourceStatus> statuses = new LinkedBlockingQueue<>();

    @Override
    public void publish(String sourceId, OverlayData measurements) {
      publishedAs.add(sourceId);
      publishThreads.add(Thread.currentThread().getName());
      published.add(measurements);
    }

    @Override
    public void publishStatus(SourceStatus status) {
      statuses.add(status);
    }

    @Override
    public void withdraw(String sourceId) {}
  }
}
