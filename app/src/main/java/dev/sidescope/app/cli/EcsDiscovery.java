package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.WorkloadSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One ECS discovery for the command line: every cluster listed once (or failed). Runs on the
 * command line's thread; the source is closed before it returns.
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
   * The ECS observations, or empty when ECS is skipped, with why given to {@code skipped} (a clause
   * without a final period). When ECS options were given, a missing source is a {@link UserError}
   * instead.
   */
  static Optional<Observations> once(
      EcsOptions options, Map<String, String> env, Consumer<String> skipped) {
    if (!options.anyGiven() && !awsConfigured(env)) {
      // Without any sign of AWS configuration, asking the SDK would only probe the network.
      skipped.accept("no AWS credentials, profile or endpoint found");
      return Optional.empty();
    }
    EcsSource.Resolution resolution = options.resolve(env);
    Optional<String> absent = resolution.whyAbsent();
    if (absent.isPresent()) {
      if (options.anyGiven()) {
        throw new UserError(absent.get());
      }
      skipped.accept(LiveSnapshots.withoutPeriod(absent.get()));
      return Optional.empty();
    }
    try (EcsSource source = resolution.available().orElseThrow()) {
      return Optional.of(source.pollOnce());
    }
  }

  /** Several one-time reads as one set of observations. */
  static Observations merge(List<Observations> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    List<WorkloadSpec> workloads = new ArrayList<>();
    List<ServiceSpec> services = new ArrayList<>();
    List<MeshVirtualNode> meshNodes = new ArrayList<>();
    List<SourceStatus> sources = new ArrayList<>();
    for (Observations o : parts) {
      workloads.addAll(o.workloads());
      services.addAll(o.services());
      meshNodes.addAll(o.meshNodes());
      sources.addAll(o.sources());
    }
    return new Observations(workloads, services, meshNodes, sources);
  }

  /** One line on {@code err} for each source that is not live. */
  static void reportNotLive(TopologySnapshot snapshot, PrintWriter err) {
    for (SourceStatus status : snapshot.sources()) {
      if (status.status() != SourceState.LIVE) {
        err.println(
            "sidescope: "
                + status.id()
                + " is "
                + status.status().wireName()
                + status.message().map(m -> ": " + LiveSnapshots.withoutPeriod(m)).orElse("")
                + ".");
      }
    }
    err.flush();
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
