package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.ecs.EcsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ECS for the command line: whether to read it, and the source that does, bound to the runtime's
 * store. Runs on the command line's thread.
 */
final class EcsDiscovery {
  private static final List<String> AWS_SIGNS =
      List.of(
          "AWS_ACCESS_KEY_ID",
          "AWS_PROFILE",
          "AWS_ENDPOINT_URL",
          "AWS_ENDPOINT_URL_ECS",
          "AWS_WEB_IDENTITY_TOKEN_FILE",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
          "AWS_CONTAINER_CREDENTIALS_FULL_URI");

  private EcsDiscovery() {}

  /**
   * The ECS source, bound to {@code runtime}'s store and not yet added, or empty when ECS is
   * skipped, with why given to {@code skipped} (a clause without a final period). When ECS options
   * were given, a missing source is a {@link UserError} instead.
   */
  static Optional<EcsSource> source(
      SidescopeRuntime runtime,
      EcsOptions options,
      Map<String, String> env,
      Consumer<String> skipped) {
    if (!options.anyGiven() && !awsConfigured(env)) {
      // Without any sign of AWS configuration, asking the SDK would only probe the network.
      skipped.accept("no AWS credentials, profile or endpoint found");
      return Optional.empty();
    }
    EcsSource.Resolution resolution = runtime.ecs(options.settings(env));
    Optional<String> absent = resolution.whyAbsent();
    if (absent.isPresent()) {
      if (options.anyGiven()) {
        throw new UserError(absent.get());
      }
      skipped.accept(LiveSnapshots.withoutPeriod(absent.get()));
      return Optional.empty();
    }
    return resolution.available();
  }

  static boolean awsConfigured(Map<String, String> env) {
    if (AWS_SIGNS.stream().anyMatch(name -> !env.getOrDefault(name, "").isBlank())) {
      return true;
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path config =
        Path.of(env.getOrDefault("AWS_CONFIG_FILE", Path.of(home, ".aws", "config").toString()));
    Path credentials =
        Path.of(
            env.getOrDefault(
                "AWS_SHARED_CREDENTIALS_FILE", Path.of(home, ".aws", "credentials").toString()));
    return Files.exists(config) || Files.exists(credentials);
  }
}
