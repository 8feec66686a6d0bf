package dev.sidescope.topology.model;

import java.util.Map;

/**
 * An ECS task definition's {@code proxyConfiguration}: the container named here ({@code type}
 * {@code APPMESH}) intercepts the task's traffic.
 */
public record ProxyConfig(String type, String containerName, Map<String, String> properties) {
  public ProxyConfig {
    properties = Map.copyOf(properties);
  }
}
