package dev.sidescope.samples.folder;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.samples.folder.LocatedYaml.Node;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a sample-cluster folder (DESIGN.md, "Sample clusters"): the optional {@code cluster.yaml}
 * and the manifests under {@code kubernetes/}. {@code ecs/} belongs to the ECS endpoint and is not
 * read here.
 *
 * <p>What the reader does not know (a key in {@code cluster.yaml}, a file that is not YAML under
 * {@code kubernetes/}) becomes a warning in {@link SampleCluster#warnings()}, never a failure. A
 * file that does not parse is a {@link MalformedSampleException} naming the file and the line.
 *
 * <p>The folder may live inside a jar (see {@link BuiltInSamples}): only {@link Files} is used.
 * Stateless and thread-safe.
 */
public final class SampleClusterFolder {
  /** The optional description file at the folder's root. */
  public static final String CLUSTER_FILE = "cluster.yaml";

  /** The folder of Kubernetes manifests. */
  public static final String KUBERNETES_DIR = "kubernetes";

  private static final Set<String> CLUSTER_KEYS = Set.of("name", "description", "traffic");
  private static final Set<String> TRAFFIC_KEYS =
      Set.of("from", "to", "rps", "latencyMs", "errorRate");
  private static final Set<String> LATENCY_KEYS = Set.of("p50", "p90", "p99");
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleClusterFolder() {}

  /**
   * Reads the sample in {@code folder}.
   *
   * @throws MalformedSampleException when a file does not parse, or the folder is not one
   * @throws IOException when a file cannot be read
   */
  public static SampleCluster read(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new MalformedSampleException(folder + " is not a folder.");
    }
    List<String> warnings = new ArrayList<>();
    String name = folderName(folder);
    String description = "";
    List<TrafficFlow> traffic = List.of();
    Path clusterFile = folder.resolve(CLUSTER_FILE);
    if (Files.isRegularFile(clusterFile)) {
      Node root = firstDocument(clusterFile, CLUSTER_FILE);
      if (root != null) {
        if (!root.isMap()) {
          throw new MalformedSampleException(
              CLUSTER_FILE
                  + ", line "
                  + root.line()
                  + ": expected keys name, description and traffic, found "
                  + describe(root)
                  + ".");
        }
        for (Map.Entry<String, Node> entry : root.map().entrySet()) {
          if (!CLUSTER_KEYS.contains(entry.getKey())) {
            warnings.add(
                CLUSTER_FILE
                    + ", line "
                    + entry.getValue().line()
                    + ": unknown key '"
                    + entry.getKey()
                    + "' ignored.");
          }
        }
        Node nameNode = root.map().get("name");
        if (nameNode != null && nameNode.value() != null) {
          name = text(nameNode, CLUSTER_FILE, "name");
        }
        Node descriptionNode = root.map().get("description");
        if (descriptionNode != null && descriptionNode.value() != null) {
          description = text(descriptionNode, CLUSTER_FILE, "description").strip();
        }
        Node trafficNode = root.map().get("traffic");
        if (trafficNode != null && trafficNode.value() != null) {
          traffic = traffic(trafficNode, warnings);
        }
      }
    }
    if (name.isBlank()) {
      throw new MalformedSampleException(CLUSTER_FILE + ": name is empty.");
    }
    List<HasMetadata> manifests = new ArrayList<>();
    Path kubernetes = folder.resolve(KUBERNETES_DIR);
    if (Files.isDirectory(kubernetes)) {
      for (Path file : manifestFiles(kubernetes, warnings)) {
        manifests.addAll(manifests(file, KUBERNETES_DIR + "/" + fileName(file)));
      }
    }
    return new SampleCluster(name, description, traffic, manifests, Map.of(), warnings);
  }

  private static List<Path> manifestFiles(Path dir, List<String> warnings) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.sorted((a, b) -> fileName(a).compareTo(fileName(b))).toList()) {
        String n = fileName(p).toLowerCase(Locale.ROOT);
        if (Files.isDirectory(p)) {
          warnings.add(KUBERNETES_DIR + "/" + fileName(p) + " ignored: sub-folders are not read.");
        } else if (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) {
          files.add(p);
        } else {
          warnings.add(
              KUBERNETES_DIR
                  + "/"
                  + fileName(p)
                  + " ignored: only .yaml, .yml and .json files are read.");
        }
      }
    }
    return files;
  }

  private static List<HasMetadata> manifests(Path file, String label) throws IOException {
    List<Node> documents = documents(file, label);
    List<HasMetadata> objects = new ArrayList<>();
    for (Node document : documents) {
      String where = label + ", document at line " + document.line();
      if (!document.isMap()) {
        throw new MalformedSampleException(
            where + ", is not a Kubernetes object (expected apiVersion, kind and metadata).");
      }
      Node kind = document.map().get("kind");
      Node items = document.map().get("items");
      if (kind != null
          && kind.value() instanceof String k
          && k.endsWith("List")
          && items != null
          && items.value() instanceof List) {
        // `kubectl get -o yaml` writes a List of objects: read it as its items.
        for (Node item : items.list()) {
          if (!item.isMap()) {
            throw new MalformedSampleException(
                label + ", item at line " + item.line() + ", is not a Kubernetes object.");
          }
          objects.add(object(item, label + ", item at line " + item.line()));
        }
      } else {
        objects.add(object(document, where));
      }
    }
    return objects;
  }

  private static HasMetadata object(Node node, String where) throws MalformedSampleException {
    Map<String, Node> fields = node.map();
    for (String required : List.of("apiVersion", "kind")) {
      Node value = fields.get(required);
      if (value == null || !(value.value() instanceof String s) || s.isBlank()) {
        throw new MalformedSampleException(where + ", has no " + required + ".");
      }
    }
    Node metadata = fields.get("metadata");
    Node objectName = metadata == null ? null : metadata.map().get("name");
    if (objectName == null || !(objectName.value() instanceof String s) || s.isBlank()) {
      throw new MalformedSampleException(where + ", has no metadata.name.");
    }
    String kind = (String) fields.get("kind").value();
    KubernetesResource resource;
    try {
      resource = KUBERNETES.unmarshal(JSON.writeValueAsString(node.plain()));
    } catch (RuntimeException | IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new MalformedSampleException(
          where + ", cannot be read as a " + kind + ": " + firstLine(reason) + ".", e);
    }
    if (!(resource instanceof HasMetadata object)) {
      throw new MalformedSampleException(
          where + ", is a " + kind + ", not an object with metadata.");
    }
    return object;
  }

  private static List<TrafficFlow> traffic(Node node, List<String> warnings)
      throws MalformedSampleException {
    if (!(node.value() instanceof List)) {
      throw new MalformedSampleException(
          CLUSTER_FILE
              + ", line "
              + node.line()
              + ": traffic must be a list, found "
              + describe(node)
              + ".");
    }
    List<TrafficFlow> flows = new ArrayList<>();
    for (Node entry : node.list()) {
      String where = CLUSTER_FILE + ", line " + entry.line();
      if (!entry.isMap()) {
        throw new MalformedSampleException(
            where + ": a traffic entry must have from, to, rps, latencyMs and errorRate.");
      }
      Map<String, Node> f = entry.map();
      f.forEach(
          (k, v) -> {
            if (!TRAFFIC_KEYS.contains(k)) {
              warnings.add(
                  CLUSTER_FILE
                      + ", line "
                      + v.line()
                      + ": unknown traffic key '"
                      + k
                      + "' ignored.");
            }
          });
      String from = required(f, "from", where);
      String to = required(f, "to", where);
      double rps = number(f.get("rps"), "rps", 0);
      double errorRate = number(f.get("errorRate"), "errorRate", 0);
      if (errorRate < 0 || errorRate > 1) {
        throw new MalformedSampleException(
            CLUSTER_FILE
                + ", line "
                + f.get("errorRate").line()
                + ": errorRate is a fraction between 0 and 1 (0.004 for 0.4%).");
      }
      double p50 = 0;
      double p90 = 0;
      double p99 = 0;
      Node latency = f.get("latencyMs");
      if (latency != null && latency.value() != null) {
        if (!latency.isMap()) {
          throw new MalformedSampleException(
              CLUSTER_FILE
                  + ", line "
                  + latency.line()
                  + ": latencyMs must have p50, p90 and p99 in milliseconds.");
        }
        Map<String, Node> l = latency.map();
        l.forEach(
            (k, v) -> {
              if (!LATENCY_KEYS.contains(k)) {
                warnings.add(
                    CLUSTER_FILE
                        + ", line "
                        + v.line()
                        + ": unknown latency key '"
                        + k
                        + "' ignored.");
              }
            });
        p50 = number(l.get("p50"), "p50", 0);
        p90 = number(l.get("p90"), "p90", p50);
        p99 = number(l.get("p99"), "p99", p90);
      }
      flows.add(new TrafficFlow(from, to, rps, p50, p90, p99, errorRate));
    }
    return flows;
  }

  private static String required(Map<String, Node> fields, String key, String where)
      throws MalformedSampleException {
    Node value = fields.get(key);
    if (value == null || value.value() == null) {
      throw new MalformedSampleException(where + ": the traffic entry has no " + key + ".");
    }
    return text(value, CLUSTER_FILE, key);
  }

  private static String text(Node node, String file, String key) throws MalformedSampleException {
    if (node.value() instanceof String s) {
      return s;
    }
    if (node.value() instanceof Number || node.value() instanceof Boolean) {
      return String.valueOf(node.value());
    }
    throw new MalformedSampleException(
        file
            + ", line "
            + node.line()
            + ": "
            + key
            + " must be text, found "
            + describe(node)
            + ".");
  }

  private static double number(Node node, String key, double absent)
      throws MalformedSampleException {
    if (node == null || node.value() == null) {
      return absent;
    }
    if (node.value() instanceof Number n && n.doubleValue() >= 0) {
      return n.doubleValue();
    }
    throw new MalformedSampleException(
        CLUSTER_FILE
            + ", line "
            + node.line()
            + ": "
            + key
            + " must be a number of at least 0, found "
            + describe(node)
            + ".");
  }

  private static Node firstDocument(Path file, String label) throws IOException {
    List<Node> documents = documents(file, label);
    return documents.isEmpty() ? null : documents.get(0);
  }

  private static List<Node> documents(Path file, String label) throws IOException {
    try {
      return LocatedYaml.readAll(SampleText.read(file));
    } catch (SampleText.NotUtf8 e) {
      throw new MalformedSampleException(label + " " + e.getMessage() + ".", e);
    } catch (StreamConstraintsException e) {
      throw new MalformedSampleException(label + " " + SampleText.beyondLimits(e) + ".", e);
    } catch (LocatedYaml.SyntaxError e) {
      String line = e.line > 0 ? " at line " + e.line : "";
      throw new MalformedSampleException(
          label + " is not valid YAML" + line + ": " + trimPeriod(e.problem) + ".", e);
    } catch (NoSuchFileException e) {
      throw new MalformedSampleException(label + " disappeared while it was being read.", e);
    }
  }

  private static String describe(Node node) {
    Object v = node.value();
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    return v == null ? "nothing" : "'" + v + "'";
  }

  private static String folderName(Path folder) {
    Path absolute = folder.getFileName() == null ? folder.toAbsolutePath() : folder;
    return absolute.getFileName() == null ? "sample" : fileName(absolute);
  }

  private static String fileName(Path p) {
    String n = String.valueOf(p.getFileName());
    // A folder inside a jar is named with its trailing slash.
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  private static String firstLine(String text) {
    return trimPeriod(text.lines().findFirst().orElse(text).strip());
  }

  private static String trimPeriod(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
