package dev.sidescope.samples.envoy;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.kubernetes.ClusterExpander;
import dev.sidescope.samples.traffic.TrafficSimulator;
import java.io.IOException;
import java.time.Instant;

/** A built-in sample's Envoys, counters and traffic on a simulated clock, for the tests here. */
record BuiltInEnvoys(
    SampleCluster sample, SampleEnvoys envoys, TrafficSimulator traffic, EnvoyCounters counters) {
  static final Instant ORIGIN = Instant.parse("2026-11-26T03:00:00Z");

  static BuiltInEnvoys of(String name) throws IOException {
    return of(name, java.util.Map.of());
  }

  /**
   * With {@code elsewhere}: replicas outside Kubernetes by name, as a served sample's ECS tasks.
   */
  static BuiltInEnvoys of(String name, java.util.Map<String, Integer> elsewhere)
      throws IOException {
    SampleCluster sample = SampleClusterFolder.read(BuiltInSamples.folder(name).orElseThrow());
    SampleEnvoys envoys =
        SampleEnvoys.find(
            ClusterExpander.expand(sample, ClusterExpander.Options.defaults(ORIGIN)),
            sample.traffic(),
            ORIGIN);
    TrafficSimulator traffic = new TrafficSimulator(sample.traffic(), 7, ORIGIN);
    EnvoyCounters counters = new EnvoyCounters(envoys, ORIGIN, elsewhere);
    traffic.addListener(counters);
    return new BuiltInEnvoys(sample, envoys, traffic, counters);
  }

  EnvoySidecar sidecarOf(String podPrefix) {
    return envoys.sidecars().stream()
        .filter(s -> s.pod().startsWith(podPrefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Envoy in a pod named " + podPrefix + "..."));
  }

  EnvoyReading read(EnvoySidecar sidecar) {
    return counters.read(sidecar, traffic.now());
  }
}
