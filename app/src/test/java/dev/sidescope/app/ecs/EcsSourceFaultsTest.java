package dev.sidescope.app.ecs;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.ecs.EcsSettings;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.samples.aws.SampleAwsEndpoint;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the ECS source copes when AWS misbehaves or the credentials do not work, against the sample
 * endpoint's injected faults. Scheduled polling is observed through the listener, waiting on its
 * events, never on time.
 */
class EcsSourceFaultsTest {
  private static final int WAIT = 20;

  @TempDir Path home;
  @TempDir Path sample;
  private SampleAwsEndpoint endpoint;
  private EcsSource source;

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    if (endpoint != null) {
      endpoint.stop();
    }
  }

  private SampleAwsEndpoint seed() throws IOException {
    endpoint = SampleAwsEndpoint.forSample(BuiltInSamples.folder("seed").orElseThrow()).start();
    return endpoint;
  }

  private SampleAccount.Recorder started(EcsSettings settings) {
    SampleAccount.Recorder recorder = new SampleAccount.Recorder();
    source = SampleAccount.source(settings, recorder);
    source.start();
    return recorder;
  }

  /** The next status in this state, skipping others; fails after the wait. */
  private static SourceStatus next(BlockingQueue<SourceStatus> statuses, SourceState state)
      throws InterruptedException {
    while (true) {
      SourceStatus status = statuses.poll(WAIT, SECONDS);
      assertThat(status).as("a %s status within %d s", state, WAIT).isNotNull();
      if (status.status() == state) {
        return status;
      }
    }
  }

  @Test
  void throttlingMakesTheSourceDegradedUntilEcsAnswersAgain() throws Exception {
    seed().faults().throttleNext(3); // the SDK's standard mode tries each call three times
    SampleAccount.Recorder heard = started(SampleAccount.settings(endpoint, home).build());

    assertThat(heard.statuses.poll(WAIT, SECONDS).status()).isEqualTo(SourceState.CONNECTING);
    SourceStatus throttled = next(heard.statuses, SourceState.DEGRADED);
    assertThat(throttled.message())
        .hasValueSatisfying(
            m -> assertThat(m).matches("Throttled by ECS on ListClusters, retrying in \\d+ s\\."));
    assertThat(next(heard.statuses, SourceState.LIVE).message()).isEmpty();
    assertThat(endpoint.calls("ListClusters")).isGreaterThanOrEqualTo(4);
    // The observations after recovery hold the tasks.
    Observations seen;
    do {
      seen = heard.observations.poll(WAIT, SECONDS);
      assertThat(seen).isNotNull();
    } while (seen.sources().get(0).status() != SourceState.LIVE);
    assertThat(seen.workloads()).hasSize(2);
  }

  @Test
  void serverErrorsAreReportedAndTheSourceRecovers() throws Exception {
    seed().faults().serverErrorNext(3);
    SampleAccount.Recorder heard = started(SampleAccount.settings(endpoint, home).build());

    SourceStatus failing = next(heard.statuses, SourceState.DEGRADED);
    assertThat(failing.message())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith(
                        "ECS answered ListClusters with a server error (HTTP 500,"
                            + " ServerException), retrying in "));
    next(heard.statuses, SourceState.LIVE);
  }

  @Test
  void malformedJsonIsSaidInOneSentenceAndTheLastPictureIsKept() throws Exception {
    seed();
    try (EcsSource once = SampleAccount.source(SampleAccount.settings(endpoint, home).build())) {
      assertThat(once.pollOnce().workloads()).hasSize(2);
      endpoint.faults().malformedNext(3);

      Observations seen = once.pollOnce();

      assertThat(seen.sources().get(0).status()).isEqualTo(SourceState.DEGRADED);
      assertThat(seen.sources().get(0).message())
          .hasValueSatisfying(
              m ->
                  assertThat(m)
                      .matches(
                          "ECS answered ListClusters with a response that is not valid JSON,"
                              + " retrying in \\d+ s\\."));
      assertThat(seen.workloads()).as("what was last seen stays").hasSize(2);
      endpoint.faults().clear();
      assertThat(once.pollOnce().sources().get(0).status()).isEqualTo(SourceState.LIVE);
    }
  }

  @Test
  void accessDeniedOnOneClusterLeavesTheOtherListed() throws Exception {
    Files.createDirectories(sample.resolve("ecs"));
    Files.copy(
        BuiltInSamples.folder("seed").orElseThrow().resolve("ecs/order-service.json"),
        sample.resolve("ecs/order-service.json"));
    Files.writeString(
        sample.resolve("ecs/services.yaml"),
        """
        - {cluster: shop-prod, service: order-service, taskDefinition: order-service, desiredCount: 2}
        - {cluster: shop-dev, service: order-service, taskDefinition: order-service, desiredCount: 1}
        """);
    endpoint = SampleAwsEndpoint.forSample(sample).start();
    endpoint.faults().denyCluster("shop-dev");

    try (EcsSource once = SampleAccount.source(SampleAccount.settings(endpoint, home).build())) {
      Observations seen = once.pollOnce();

      assertThat(seen.workloads())
          .extracting(WorkloadSpec::namespace)
          .containsExactly("shop-prod", "shop-prod");
      SourceStatus status = seen.sources().get(0);
      assertThat(status.status()).isEqualTo(SourceState.DEGRADED);
      assertThat(status.message())
          .contains(
              "Access denied to cluster shop-dev (ListServices); the other clusters are listed.");
    }
  }

  @Test
  void unreachableEndpointIsDownWithWhereItLooked() throws Exception {
    seed();
    try (EcsSource once = SampleAccount.source(SampleAccount.settings(endpoint, home).build())) {
      String url = endpoint.url().toString();
      endpoint.stop();

      SourceStatus status = once.pollOnce().sources().get(0);

      assertThat(status.status()).isEqualTo(SourceState.DOWN);
      assertThat(status.message())
          .hasValueSatisfying(
              m ->
                  assertThat(m)
                      .startsWith(
                          "Cannot reach ECS at " + url + " (connection refused), retrying in"));
    }
  }

  private void ssoProfile() throws IOException {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        home.resolve(".aws/config"),
        """
        [profile dev]
        sso_session = corp
        sso_account_id = 123456789012
        sso_role_name = ReadOnly
        region = us-east-1

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = us-east-1
        """);
  }

  private void ssoToken(Instant expiresAt) throws Exception {
    Path cache = home.resolve(".aws/sso/cache");
    Files.createDirectories(cache);
    String key =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-1").digest("corp".getBytes("UTF-8")));
    Files.writeString(
        cache.resolve(key + ".json"),
        "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\","
            + " \"accessToken\": \"token\", \"expiresAt\": \""
            + expiresAt
            + "\"}");
  }

  @Test
  void expiredSsoSessionShowsTheSdksAdviceUntilTheUserLogsInAgain() throws Exception {
    seed();
    ssoProfile();
    ssoToken(Instant.now().minus(Duration.ofHours(1)));
    // The endpoint's environment without its keys: only the SSO profile gives credentials.
    Map<String, String> env =
        Map.of("AWS_ENDPOINT_URL", endpoint.url().toString(), "AWS_EC2_METADATA_DISABLED", "true");
    EcsSettings settings =
        EcsSettings.builder().profile("dev").environment(AwsEnvironment.of(env, home)).build();

    try (EcsSource once = SampleAccount.source(settings)) {
      assertThat(once.credentialsDescription()).isEqualTo("profile dev (IAM Identity Center)");
      SourceStatus expired = once.pollOnce().sources().get(0);

      assertThat(expired.status()).isEqualTo(SourceState.DOWN);
      assertThat(expired.message())
          .contains(
              "The SSO session associated with this profile has expired or is otherwise invalid."
                  + " To refresh this SSO session run aws sso login --profile dev.");
      assertThat(endpoint.calls("ListClusters")).as("no ECS call without credentials").isZero();

      ssoToken(Instant.now().plus(Duration.ofHours(8))); // what aws sso login leaves behind
      Observations seen = once.pollOnce();

      assertThat(seen.sources().get(0).status()).isEqualTo(SourceState.LIVE);
      assertThat(seen.workloads()).hasSize(2);
      assertThat(endpoint.calls("GetRoleCredentials")).isEqualTo(1);
    }
  }

  @Test
  void noCredentialsAtAllMeansNoSourceAndOneSentenceWhy() {
    EcsSource.Resolution resolution =
        EcsSource.resolve(
            EcsSettings.builder()
                .environment(
                    AwsEnvironment.of(
                        Map.of("AWS_REGION", "us-east-1", "AWS_EC2_METADATA_DISABLED", "true"),
                        home))
                .build());

    assertThat(resolution.available()).isEmpty();
    assertThat(resolution.whyAbsent())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith("No AWS credentials were found:")
                    .contains(home.resolve(".aws/config").toString())
                    .endsWith(".")
                    .doesNotContain("\n")
                    .doesNotContain("Exception"));
  }
}
