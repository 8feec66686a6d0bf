package dev.sidescope.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The Kubernetes source's command-line options, for any command to mix in ({@code @Mixin
 * KubernetesOptions kube;}): {@code --kubeconfig}, {@code --context} (repeatable) and {@code
 * --namespace}. What is not given comes from where kubectl finds it.
 */
public final class KubernetesOptions {

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "The kubeconfig to read (default: as kubectl does, KUBECONFIG's files merged, else ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "CONTEXT",
      description = "A kube context to read (repeatable; default: the current context).")
  List<String> contexts = List.of();

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "Read only this namespace (default: the whole cluster).")
  String namespace;

  /** What these options ask of Kubernetes. */
  LiveSnapshots.KubernetesRequest request() {
    return new LiveSnapshots.KubernetesRequest(
        Optional.ofNullable(kubeconfig), contexts, namespace());
  }

  Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }
}
