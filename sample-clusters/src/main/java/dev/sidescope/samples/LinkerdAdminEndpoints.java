package dev.sidescope.samples;

import dev.sidescope.samples.linkerd.LinkerdAdminEndpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Linkerd proxies' admin ports of a served sample as one endpoint: the env file lists the URLs
 * of those that listen in {@value #VARIABLE}, space-separated, as it lists the Envoys' in {@link
 * EnvoyAdminEndpoints#VARIABLE}, so that a script can read their {@code /metrics} without a
 * port-forward.
 *
 * <p>Not thread-safe; {@link SampleClusterServer} serializes calls.
 */
final class LinkerdAdminEndpoints implements SampleEndpoint {
  /** The variable the env file sets. */
  static final String VARIABLE = "SIDESCOPE_SAMPLE_LINKERD_ADMIN";

  private final LinkerdAdminEndpoint endpoint;

  /** {@code endpoint}, started, with at least one proxy. */
  LinkerdAdminEndpoints(LinkerdAdminEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String name() {
    return "linkerd-admin";
  }

  @Override
  public InetSocketAddress address() {
    // They all listen before start returns; the first stands for the rest.
    return endpoint.proxies().get(0).address().orElseThrow();
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
