package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.app.UserError;
import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.ecs.EcsSettings;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.samples.aws.SampleAwsEndpoint;
import dev.sidescope.samples.folder.BuiltInSamples;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class EcsOptionsTest {
  @TempDir Path home;

  @Command(name = "probe")
  static final class Probe {
    @Mixin EcsOptions ecs;
  }

  private static EcsOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.ecs;
  }

  @Test
  void optionsBecomeTheSourcesSettings() {
    EcsOptions options =
        parse(
            "--aws-profile", "dev",
            "--region", "eu-west-1",
            "--ecs-cluster", "shop-prod",
            "--ecs-cluster", "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-dev",
            "--endpoint-url", "http://127.0.0.1:4566");

    EcsSettings settings =
        options.settings(AwsEnvironment.of(Map.of(), home), EcsSettings.DEFAULT_POLL_INTERVAL);

    assertThat(options.anyGiven()).isTrue();
    assertThat(settings.profile()).contains("dev");
    assertThat(settings.region()).contains("eu-west-1");
    assertThat(settings.clusters())
        .containsExactly("shop-prod", "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-dev");
    assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
    assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void noOptionsMeansEverythingFromTheEnvironment() {
    EcsOptions options = parse();

    assertThat(options.anyGiven()).isFalse();
    EcsSettings settings =
        options.settings(AwsEnvironment.of(Map.of(), home), EcsSettings.DEFAULT_POLL_INTERVAL);
    assertThat(settings.profile()).isEqualTo(Optional.empty());
    assertThat(settings.clusters()).isEqualTo(List.of());
  }

  @Test
  void endpointThatIsNotAUrlIsAUserError() {
    EcsOptions options = parse("--endpoint-url", "localhost:4566");

    assertThatThrownBy(() -> options.resolve(AwsEnvironment.of(Map.of(), home)))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "--endpoint-url takes an http or https URL such as http://127.0.0.1:4566, not"
                + " 'localhost:4566'.");
  }

  @Test
  void environmentWrittenBySampleClusterServeGivesASource() throws Exception {
    try (SampleAwsEndpoint endpoint =
        SampleAwsEndpoint.forSample(BuiltInSamples.folder("seed").orElseThrow()).start()) {
      Map<String, String> env = new HashMap<>(endpoint.environment());
      env.put("HOME", home.toString());
      env.put("AWS_EC2_METADATA_DISABLED", "true");

      EcsSource.Resolution resolution = parse().resolve(env);

      try (EcsSource source = resolution.available().orElseThrow()) {
        assertThat(source.id()).isEqualTo("ecs/us-east-1");
        assertThat(source.pollOnce().workloads()).hasSize(2);
      }
    }
  }

  @Test
  void missingProfileIsOneSentence() {
    EcsSource.Resolution resolution =
        parse("--aws-profile", "nope", "--region", "us-east-1")
            .resolve(AwsEnvironment.of(Map.of("AWS_EC2_METADATA_DISABLED", "true"), home));

    assertThat(resolution.whyAbsent())
        .contains(
            "AWS profile nope is in neither "
                + home.resolve(".aws/config")
                + " or "
                + home.resolve(".aws/credentials")
                + ".");
  }
}
