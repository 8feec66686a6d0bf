package dev.sidescope.collectors.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.topology.model.proxy.ProxyServer;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads Envoy's {@code /server_info} into a {@link ProxyServer}: its name ({@code node.id}, else
 * {@code command_line_options.service_node}, else {@code service_cluster}), {@code state}, the
 * release out of {@code version} ({@code 093e2ff.../1.15.0-dev/Clean/RELEASE/BoringSSL} gives
 * {@code 1.15.0-dev}) and {@code uptime_current_epoch} ({@code "188s"}).
 *
 * <p>Stateless and thread-safe.
 */
public final class EnvoyServerInfo {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EnvoyServerInfo() {}

  /**
   * The server {@code json} describes; {@code fallbackName} names it when the Envoy names itself
   * nowhere.
   *
   * @throws IOException when {@code json} is not a JSON object with a {@code state}
   */
  public static ProxyServer read(String json, String fallbackName) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UnreadableAnswerException("its /server_info is not JSON", e);
    }
    if (root == null || !root.isObject() || !root.path("state").isTextual()) {
      throw new UnreadableAnswerException("its /server_info has no state", null);
    }
    JsonNode options = root.path("command_line_options");
    String name =
        firstText(
                root.path("node").path("id"),
                options.path("service_node"),
                options.path("service_cluster"))
            .orElse(fallbackName);
    return new ProxyServer(
        name,
        root.path("state").asText(),
        firstText(root.path("version")).map(EnvoyServerInfo::release),
        seconds(root.path("uptime_current_epoch").asText("")));
  }

  /**
   * The release in Envoy's build string: its second {@code /}-separated part, where there is one.
   */
  static String release(String version) {
    String[] parts = version.split("/");
    return parts.length >= 2 && !parts[1].isBlank() ? parts[1] : version;
  }

  /** {@code "188s"} or {@code "188.5s"} as whole seconds; empty for anything else. */
  static OptionalLong seconds(String duration) {
    String digits =
        duration.endsWith("s") ? duration.substring(0, duration.length() - 1) : duration;
    try {
      return OptionalLong.of((long) Double.parseDouble(digits));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static Optional<String> firstText(JsonNode... candidates) {
    for (JsonNode c : candidates) {
      if (c.isTextual() && !c.asText().isBlank()) {
        return Optional.of(c.asText());
      }
    }
    return Optional.empty();
  }
}
