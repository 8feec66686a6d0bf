package dev.sidescope.samples;

import dev.sidescope.samples.envoy.EnvoyAdminEndpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Envoy admin APIs of a served sample as one endpoint: the env file lists the URLs of those
 * that listen in {@value #VARIABLE}, space-separated (every Envoy of a sample up to {@link
 * EnvoyAdminEndpoint#LISTENING_AT_START}), so that a script can read them without a port-forward.
 *
 * <p>Not thread-safe; {@link SampleClusterServer} serializes calls.
 */
final class EnvoyAdminEndpoints implements SampleEndpoint {
  /** The variable the env file sets. */
  static final String VARIABLE = "SIDESCOPE_SAMPLE_ENVOY_ADMIN";

  private final EnvoyAdminEndpoint endpoint;

  /** {@code endpoint}, started, with at least one Envoy. */
  EnvoyAdminEndpoints(EnvoyAdminEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  EnvoyAdminEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String name() {
    return "envoy-admin";
  }

  @Override
  public InetSocketAddress address() {
    // They all listen before start returns; the first stands for the rest.
    return endpoint.envoys().get(0).address().orElseThrow();
  }

  @Override
  public EnvFile.Contribution environment(Path envDirectory) {
    return EnvFile.Contribution.exports(
        Map.of(
            VARIABLE,
            endpoint.urls().stream().map(URI::toString).collect(Collectors.joining(" "))));
  }

  @Override
  public List<Path> temporaryFiles() {
    return List.of();
  }

  @Override
  public void stop() {
    endpoint.stop();
  }
}
