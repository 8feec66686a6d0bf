package dev.sidescope.samples;

import dev.sidescope.samples.kubernetes.SampleKubernetesApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes API of a served sample as an endpoint: {@code KUBECONFIG} points at the kubeconfig
 * asked for, or at {@code <name>.kubeconfig} written next to the env file (a temporary file).
 *
 * <p>Not thread-safe; {@link SampleClusterServer} serializes calls.
 */
final class KubernetesEndpoint implements SampleEndpoint {
  private final SampleKubernetesApi api;
  private final String clusterName;
  private final List<Path> temporary = new ArrayList<>();
  private Path kubeconfig;

  KubernetesEndpoint(SampleKubernetesApi api, String clusterName) {
    this.api = api;
    this.clusterName = clusterName;
  }

  SampleKubernetesApi api() {
    return api;
  }

  /** Writes the kubeconfig the user asked for; later env files point at it. */
  Path writeKubeconfig(Path file) throws IOException {
    kubeconfig = KubeconfigWriter.write(file, clusterName, api.url());
    return kubeconfig;
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public InetSocketAddress address() {
    return api.address();
  }

  @Override
  public EnvFile.Contribution environment(Path envDirectory) throws IOException {
    if (kubeconfig == null) {
      kubeconfig =
          KubeconfigWriter.write(
              envDirectory.resolve(fileName(clusterName) + ".kubeconfig"), clusterName, api.url());
      temporary.add(kubeconfig);
    }
    return EnvFile.Contribution.exports(
        Map.of("KUBECONFIG", kubeconfig.toAbsolutePath().toString()));
  }

  @Override
  public List<Path> temporaryFiles() {
    return List.copyOf(temporary);
  }

  @Override
  public void stop() {
    api.stop();
  }

  private static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
    return safe.isEmpty() || safe.startsWith(".") ? "sample" + safe : safe;
  }
}
