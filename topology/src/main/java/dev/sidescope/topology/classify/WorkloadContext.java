package dev.sidescope.topology.classify;

import dev.sidescope.topology.model.WorkloadSpec;
import java.util.Map;

/**
 * What the rules' conditions need to know about the workload being classified. One per {@code
 * classify} call, confined to that call's thread.
 */
final class WorkloadContext {

  private static final String[] LISTING_KEYS = {"\"containers\"", "\"initContainers\""};

  private final WorkloadSpec workload;

  WorkloadContext(WorkloadSpec workload) {
    this.workload = workload;
  }

  WorkloadSpec workload() {
    return workload;
  }

  /** True when the pod carries the annotation; a key ending in {@code /} is a prefix. */
  boolean hasAnnotation(String keyOrPrefix) {
    Map<String, String> annotations = workload.annotations();
    if (!keyOrPrefix.endsWith("/")) {
      return annotations.containsKey(keyOrPrefix);
    }
    for (String key : annotations.keySet()) {
      if (key.startsWith(keyOrPrefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the annotation's JSON lists this container among the ones its injector added, as
   * Istio's {@code sidecar.istio.io/status} does in {@code containers} and {@code initContainers}.
   */
  boolean listedIn(String annotation, String containerName) {
    String json = workload.annotations().get(annotation);
    return json != null && listsContainer(json, containerName);
  }

  /**
   * True when {@code "name"} is an element of the top-level {@code containers} or {@code
   * initContainers} array of this JSON. A scan rather than a JSON parser: every pod of an Istio
   * mesh carries the annotation, the arrays hold plain container names (DNS labels, nothing
   * escaped), and anything unexpected reads as "not listed".
   */
  static boolean listsContainer(String json, String name) {
    if (name.isEmpty() || !json.contains(name)) {
      return false;
    }
    for (String key : LISTING_KEYS) {
      int at = json.indexOf(key);
      if (at < 0) {
        continue;
      }
      int open = skipSpaces(json, at + key.length());
      if (open >= json.length() || json.charAt(open) != ':') {
        continue;
      }
      open = skipSpaces(json, open + 1);
      if (open >= json.length() || json.charAt(open) != '[') {
        continue; // null: nothing listed here
      }
      int close = json.indexOf(']', open);
      if (close < 0) {
        return false;
      }
      for (int hit = json.indexOf(name, open); hit >= 0 && hit < close; ) {
        int end = hit + name.length();
        if (json.charAt(hit - 1) == '"' && end < json.length() && json.charAt(end) == '"') {
          return true;
        }
        hit = json.indexOf(name, hit + 1);
      }
    }
    return false;
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
