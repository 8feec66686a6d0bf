package dev.sidescope.collectors.xray.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.collectors.aws.CannedHttpClient;
import dev.sidescope.collectors.aws.CannedHttpClient.Answer;
import dev.sidescope.collectors.aws.CannedHttpClient.Call;
import dev.sidescope.collectors.xray.api.CannedXRay.RecordingSink;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the source says, and keeps, when X-Ray throttles, denies or fails. */
class XRayApiFailuresTest {
  private static final Pattern THROTTLED =
      Pattern.compile("X-Ray is throttling Sidescope; next try in (\\d+) s\\.");

  @TempDir Path home;

  private final AtomicReference<Function<Call, Answer>> xrayNow =
      new AtomicReference<>(XRayApiServiceGraphTest::graph);
  private final CannedHttpClient xray = new CannedHttpClient(c -> xrayNow.get().apply(c));

  private static long nextTrySeconds(SourceStatus status) {
    Matcher m = THROTTLED.matcher(status.message().orElse(""));
    assertThat(m.matches()).as(status.message().orElse("no message")).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void throttlingBacksOffDoublingAndSaysSoWhileTheLastFiguresStay() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (XRayApiSource source = CannedXRay.source(home, xray, sink)) {
      source.start();
      OverlayData before = sink.published.poll(10, TimeUnit.SECONDS);
      assertThat(before.all(OverlayKeys.TRACED_CALLS)).hasSize(2);
      xrayNow.set(c -> CannedXRay.throttled());

      OverlayData kept = source.refreshOnce();
      SourceStatus first = source.status();
      assertThat(first.status()).isEqualTo(SourceState.DEGRADED);
      // Refresh 30 s: the first backoff is two intervals, jittered by up to 10%.
      assertThat(nextTrySeconds(first)).isBetween(54L, 66L);
      assertThat(kept).as("the last figures stay").isEqualTo(before);
      assertThat(sink.published).as("nothing published over the last figures").isEmpty();
      assertThat(sink.statuses).extracting(SourceStatus::message).contains(first.message());

      source.refreshOnce();
      assertThat(nextTrySeconds(source.status())).as("doubled").isBetween(108L, 132L);
      source.refreshOnce();
      source.refreshOnce();
      assertThat(nextTrySeconds(source.status()))
          .as("capped at eight intervals")
          .isBetween(216L, 264L);

      xrayNow.set(XRayApiServiceGraphTest::graph);
      source.refreshOnce();
      assertThat(source.status().status()).isEqualTo(SourceState.LIVE);
      assertThat(sink.published.poll()).isEqualTo(before);
    }
  }

  @Test
  void accessDeniedNamesTheDeniedActionAndTheCredentials() {
    xrayNow.set(c -> CannedXRay.denied("GetServiceGraph"));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      assertThat(source.refreshOnce().isEmpty()).isTrue();

      assertThat(source.status().status()).isEqualTo(SourceState.DOWN);
      assertThat(source.status().message())
          .contains(
              "X-Ray denied xray:GetServiceGraph to environment variables (AWS_ACCESS_KEY_ID).");
    }
  }

  @Test
  void aServerErrorIsOneSentenceAndDegradesTheSource() {
    xrayNow.set(graphOnceThen(Answer.error(500, "InternalFailure", "boom\\n\\tat x.y.Z")));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      OverlayData first = source.refreshOnce();
      OverlayData kept = source.refreshOnce();

      assertThat(kept).isEqualTo(first);
      assertThat(source.status().status()).isEqualTo(SourceState.DEGRADED);
      assertThat(source.status().message().orElseThrow())
          .startsWith(
              "X-Ray answered GetServiceGraph with a server error (HTTP 500, InternalFailure);"
                  + " next try in ")
          .doesNotContain("\n", "boom", "Exception");
    }
  }

  @Test
  void anAnswerThatIsNotJsonIsOneSentence() {
    xrayNow.set(c -> Answer.ok("<html>captive portal</html>"));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      source.refreshOnce();

      assertThat(source.status().status()).isEqualTo(SourceState.DEGRADED);
      assertThat(source.status().message().orElseThrow())
          .startsWith("X-Ray answered GetServiceGraph with a response that is not valid JSON;");
    }
  }

  /** The two graph pages on the first reading, {@code then} ever after. */
  private static Function<Call, Answer> graphOnceThen(Answer then) {
    int[] calls = {0};
    return c -> ++calls[0] <= 2 ? XRayApiServiceGraphTest.graph(c) : then;
  }
}
