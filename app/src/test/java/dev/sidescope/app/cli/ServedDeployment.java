package dev.sidescope.app.cli;

import dev.sidescope.samples.kubernetes.SampleKubernetesApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Kubernetes API on loopback (the sample clusters' server: fabric8's CRUD store behind the real
 * API's routes) holding one Deployment's objects, and kubeconfigs that reach it.
 */
final class ServedDeployment implements AutoCloseable {
  private final SampleKubernetesApi api;

  /**
   * A Deployment {@code name} in {@code namespace} with its ReplicaSet and one pod holding an app
   * and an Envoy sidecar, and a Service selecting it.
   */
  ServedDeployment(String namespace, String name) {
    api = SampleKubernetesApi.holding(objects(namespace, name));
    try {
      api.start(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return api.url().toString();
  }

  private static List<HasMetadata> objects(String namespace, String name) {
    String replicaSet = name + "-6d8f7";
    return List.of(
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withUid("uid-deployment")
            .endMetadata()
            .build(),
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(replicaSet)
            .withNamespace(namespace)
            .withUid("uid-replicaset")
            .withOwnerReferences(controller("apps/v1", "Deployment", name, "uid-deployment"))
            .endMetadata()
            .build(),
        new PodBuilder()
            .withNewMetadata()
            .withName(replicaSet + "-x2k9p")
            .withNamespace(namespace)
            .addToLabels("app", name)
            .withOwnerReferences(controller("apps/v1", "ReplicaSet", replicaSet, "uid-replicaset"))
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
            .build(),
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
            .build());
  }

  private static io.fabric8.kubernetes.api.model.OwnerReference controller(
      String apiVersion, String kind, String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .withController(true)
        .build();
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
    api.stop();
  }
}
