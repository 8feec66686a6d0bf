package dev.sidescope.collectors.xray.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.aws.CannedHttpClient;
import dev.sidescope.collectors.aws.CannedHttpClient.Answer;
import dev.sidescope.collectors.xray.api.CannedXRay.RecordingSink;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.SourceState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving, starting, reading on the source's own thread, and closing. */
class XRayApiLifecycleTest {
  @TempDir Path home;

  @Test
  void noSignOfAwsConfigurationMeansNoSourceAndNoCall() {
    CannedHttpClient xray = new CannedHttpClient(c -> Answer.ok("{}"));
    XRaySettings settings =
        XRaySettings.builder()
            .environment(AwsEnvironment.of(Map.of("AWS_EC2_METADATA_DISABLED", "true"), home))
            .httpClient(xray)
            .build();

    XRayApiSource.Resolution resolution = XRayApiSource.resolve(settings, new RecordingSink());

    assertThat(resolution.available()).isEmpty();
    assertThat(resolution.whyAbsent().orElseThrow())
        .startsWith("No AWS region is set")
        .endsWith(".");
    assertThat(xray.calls()).isEmpty();
  }

  @Test
  void anEndpointGivenForXRayIsWhereItIsAsked() {
    CannedHttpClient xray = new CannedHttpClient(XRayApiServiceGraphTest::graph);
    XRaySettings settings =
        CannedXRay.settings(home, xray).endpoint(URI.create("http://127.0.0.1:4566")).build();
    try (XRayApiSource source =
        XRayApiSource.resolve(settings, new RecordingSink()).available().orElseThrow()) {
      source.refreshOnce();
    }
    assertThat(xray.calls().get(0).request().getUri().toString())
        .isEqualTo("http://127.0.0.1:4566/ServiceGraph");
  }

  @Test
  void theXRayEndpointOfTheEnvironmentIsHonoured() {
    CannedHttpClient xray = new CannedHttpClient(XRayApiServiceGraphTest::graph);
    XRaySettings settings =
        CannedXRay.settings(home, xray)
            .environment(
                AwsEnvironment.of(
                    Map.of(
                        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                        "AWS_SECRET_ACCESS_KEY", "secret",
                        "AWS_REGION", "us-east-2",
                        "AWS_ENDPOINT_URL_XRAY", "http://127.0.0.1:4567"),
                    home))
            .build();
    try (XRayApiSource source =
        XRayApiSource.resolve(settings, new RecordingSink()).available().orElseThrow()) {
      assertThat(source.id()).isEqualTo("xray/us-east-2");
      source.refreshOnce();
    }
    assertThat(xray.calls().get(0).request().host()).isEqualTo("127.0.0.1");
    assertThat(xray.calls().get(0).request().port()).isEqualTo(4567);
  }

  @Test
  void startedSourceReadsAtOnceAndAgainEveryRefreshOnItsOwnThread() throws Exception {
    AtomicInteger readings = new AtomicInteger();
    CannedHttpClient xray =
        new CannedHttpClient(
            c -> {
              if (!c.body().contains("page-two")) {
                readings.incrementAndGet();
              }
              return XRayApiServiceGraphTest.graph(c);
            });
    RecordingSink sink = new RecordingSink();
    XRaySettings settings = CannedXRay.settings(home, xray).refresh(Duration.ofMillis(50)).build();
    XRayApiSource source = XRayApiSource.resolve(settings, sink).available().orElseThrow();
    try (source) {
      source.start();
      source.start(); // no second reading thread, no second CONNECTING

      OverlayData first = sink.published.poll(10, SECONDS);
      OverlayData second = sink.published.poll(10, SECONDS);
      assertThat(second).isEqualTo(first);
      assertThat(sink.publishThreads.poll()).isEqualTo("sidescope-xray-eu-west-1");
      assertThat(sink.statuses.poll(10, SECONDS).status()).isEqualTo(SourceState.CONNECTING);
      assertThat(sink.statuses.poll(10, SECONDS).status()).isEqualTo(SourceState.LIVE);
    }
    int atClose = readings.get();
    source.close(); // a second close is harmless
    assertThat(readings.get()).as("the reading thread has stopped").isEqualTo(atClose);
    assertThatThrownBy(source::refreshOnce).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> source.trace("1-5d82881a-0a9126e92a73e971eed891b9").get(10, SECONDS))
        .cause()
        .isInstanceOf(XRayQueryException.class);
  }
}
