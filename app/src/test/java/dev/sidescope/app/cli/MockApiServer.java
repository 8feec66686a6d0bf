package dev.sidescope.app.cli;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode on loopback, with a Deployment's objects and a kubeconfig.
 */
final class MockApiServer implements AutoCloseable {
  private final KubernetesMockServer server;
  private final KubernetesClient setup;

  MockApiServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    setup =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder().withMasterUrl(url()).withUserAgent("test-setup").build())
            .build();
  }

  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** A Deployment, its ReplicaSet and one pod with an app and an Envoy sidecar, and a Service. */
  void deployment(String namespace, String name) {
    var deployment =
        setup
            .apps()
            .deployments()
            .inNamespace(namespace)
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .endMetadata()
                    .build())
            .create();
    var replicaSet =
        setup
            .apps()
            .replicaSets()
            .inNamespace(namespace)
            .resource(
                new ReplicaSetBuilder()
                    .withNewMetadata()
                    .withName(name + "-6d8f7")
                    .withNamespace(namespace)
                    .addNewOwnerReference()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName(name)
                    .withUid(deployment.getMetadata().getUid())
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata()
                    .build())
            .create();
    setup
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name + "-6d8f7-x2k9p")
                .withNamespace(namespace)
                .addToLabels("app", name)
                .withOwnerReferences(
                    new OwnerReferenceBuilder()
                        .withApiVersion("apps/v1")
                        .withKind("ReplicaSet")
                        .withName(replicaSet.getMetadata().getName())
                        .withUid(replicaSet.getMetadata().getUid())
                        .withController(true)
                        .build())
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage("shop/" + name + ":1")
                .endContainer()
                .addNewContainer()
                .withName("envoy")
                .withImage("envoyproxy/envoy:v1.31.0")
                .endContainer()
                .endSpec()
                .build())
        .create();
    setup
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
  }

  /** A kubeconfig whose only (and current) context reaches {@code server} with a token. */
  static Path writeKubeconfig(Path file, String context, String server) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          "apiVersion: v1\nkind: Config\ncurrent-context: "
              + context
              + "\nclusters:\n- name: c\n  cluster: {server: '"
              + server
              + "'}\ncontexts:\n- name: "
              + context
              + "\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user: {token: t}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    setup.close();
    try {
      server.destroy();
    } catch (IllegalStateException slowToClose) {
      // fabric8's mock can block its event loop on a WebSocket close that a client started, for
      // longer than its shutdown waits; the test is over either way.
    }
  }
}
