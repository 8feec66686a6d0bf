package dev.sidescope.views.fx;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import dev.sidescope.views.picture.IncrementalLayout;
import dev.sidescope.views.picture.LaidOutPicture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A made-up picture just large enough to be drawn the way large pictures are (by the overlay, from
 * tiles far out), for the console to draw once before its window shows. It never reaches the
 * screen.
 */
final class RehearsalPicture {
  /**
   * Pods, each with one to three sidecars: a little over the 700 drawn nodes of a large picture.
   */
  static final int PODS = 200;

  private static final String SOURCE = "kubernetes/rehearsal";

  private static final String[][] SIDECARS = {
    {"envoy", "envoyproxy/envoy:v1.30"},
    {"fluent-bit", "fluent/fluent-bit:3.0"},
    {"xray-daemon", "amazon/aws-xray-daemon:latest"}
  };

  private RehearsalPicture() {}

  /** Builds, classifies and lays out the made-up cluster; any thread. */
  static LaidOutPicture make() {
    Instant at = Instant.EPOCH;
    List<WorkloadSpec> pods = new ArrayList<>();
    for (int i = 0; i < PODS; i++) {
      List<ContainerSpec> containers = new ArrayList<>();
      containers.add(container("app-" + i, "app-" + i + ":1").port(Port.tcp(8080)).build());
      for (int s = 0; s <= i % SIDECARS.length; s++) {
        containers.add(container(SIDECARS[s][0], SIDECARS[s][1]).build());
      }
      String ns = "ns-" + (i % 4);
      pods.add(
          new WorkloadSpec(
              SOURCE + "/" + ns + "/app-" + i,
              Platform.KUBERNETES,
              SOURCE,
              ns,
              "app-" + i,
              Optional.of("Deployment/app-" + i),
              Map.of("app", "app-" + i),
              Map.of(),
              containers,
              Optional.empty(),
              Optional.of("Running")));
    }
    Observations seen =
        new Observations(pods, List.of(), List.of(), List.of(SourceStatus.live(SOURCE, at)));
    return new IncrementalLayout()
        .next(
            SnapshotBuilder.standard(Clock.fixed(at, ZoneOffset.UTC)).build(seen, Grouping.POD),
            Optional.empty(),
            true);
  }

  private static ContainerSpec.Builder container(String name, String image) {
    return ContainerSpec.builder(name, image).state(ContainerState.runningReady());
  }
}
