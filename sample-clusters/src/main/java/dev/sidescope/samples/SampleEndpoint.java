package dev.sidescope.samples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * One loopback endpoint of a served sample (the Kubernetes API now; the AWS endpoint and the Envoy
 * admin endpoints later): where it listens, what a client's environment needs to reach it, and how
 * it stops. {@link SampleClusterServer} waits for every endpoint's address to accept connections
 * before it writes the env file.
 */
interface SampleEndpoint {
  /** A short name for messages, e.g. {@code kubernetes}. */
  String name();

  /** Where it listens. */
  InetSocketAddress address();

  /**
   * The variables a client needs. {@code envDirectory} is the folder of the env file, where an
   * endpoint may write a file the variables point to (a kubeconfig); it says so through {@link
   * #temporaryFiles()}.
   */
  EnvFile.Contribution environment(Path envDirectory) throws IOException;

  /** Files this endpoint wrote that only make sense while it runs; removed when it stops. */
  List<Path> temporaryFiles();

  /** Stops listening; idempotent. */
  void stop();
}
