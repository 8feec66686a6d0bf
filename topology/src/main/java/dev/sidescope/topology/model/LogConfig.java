package dev.sidescope.topology.model;

import java.util.Map;

/**
 * Where a container's output goes: an ECS {@code logConfiguration} ({@code awslogs}, {@code
 * awsfirelens}, ...) or a FireLens router's {@code firelensConfiguration} (driver {@code
 * fluentbit}/{@code fluentd}).
 */
public record LogConfig(String driver, Map<String, String> options) {
  public LogConfig {
    options = Map.copyOf(options);
  }
}
