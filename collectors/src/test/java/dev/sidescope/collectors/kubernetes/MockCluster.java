package dev.sidescope.collectors.kubernetes;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * fabric8's mock API server in CRUD mode on a loopback port, for the Kubernetes source's tests.
 *
 * <p>Its state lives in one dispatcher that outlives the server, so a test can stop the server and
 * start it again on the same port, as an API server restarts. Every request is recorded with its
 * User-Agent; a test may put a policy in front of the CRUD answers (a 403 for cluster-wide lists, a
 * 401 for everything).
 */
public final class MockCluster implements AutoCloseable {
  /** The User-Agent of the test's own setup calls, so they are told apart from Sidescope's. */
  public static final String SETUP_AGENT = "sidescope-test-setup";

  /** One request as the server saw it. */
  public record Request(String method, String path, String userAgent) {}

  private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
  private final KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(expectations);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<RecordedRequest, MockResponse> policy = request -> null;
  private final KubernetesMockServer server;
  private final TcpRelay relay;
  private final int port;
  private KubernetesClient setup;

  private MockCluster() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), expectations, new Recording(), false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = freePort();
    relay = new TcpRelay(port, server.getPort());
  }

  /** A cluster reachable at once on a free port. */
  public static MockCluster started() {
    MockCluster cluster = new MockCluster();
    cluster.start();
    return cluster;
  }

  /** A cluster whose port is reserved but refuses connections until {@link #start()}. */
  public static MockCluster notStarted() {
    return new MockCluster();
  }

  /** Accepts connections on {@link #url()}, as an API server that (re)starts. */
  public void start() {
    relay.start();
  }

  /**
   * Refuses connections and cuts the open ones, as an API server that goes away; the cluster's
   * objects stay for the next {@link #start()}.
   */
  public void stop() {
    relay.stop();
  }

  int port() {
    return port;
  }

  /** Where Sidescope reaches the cluster. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Answers requests for which {@code answer} returns a response; the rest go to the CRUD. */
  public void setPolicy(Function<RecordedRequest, MockResponse> answer) {
    policy = answer;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Serves App Mesh's API group, as a cluster with the App Mesh controller's CRDs does. */
  void serveAppMesh() {
    server
        .expect()
        .get()
        .withPath("/apis/appmesh.k8s.aws/v1beta2")
        .andReturn(
            200,
            new APIResourceListBuilder()
                .withGroupVersion("appmesh.k8s.aws/v1beta2")
                .addToResources(
                    new APIResourceBuilder()
                        .withName("virtualnodes")
                        .withKind("VirtualNode")
                        .withNamespaced(true)
                        .withVerbs("get", "list", "watch")
                        .build())
                .build())
        .always();
  }

  /** The test's own client, with a User-Agent of its own. */
  public synchronized KubernetesClient client() {
    if (setup == null) {
      setup =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder()
                      .withMasterUrl("http://127.0.0.1:" + server.getPort())
                      .withUserAgent(SETUP_AGENT)
                      .withRequestRetryBackoffLimit(0)
                      .build())
              .build();
    }
    return setup;
  }

  /** A kubeconfig with one context, {@code context}, that reaches this cluster with a token. */
  Path writeKubeconfig(Path dir, String context) {
    return writeKubeconfig(dir, context, "  user: {token: sidescope-test-token}\n");
  }

  /** A kubeconfig with one context whose user is given as YAML ({@code " user: ...\n"}). */
  Path writeKubeconfig(Path dir, String context, String userYaml) {
    Path file = dir.resolve(context + ".kubeconfig");
    String yaml =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "current-context: "
            + context
            + "\n"
            + "clusters:\n"
            + "- name: mock\n"
            + "  cluster: {server: '"
            + url()
            + "'}\n"
            + "contexts:\n"
            + "- name: "
            + context
            + "\n"
            + "  context: {cluster: mock, user: tester}\n"
            + "users:\n"
            + "- name: tester\n"
            + userYaml;
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  // ---- Objects, created through the API as a cluster's controllers would have created them.

  public void namespace(String name) {
    client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /**
   * A Deployment, its ReplicaSet {@code <name>-<hash>} and {@code replicas} pods, each owned by the
   * one above it, plus a Service selecting {@code app=<name>} and its EndpointSlice naming the
   * pods.
   */
  public void deployment(String namespace, String name, String hash, int replicas) {
    var deployment =
        client()
            .apps()
            .deployments()
            .inNamespace(namespace)
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector()
                    .addToMatchLabels("app", name)
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", name)
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName(name)
                    .withImage("shop/" + name + ":1")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    String replicaSetName = name + "-" + hash;
    var replicaSet =
        client()
            .apps()
            .replicaSets()
            .inNamespace(namespace)
            .resource(
                new ReplicaSetBuilder()
                    .withNewMetadata()
                    .withName(replicaSetName)
                    .withNamespace(namespace)
                    .addToLabels("app", name)
                    .addToLabels("pod-template-hash", hash)
                    .withOwnerReferences(
                        owner("apps/v1", "Deployment", name, deployment.getMetadata().getUid()))
                    .endMetadata()
                    .build())
            .create();
    var slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withName(name + "-slice")
            .withNamespace(namespace)
            .addToLabels("kubernetes.io/service-name", name)
            .endMetadata()
            .withAddressType("IPv4");
    for (int i = 0; i < replicas; i++) {
      String podName = replicaSetName + "-p" + i;
      pod(
          namespace,
          podName,
          Map.of("app", name, "pod-template-hash", hash),
          owner("apps/v1", "ReplicaSet", replicaSetName, replicaSet.getMetadata().getUid()));
      slice
          .addNewEndpoint()
          .withAddresses("10.0.0." + (i + 1))
          .withNewTargetRef()
          .withKind("Pod")
          .withName(podName)
          .withNamespace(namespace)
          .endTargetRef()
          .endEndpoint();
    }
    client()
        .services()
        .inNamespace(namespace)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", name)
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
    client()
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace(namespace)
        .resource(slice.build())
        .create();
  }

  /** A CronJob, one Job it started and that Job's pod. */
  void cronJob(String namespace, String name, String jobName) {
    var cronJob =
        client()
            .batch()
            .v1()
            .cronjobs()
            .inNamespace(namespace)
            .resource(
                new CronJobBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewSpec()
                    .withSchedule("0 3 * * *")
                    .endSpec()
                    .build())
            .create();
    var job =
        client()
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .resource(
                new JobBuilder()
                    .withNewMetadata()
                    .withName(jobName)
                    .withNamespace(namespace)
                    .withOwnerReferences(
                        owner("batch/v1", "CronJob", name, cronJob.getMetadata().getUid()))
                    .endMetadata()
                    .build())
            .create();
    pod(
        namespace,
        jobName + "-run",
        Map.of("job-name", jobName),
        owner("batch/v1", "Job", jobName, job.getMetadata().getUid()));
  }

  /** A pod with one container; {@code owner} null for a bare pod. */
  public Pod pod(String namespace, String name, Map<String, String> labels, OwnerReference owner) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("shop/app:1")
            .endContainer()
            .addNewContainer()
            .withName("envoy")
            .withImage("envoyproxy/envoy:v1.31.0")
            .endContainer()
            .endSpec();
    if (owner != null) {
      pod.editMetadata().withOwnerReferences(owner).endMetadata();
    }
    return client().pods().inNamespace(namespace).resource(pod.build()).create();
  }

  public void deletePod(String namespace, String name) {
    client().pods().inNamespace(namespace).withName(name).delete();
  }

  public static OwnerReference owner(String apiVersion, String kind, String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .withController(true)
        .build();
  }

  @Override
  public synchronized void close() {
    if (setup != null) {
      setup.close();
    }
    // The server closes its connections first: a close it starts does not block its event loop.
    try {
      server.destroy();
    } catch (IllegalStateException slowToClose) {
      // The mock's event loop can stay blocked in a WebSocket close for longer than its shutdown
      // waits; the test is over, and its port is never reused.
    }
    relay.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The mock streams watches over WebSocket only. fabric8 falls back to a plain HTTP watch when a
   * WebSocket watch cannot be opened (the server was away at that moment); the mock would answer
   * that with a single response and no events. A real API server may answer 410 Gone to any watch,
   * which sends fabric8 back to a fresh list and a WebSocket watch: the harness does that.
   */
  private static MockResponse gone() {
    return new MockResponse()
        .setResponseCode(410)
        .setBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"too old resource version\",\"reason\":\"Expired\",\"code\":410}");
  }

  private static boolean isHttpWatch(RecordedRequest request) {
    return request.getPath().contains("watch=true")
        && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
  }

  /** Records every request, then lets the policy or the CRUD answer it. */
  private final class Recording extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      requests.add(
          new Request(request.getMethod(), request.getPath(), request.getHeader("User-Agent")));
      String agent = request.getHeader("User-Agent");
      MockResponse answer = SETUP_AGENT.equals(agent) ? null : policy.apply(request);
      if (answer == null && isHttpWatch(request)) {
        answer = gone();
      }
      return answer != null ? answer : crud.dispatch(request);
    }
  }
}
