package dev.sidescope.views.sources;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Sources dialog offers, as the app found it on this machine: the contexts of the
 * kubeconfig as kubectl reads it, and the AWS profiles of the AWS CLI's files with the regions to
 * pick from. Each half says in one sentence why it is empty when it is.
 *
 * @param kubeconfig the kubeconfig files read, for the person to see ("~/.kube/config")
 * @param kubeContexts every context, in kubectl's order
 * @param currentContext the kubeconfig's current-context, if it sets one
 * @param kubeProblem why there are no contexts (no kubeconfig, an unreadable one)
 * @param awsProfiles every profile of the AWS config and credentials files
 * @param profileRegions the region each profile sets, for profiles that set one
 * @param defaultProfile the profile the AWS CLI would use ({@code AWS_PROFILE}, else default)
 * @param regions the regions to pick from
 * @param awsProblem why there are no profiles, or that the files could not be read
 */
public record SourceOffer(
    String kubeconfig,
    List<String> kubeContexts,
    Optional<String> currentContext,
    Optional<String> kubeProblem,
    List<String> awsProfiles,
    Map<String, String> profileRegions,
    Optional<String> defaultProfile,
    List<String> regions,
    Optional<String> awsProblem) {

  public SourceOffer {
    kubeContexts = List.copyOf(kubeContexts);
    awsProfiles = List.copyOf(awsProfiles);
    profileRegions = Map.copyOf(profileRegions);
    regions = List.copyOf(regions);
  }

  /**
   * The choice to show when the dialog opens: the one in use if there is one, else the current
   * context, and no ECS (asking AWS is a deliberate step).
   */
  public SourceChoice startingPoint(SourceChoice inUse) {
    if (!inUse.isEmpty()) {
      return inUse;
    }
    return SourceChoice.kubernetes(
        currentContext.filter(kubeContexts::contains).map(List::of).orElse(List.of()),
        Optional.empty());
  }
}
