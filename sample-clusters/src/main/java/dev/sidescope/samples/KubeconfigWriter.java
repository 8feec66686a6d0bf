package dev.sidescope.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a kubeconfig for a served sample: one cluster, one user and one context, all named after
 * the sample, plain HTTP to its loopback API, and a dummy token (the sample checks none, but
 * clients want a credential). The context is the current one. Its reader is the Kubernetes
 * collectors' {@code Kubeconfig}.
 */
final class KubeconfigWriter {
  /** The token the kubeconfig carries; the sample's API accepts anything. */
  static final String TOKEN = "sample-cluster";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private KubeconfigWriter() {}

  static String render(String name, URI server) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", List.of(named(name, "cluster", Map.of("server", server.toString()))));
    config.put("users", List.of(named(name, "user", Map.of("token", TOKEN))));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", name);
    context.put("user", name);
    config.put("contexts", List.of(named(name, "context", context)));
    config.put("current-context", name);
    config.put("preferences", Map.of());
    try {
      return "# The sample cluster '"
          + name
          + "', served by sidescope on loopback.\n"
          + YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings always serialize", e);
    }
  }

  private static Map<String, Object> named(String name, String key, Object value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put(key, value);
    return entry;
  }

  /** Writes the kubeconfig atomically; returns its absolute path. */
  static Path write(Path file, String name, URI server) throws IOException {
    return AtomicFiles.write(file, render(name, server));
  }
}
