package dev.sidescope.samples;

import dev.sidescope.samples.aws.InvalidSampleException;
import dev.sidescope.samples.aws.SampleAwsEndpoint;
import dev.sidescope.samples.envoy.EnvoyAdminEndpoint;
import dev.sidescope.samples.envoy.EnvoyCounters;
import dev.sidescope.samples.envoy.SampleEnvoys;
import dev.sidescope.samples.folder.MalformedSampleException;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.samples.generate.ClusterGenerator;
import dev.sidescope.samples.kubernetes.ClusterExpander;
import dev.sidescope.samples.kubernetes.SampleKubernetesApi;
import dev.sidescope.samples.linkerd.LinkerdAdminEndpoint;
import dev.sidescope.samples.linkerd.LinkerdCounters;
import dev.sidescope.samples.linkerd.SampleLinkerds;
import dev.sidescope.samples.logs.SampleLogs;
import dev.sidescope.samples.traffic.RealTimeTraffic;
import dev.sidescope.samples.traffic.ReplicaPicker;
import dev.sidescope.samples.traffic.TrafficSimulator;
import dev.sidescope.samples.xray.WorkloadOrigins;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves a sample cluster on loopback through the real protocols, for {@code sidescope
 * sample-cluster serve}, the demo and tests: its Kubernetes API (see {@link SampleKubernetesApi}),
 * for a sample read from a folder its AWS endpoint (see {@link SampleAwsEndpoint}; its X-Ray
 * operations answer from the traffic), and its traffic model run as requests in real time (see
 * {@link #traffic()}), and the admin API of every Envoy sidecar (see {@link EnvoyAdminEndpoint};
 * its numbers move with the traffic) and the admin port of every Linkerd proxy (see {@link
 * LinkerdAdminEndpoint}; its {@code /metrics} move with the same traffic), each one of its {@link
 * SampleEndpoint}s. Containers' logs, in pod logs and in CloudWatch Logs, are written from the same
 * traffic (see {@link SampleLogs}).
 *
 * <p>Use: {@link #start(Path, int)} (a folder) or {@link #start(ClusterGenerator.Spec, int)} (a
 * generated cluster), then optionally {@link #writeKubeconfig} and {@link #writeEnv}, and finally
 * {@link #stop()}. One server serves one sample; it cannot be started twice.
 *
 * <p>Threading: every method may be called from any thread; calls are serialized on this object, so
 * a {@link #stop()} from a shutdown hook waits for a {@link #writeEnv} in progress (at most its
 * readiness wait, ten seconds) and then stops everything. The endpoints' threads keep the JVM
 * running until {@link #stop()}. The traffic runs on a daemon thread of its own ({@code
 * sample-traffic}), on which its listeners are called; {@link #stop()} ends it first and waits for
 * it.
 */
public final class SampleClusterServer implements AutoCloseable {
  private static final Duration READY_WAIT = Duration.ofSeconds(10);

  private final Clock clock;
  private final List<SampleEndpoint> endpoints = new ArrayList<>();
  private SampleCluster cluster;
  private KubernetesEndpoint kubernetes;
  private RealTimeTraffic traffic;
  private SampleLogs logs;
  private volatile EnvoyAdminEndpoint envoyAdmin;
  private volatile LinkerdAdminEndpoint linkerdAdmin;
  private boolean stopped;

  /** A server on the system clock (the served cluster's "now"). */
  public SampleClusterServer() {
    this(Clock.systemUTC());
  }

  /** A server whose cluster is expanded as of {@code clock}'s now. */
  public SampleClusterServer(Clock clock) {
    this.clock = clock;
  }

  /**
   * Reads the sample in {@code folder} and serves it; returns the Kubernetes API's URL.
   *
   * @param port the Kubernetes API's port on 127.0.0.1; 0 for any free port
   * @throws MalformedSampleException when the folder is not a readable sample
   * @throws IOException when a file cannot be read or the port cannot be bound
   */
  public synchronized URI start(Path folder, int port) throws IOException {
    SampleCluster sample = SampleClusterFolder.read(folder);
    // Read the ECS side before anything listens, so a bad task definition fails the start cleanly.
    SampleAwsEndpoint aws;
    try {
      aws = SampleAwsEndpoint.forSample(folder, clock);
    } catch (InvalidSampleException e) {
      // Its message is already the one sentence a malformed sample is shown as.
      throw new MalformedSampleException(e.getMessage(), e);
    }
    ClusterExpander.Options options = ClusterExpander.Options.defaults(clock.instant());
    // The ECS tasks bear the names of the traffic too: their share of it passes no Envoy.
    URI url =
        serve(
            sample,
            ClusterExpander.expand(sample, options),
            options.seed(),
            port,
            aws.ecsTaskCounts());
    try {
      aws.start();
    } catch (IOException e) {
      stop();
      throw e;
    }
    endpoints.add(new AwsEndpoint(aws));
    // X-Ray answers from the same requests as every other rendering of the traffic.
    traffic().ifPresent(t -> aws.serveTraffic(t, WorkloadOrigins.of(sample, aws.ecsServices())));
    // CloudWatch Logs reads the same logs as the pods' (without traffic, containers' own lines).
    aws.serveLogs(logs != null ? logs : SampleLogs.withoutTraffic(clock));
    return url;
  }

  /**
   * The AWS endpoint (ECS, and X-Ray from the traffic), when the sample was served from a folder.
   */
  public synchronized Optional<SampleAwsEndpoint> awsEndpoint() {
    return endpoints.stream()
        .filter(AwsEndpoint.class::isInstance)
        .map(e -> ((AwsEndpoint) e).endpoint())
        .findFirst();
  }

  /**
   * Generates the cluster {@code spec} describes and serves it; returns the Kubernetes API's URL.
   */
  public synchronized URI start(ClusterGenerator.Spec spec, int port) throws IOException {
    SampleCluster generated = ClusterGenerator.cluster(spec);
    // Nobody else holds the generated manifests: expand them in place rather than copy 20,000.
    return serve(
        generated,
        ClusterExpander.expandInPlace(generated, ClusterGenerator.expansion(spec, clock.instant())),
        spec.seed(),
        port,
        Map.of());
  }

  /** Serves {@code sample} expanded with {@code options}; returns the Kubernetes API's URL. */
  public synchronized URI start(SampleCluster sample, ClusterExpander.Options options, int port)
      throws IOException {
    return serve(sample, ClusterExpander.expand(sample, options), options.seed(), port, Map.of());
  }

  /**
   * @param ecsTasks how many ECS tasks bear each name of the traffic, by name: their share of it
   *     passes no Envoy
   */
  private URI serve(
      SampleCluster sample,
      List<HasMetadata> objects,
      long seed,
      int port,
      Map<String, Integer> ecsTasks)
      throws IOException {
    if (cluster != null || stopped) {
      throw new IllegalStateException("this server has already served a sample");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("a port is a number from 0 to 65535, not " + port);
    }
    SampleKubernetesApi api = SampleKubernetesApi.holding(objects);
    api.start(port);
    cluster = sample;
    kubernetes = new KubernetesEndpoint(api, sample.name());
    endpoints.add(kubernetes);
    Instant origin = clock.instant();
    TrafficSimulator simulator = null;
    if (!sample.traffic().isEmpty()) {
      // The same seed as the cluster's names, so a sample's traffic is the same on every run.
      simulator = new TrafficSimulator(sample.traffic(), seed, origin);
    }
    SampleEnvoys envoys = SampleEnvoys.find(objects, sample.traffic(), origin);
    if (simulator != null) {
      // Before the traffic starts, so the logs tell of every request from the first.
      logs = SampleLogs.of(simulator, new ReplicaPicker(envoys.podsByName(), ecsTasks));
      api.writeLogsFrom(logs);
    }
    if (!envoys.sidecars().isEmpty()) {
      EnvoyCounters counters = new EnvoyCounters(envoys, origin, ecsTasks);
      Supplier<Instant> now = clock::instant;
      if (simulator != null) {
        // Before the traffic starts, so the Envoys count every request from the first.
        simulator.addListener(counters);
        now = simulator::now;
      }
      EnvoyAdminEndpoint admin = new EnvoyAdminEndpoint(counters, now);
      try {
        admin.start();
      } catch (IOException e) {
        stop();
        throw e;
      }
      envoyAdmin = admin;
      endpoints.add(new EnvoyAdminEndpoints(admin));
    }
    List<String> names = new ArrayList<>(new LinkedHashSet<>(flowNames(sample.traffic())));
    SampleLinkerds linkerds = SampleLinkerds.find(objects, envoys.podsByName(), names, origin);
    if (!linkerds.proxies().isEmpty()) {
      // The same picker as the Envoys' and the logs', so that all tell of the same requests.
      LinkerdCounters counters =
          new LinkerdCounters(linkerds, new ReplicaPicker(envoys.podsByName(), ecsTasks));
      Supplier<Instant> now = clock::instant;
      if (simulator != null) {
        // Before the traffic starts, so the proxies count every request from the first.
        simulator.addListener(counters);
        now = simulator::now;
      }
      LinkerdAdminEndpoint admin = new LinkerdAdminEndpoint(counters, now);
      try {
        admin.start();
      } catch (IOException e) {
        stop();
        throw e;
      }
      linkerdAdmin = admin;
      endpoints.add(new LinkerdAdminEndpoints(admin));
    }
    // A port-forward to a pod's Envoy admin port reaches that Envoy, and one to a pod's Linkerd
    // admin port that proxy, as on a real cluster.
    api.forwardPortsTo(
        (namespace, pod, podPort) ->
            envoyAdmin(namespace, pod, podPort).or(() -> linkerdAdmin(namespace, pod, podPort)));
    if (simulator != null) {
      traffic = new RealTimeTraffic(simulator, clock);
      traffic.start();
    }
    return api.url();
  }

  /**
   * Where the admin API of the Envoy sidecar in pod {@code namespace/pod} listens, for a client of
   * its admin port {@code port} inside the pod (15000 for {@code istio-proxy}; the declared {@code
   * admin} or {@code stats} port, else 9901, for App Mesh and plain Envoy): a loopback address to
   * relay a port-forward to (it starts listening now if it did not yet). Empty when that pod has no
   * Envoy with that admin port, or when nothing is served.
   *
   * <p>May be called from any thread, without waiting for a call to this server in progress.
   */
  public Optional<InetSocketAddress> envoyAdmin(String namespace, String pod, int port) {
    EnvoyAdminEndpoint admin = envoyAdmin;
    return admin == null ? Optional.empty() : admin.address(namespace, pod, port);
  }

  /**
   * {@code http://127.0.0.1:<port>} of every Envoy sidecar's admin API that listens, in the
   * cluster's pod order: all of a sample's, up to {@link EnvoyAdminEndpoint#LISTENING_AT_START} (a
   * generated cluster may have thousands; the others listen once {@link #envoyAdmin} looks them
   * up). Empty when the sample has no Envoy. Any thread.
   */
  public List<URI> envoyAdminUrls() {
    EnvoyAdminEndpoint admin = envoyAdmin;
    return admin == null ? List.of() : admin.urls();
  }

  /**
   * Where the admin port of the Linkerd proxy in pod {@code namespace/pod} listens, for a client of
   * its port {@code port} inside the pod (4191): a loopback address to relay a port-forward to.
   * Empty when that pod has no Linkerd proxy, for any other port, or when nothing is served. Any
   * thread.
   */
  public Optional<InetSocketAddress> linkerdAdmin(String namespace, String pod, int port) {
    LinkerdAdminEndpoint admin = linkerdAdmin;
    return admin == null ? Optional.empty() : admin.address(namespace, pod, port);
  }

  /**
   * {@code http://127.0.0.1:<port>} of every Linkerd proxy's admin port that listens, in the
   * cluster's pod order; empty when the sample has no Linkerd proxy. Any thread.
   */
  public List<URI> linkerdAdminUrls() {
    LinkerdAdminEndpoint admin = linkerdAdmin;
    return admin == null ? List.of() : admin.urls();
  }

  /** The Linkerd proxies' admin ports themselves, when the sample has a Linkerd proxy. */
  public Optional<LinkerdAdminEndpoint> linkerdAdminEndpoint() {
    return Optional.ofNullable(linkerdAdmin);
  }

  /**
   * The Envoy admin APIs themselves (what each was sent, among others), when the sample has an
   * Envoy.
   */
  public Optional<EnvoyAdminEndpoint> envoyAdminEndpoint() {
    return Optional.ofNullable(envoyAdmin);
  }

  /**
   * The served sample's traffic: requests simulated from its traffic model from the start of
   * serving, on this server's clock, until {@link #stop()}. Empty for a sample without a traffic
   * model (a generated cluster has none). The endpoints that render traffic listen to it: the AWS
   * endpoint's X-Ray for a sample served from a folder, the Envoy admin APIs and the Linkerd
   * proxies' admin ports.
   */
  public synchronized Optional<TrafficSimulator> traffic() {
    return Optional.ofNullable(traffic).map(RealTimeTraffic::simulator);
  }

  /** The thread that runs the traffic, for tests of its life. */
  synchronized Optional<RealTimeTraffic> runningTraffic() {
    return Optional.ofNullable(traffic);
  }

  /** The served sample (empty before {@link #start}). */
  public synchronized Optional<SampleCluster> cluster() {
    return Optional.ofNullable(cluster);
  }

  /** What the sample's folder held that was ignored, one sentence each, to print. */
  public synchronized List<String> warnings() {
    return cluster == null ? List.of() : cluster.warnings();
  }

  /** The Kubernetes API's URL. */
  public synchronized URI kubernetesUrl() {
    return started().api().url();
  }

  /** The Kubernetes API itself, for tests that stop and restart it. */
  public synchronized SampleKubernetesApi kubernetesApi() {
    return started().api();
  }

  /**
   * Writes a kubeconfig for the sample to {@code file} (atomically), one cluster, user and context
   * named after the sample; env files written afterwards point at it. Returns its absolute path.
   */
  public synchronized Path writeKubeconfig(Path file) throws IOException {
    return started().writeKubeconfig(file);
  }

  /**
   * Once every endpoint accepts connections, writes the env file (atomically: a temporary file,
   * then a rename) with absolute paths, and returns its absolute path. Without an earlier {@link
   * #writeKubeconfig}, the kubeconfig goes next to the env file as {@code <sample>.kubeconfig}, a
   * temporary file that {@link #stop()} removes.
   *
   * @throws IOException when an endpoint does not accept connections within ten seconds, or a file
   *     cannot be written
   */
  public synchronized Path writeEnv(Path file) throws IOException {
    started();
    for (SampleEndpoint endpoint : endpoints) {
      awaitAccepting(endpoint);
    }
    Path target = file.toAbsolutePath().normalize();
    List<EnvFile.Contribution> contributions = new ArrayList<>();
    for (SampleEndpoint endpoint : endpoints) {
      contributions.add(endpoint.environment(target.getParent()));
    }
    String header =
        "The sample cluster '"
            + cluster.name()
            + "', served by sidescope sample-cluster serve.\n"
            + "Valid while it runs: . "
            + target.getFileName();
    return EnvFile.of(header, contributions).writeTo(target);
  }

  /**
   * Stops the traffic and every endpoint and removes the temporary files they wrote, and nothing
   * else (the env file and a kubeconfig asked for stay). Idempotent.
   */
  public synchronized void stop() {
    stopped = true;
    if (traffic != null) {
      traffic.stop();
    }
    for (SampleEndpoint endpoint : endpoints) {
      endpoint.stop();
      for (Path temporary : endpoint.temporaryFiles()) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // A file that cannot be removed is left behind; stopping goes on.
        }
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private KubernetesEndpoint started() {
    if (kubernetes == null) {
      throw new IllegalStateException("the server has not started a sample");
    }
    return kubernetes;
  }

  /** Every name the traffic model mentions, callers and callees, in its order. */
  private static List<String> flowNames(List<TrafficFlow> flows) {
    List<String> names = new ArrayList<>();
    for (TrafficFlow flow : flows) {
      names.add(flow.from());
      names.add(flow.to());
    }
    return names;
  }

  private static void awaitAccepting(SampleEndpoint endpoint) throws IOException {
    Instant deadline = Instant.now().plus(READY_WAIT);
    InetSocketAddress address = endpoint.address();
    IOException last = null;
    while (Instant.now().isBefore(deadline)) {
      try (Socket socket = new Socket()) {
        socket.connect(address, 1_000);
        return;
      } catch (IOException e) {
        last = e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(
            "interrupted while waiting for the " + endpoint.name() + " endpoint", e);
      }
    }
    throw new IOException(
        "the "
            + endpoint.name()
            + " endpoint on "
            + address.getHostString()
            + ":"
            + address.getPort()
            + " does not accept connections"
            + (last == null ? "" : " (" + last.getMessage() + ")"),
        last);
  }
}
