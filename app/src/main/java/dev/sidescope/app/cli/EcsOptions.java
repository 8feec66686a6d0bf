package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.ecs.EcsSettings;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.collectors.xray.api.XRaySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The ECS source's command-line options, for any command to mix in ({@code @Mixin EcsOptions
 * ecs;}): {@code --aws-profile}, {@code --region}, {@code --ecs-cluster} (repeatable) and {@code
 * --endpoint-url}. {@link #resolve} turns them, with the environment, into an {@link EcsSource}, or
 * into one sentence saying why there is none.
 *
 * <p>Whatever is not given comes from where the AWS CLI finds it: {@code AWS_PROFILE}, {@code
 * AWS_REGION}, {@code AWS_ENDPOINT_URL}, {@code ~/.aws/config} and {@code ~/.aws/credentials}.
 */
public final class EcsOptions {

  @Option(
      names = "--aws-profile",
      paramLabel = "P",
      description = "AWS profile for ECS (default: AWS_PROFILE, else the default profile).")
  String profile;

  @Option(
      names = "--region",
      paramLabel = "R",
      description = "AWS region (default: AWS_REGION, else the profile's region).")
  String region;

  @Option(
      names = "--ecs-cluster",
      paramLabel = "C",
      description = "ECS cluster to watch, name or ARN (repeatable; default: every cluster).")
  List<String> clusters = new ArrayList<>();

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "ECS endpoint override, e.g. a sample cluster's (default: AWS_ENDPOINT_URL).")
  String endpointUrl;

  /**
   * True when any ECS option was given. Then a missing ECS source is an error (exit 2); without
   * one, a command that looks at what the environment offers skips ECS with one stderr line.
   */
  public boolean anyGiven() {
    return profile != null || region != null || !clusters.isEmpty() || endpointUrl != null;
  }

  /**
   * The settings these options ask for, in this environment.
   *
   * @throws UserError when {@code --endpoint-url} is not an http(s) URL
   */
  public EcsSettings settings(AwsEnvironment environment, Duration pollInterval) {
    EcsSettings.Builder builder =
        EcsSettings.builder()
            .profile(profile)
            .region(region)
            .clusters(clusters)
            .environment(environment)
            .pollInterval(pollInterval);
    endpoint().ifPresent(builder::endpoint);
    return builder.build();
  }

  /**
   * The X-Ray API settings that go with these ECS options: the same profile, region and endpoint,
   * in the environment of these variables, over {@code window}, read again every {@code refresh}.
   *
   * @throws UserError when {@code --endpoint-url} is not an http(s) URL
   */
  public XRaySettings xraySettings(Map<String, String> env, Duration window, Duration refresh) {
    XRaySettings.Builder builder =
        XRaySettings.builder()
            .profile(profile)
            .region(region)
            .environment(environment(env))
            .window(window)
            .refresh(refresh);
    endpoint().ifPresent(builder::endpoint);
    return builder.build();
  }

  /** As {@link #resolve(AwsEnvironment)} with the process's variables and home. */
  public EcsSource.Resolution resolve(Map<String, String> env) {
    return resolve(environment(env));
  }

  /**
   * The settings these options ask for, in the environment of these variables (their {@code HOME}),
   * polling every 15 s.
   *
   * @throws UserError when {@code --endpoint-url} is not an http(s) URL
   */
  public EcsSettings settings(Map<String, String> env) {
    return settings(environment(env), EcsSettings.DEFAULT_POLL_INTERVAL);
  }

  private static AwsEnvironment environment(Map<String, String> env) {
    String home =
        Optional.ofNullable(env.get("HOME"))
            .filter(h -> !h.isBlank())
            .orElse(System.getProperty("user.home"));
    return AwsEnvironment.of(env, Path.of(home));
  }

  /**
   * The ECS source these options and the environment give, polling every 15 s once started; or why
   * there is none, in one sentence the command prints as it is.
   *
   * <p>May probe the EC2 instance metadata service when no credentials are configured at all, so
   * call it off the UI thread. The caller owns the source and closes it.
   *
   * @throws UserError when {@code --endpoint-url} is not an http(s) URL
   */
  public EcsSource.Resolution resolve(AwsEnvironment environment) {
    return EcsSource.resolve(settings(environment, EcsSettings.DEFAULT_POLL_INTERVAL));
  }

  private Optional<URI> endpoint() {
    if (endpointUrl == null) {
      return Optional.empty();
    }
    return Optional.of(
        AwsConnection.httpUri(endpointUrl)
            .orElseThrow(
                () ->
                    new UserError(
                        "--endpoint-url takes an http or https URL such as"
                            + " http://127.0.0.1:4566, not '"
                            + endpointUrl
                            + "'.")));
  }
}
