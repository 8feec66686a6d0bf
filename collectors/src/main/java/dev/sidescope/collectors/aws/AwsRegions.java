package dev.sidescope.collectors.aws;

import java.util.List;
import software.amazon.awssdk.regions.Region;

/** The regions a person can pick from, as the SDK knows them. Pure: no I/O. */
public final class AwsRegions {
  private AwsRegions() {}

  /**
   * Every regional endpoint's name ({@code us-east-1}, ...), sorted; global pseudo-regions left
   * out.
   */
  public static List<String> names() {
    return Region.regions().stream()
        .filter(r -> !r.isGlobalRegion())
        .map(Region::id)
        .filter(id -> !id.contains("global"))
        .sorted()
        .toList();
  }
}
