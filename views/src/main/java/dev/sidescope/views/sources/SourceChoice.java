package dev.sidescope.views.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sources a person chose in the Sources dialog, remembered between runs: kube contexts (several
 * at once) with an optional namespace, and an AWS profile and region for ECS with the clusters to
 * watch (none named: every cluster).
 *
 * @param kubeContexts contexts of the kubeconfig, in the order chosen; empty: no Kubernetes
 * @param namespace one namespace to watch in every context; empty: all namespaces
 * @param awsProfile the AWS profile for ECS; empty: no ECS
 * @param awsRegion the region; empty: the profile's own
 * @param ecsClusters cluster names; empty: every cluster of the region
 * @param xray the X-Ray API (through the AWS profile and region above) and the local daemon port
 */
public record SourceChoice(
    List<String> kubeContexts,
    Optional<String> namespace,
    Optional<String> awsProfile,
    Optional<String> awsRegion,
    List<String> ecsClusters,
    XRayChoice xray) {

  /** Nothing chosen. */
  public static final SourceChoice NONE =
      new SourceChoice(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());

  public SourceChoice {
    kubeContexts = distinctNonBlank(kubeContexts);
    namespace = blankless(namespace);
    awsProfile = blankless(awsProfile);
    awsRegion = blankless(awsRegion);
    ecsClusters = distinctNonBlank(ecsClusters);
    xray = xray == null ? XRayChoice.DEFAULT : xray;
  }

  /** A choice with the default X-Ray settings ({@link XRayChoice#DEFAULT}). */
  public SourceChoice(
      List<String> kubeContexts,
      Optional<String> namespace,
      Optional<String> awsProfile,
      Optional<String> awsRegion,
      List<String> ecsClusters) {
    this(kubeContexts, namespace, awsProfile, awsRegion, ecsClusters, XRayChoice.DEFAULT);
  }

  /** Just these kube contexts. */
  public static SourceChoice kubernetes(List<String> contexts, Optional<String> namespace) {
    return new SourceChoice(contexts, namespace, Optional.empty(), Optional.empty(), List.of());
  }

  /** The same choice with ECS through this profile and region. */
  public SourceChoice withEcs(String profile, Optional<String> region, List<String> clusters) {
    return new SourceChoice(kubeContexts, namespace, Optional.of(profile), region, clusters, xray);
  }

  /** The same choice with these X-Ray settings. */
  public SourceChoice withXRay(XRayChoice value) {
    return new SourceChoice(kubeContexts, namespace, awsProfile, awsRegion, ecsClusters, value);
  }

  /** True when ECS is chosen. */
  public boolean ecs() {
    return awsProfile.isPresent();
  }

  /** True when nothing at all is chosen. */
  public boolean isEmpty() {
    return kubeContexts.isEmpty() && !ecs() && xray.daemon().isEmpty();
  }

  /** "kind-dev, staging · ECS dev/eu-west-1": the choice in a few words, for a title or status. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!kubeContexts.isEmpty()) {
      parts.add(String.join(", ", kubeContexts) + namespace.map(n -> " (" + n + ")").orElse(""));
    }
    awsProfile.ifPresent(
        p ->
            parts.add(
                "ECS "
                    + p
                    + awsRegion.map(r -> "/" + r).orElse("")
                    + (ecsClusters.isEmpty() ? "" : " " + String.join(", ", ecsClusters))));
    xray.daemon().ifPresent(d -> parts.add("X-Ray daemon port " + d));
    return parts.isEmpty() ? "no sources" : String.join(" · ", parts);
  }

  private static Optional<String> blankless(Optional<String> value) {
    return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
  }

  private static List<String> distinctNonBlank(List<String> values) {
    Objects.requireNonNull(values);
    return values.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
  }
}
