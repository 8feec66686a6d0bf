package dev.sidescope.samples.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API server's discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, {@code
 * /apis/<group>/<version>}) and {@code /version}, which the fabric8 mock lacks and {@code kubectl}
 * needs: the built-in resources a sample uses, App Mesh's, and every other kind found among the
 * served objects.
 *
 * <p>Immutable once built; thread-safe.
 */
final class KubernetesDiscovery {
  /** The version the sample cluster's API server claims to be. */
  static final String SERVER_VERSION = "v1.30.6-eks-7f9249a";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP_MESH = "appmesh.k8s.aws";
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** One resource type as discovery lists it. */
  record Resource(
      String group,
      String version,
      String plural,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      boolean inAll,
      List<String> subresources) {
    String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  private static final List<Resource> BUILT_IN =
      List.of(
          core("configmaps", "ConfigMap", true, List.of("cm"), false),
          core("endpoints", "Endpoints", true, List.of("ep"), false),
          core("events", "Event", true, List.of("ev"), false),
          core("namespaces", "Namespace", false, List.of("ns"), false, "status"),
          core("nodes", "Node", false, List.of("no"), false, "status"),
          core("persistentvolumeclaims", "PersistentVolumeClaim", true, List.of("pvc"), false),
          core("persistentvolumes", "PersistentVolume", false, List.of("pv"), false),
          core("pods", "Pod", true, List.of("po"), true, "log", "status"),
          core("replicationcontrollers", "ReplicationController", true, List.of("rc"), true),
          core("secrets", "Secret", true, List.of(), false),
          core("serviceaccounts", "ServiceAccount", true, List.of("sa"), false),
          core("services", "Service", true, List.of("svc"), true, "status"),
          new Resource(
              "apps",
              "v1",
              "controllerrevisions",
              "ControllerRevision",
              true,
              List.of(),
              false,
              List.of()),
          new Resource(
              "apps",
              "v1",
              "daemonsets",
              "DaemonSet",
              true,
              List.of("ds"),
              true,
              List.of("status")),
          new Resource(
              "apps",
              "v1",
              "deployments",
              "Deployment",
              true,
              List.of("deploy"),
              true,
              List.of("scale", "status")),
          new Resource(
              "apps",
              "v1",
              "replicasets",
              "ReplicaSet",
              true,
              List.of("rs"),
              true,
              List.of("scale", "status")),
          new Resource(
              "apps",
              "v1",
              "statefulsets",
              "StatefulSet",
              true,
              List.of("sts"),
              true,
              List.of("scale", "status")),
          new Resource(
              "batch", "v1", "cronjobs", "CronJob", true, List.of("cj"), true, List.of("status")),
          new Resource("batch", "v1", "jobs", "Job", true, List.of(), true, List.of("status")),
          new Resource(
              "discovery.k8s.io",
              "v1",
              "endpointslices",
              "EndpointSlice",
              true,
              List.of(),
              false,
              List.of()),
          appMesh("meshes", "Mesh", false),
          appMesh("virtualnodes", "VirtualNode", true),
          appMesh("virtualservices", "VirtualService", true),
          appMesh("virtualrouters", "VirtualRouter", true),
          appMesh("virtualgateways", "VirtualGateway", true),
          appMesh("gatewayroutes", "GatewayRoute", true));

  /** groupVersion → resources, in the order discovery lists them. */
  private final Map<String, List<Resource>> byGroupVersion = new LinkedHashMap<>();

  /** The resource types the store must be told about: App Mesh's and unknown kinds found. */
  private final List<Resource> custom = new ArrayList<>();

  /** Discovery for the built-in resources plus every kind among {@code objects}. */
  KubernetesDiscovery(Collection<HasMetadata> objects) {
    for (Resource r : BUILT_IN) {
      add(r);
      if (r.group().equals(APP_MESH)) {
        custom.add(r);
      }
    }
    for (HasMetadata object : objects) {
      String apiVersion = object.getApiVersion();
      String kind = object.getKind();
      if (apiVersion == null || kind == null) {
        continue;
      }
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : apiVersion.substring(0, slash);
      String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
      String gv = slash < 0 ? version : group + "/" + version;
      boolean known =
          byGroupVersion.getOrDefault(gv, List.of()).stream().anyMatch(r -> r.kind().equals(kind));
      if (!known) {
        String plural =
            object instanceof GenericKubernetesResource ? plural(kind) : object.getPlural();
        Resource r =
            new Resource(
                group,
                version,
                plural,
                kind,
                object.getMetadata() != null && object.getMetadata().getNamespace() != null,
                List.of(),
                false,
                List.of());
        add(r);
        if (object instanceof GenericKubernetesResource) {
          custom.add(r);
        }
      }
    }
  }

  /**
   * The custom resource types among the served objects and App Mesh's, for the CRUD store to know
   * their plurals and scopes.
   */
  List<CustomResourceDefinitionContext> customResources() {
    List<CustomResourceDefinitionContext> out = new ArrayList<>();
    for (Resource r : custom) {
      out.add(
          new CustomResourceDefinitionContext.Builder()
              .withGroup(r.group())
              .withVersion(r.version())
              .withKind(r.kind())
              .withPlural(r.plural())
              .withScope(r.namespaced() ? "Namespaced" : "Cluster")
              .withName(r.plural() + "." + r.group())
              .build());
    }
    return out;
  }

  /**
   * The document at {@code path} (without its query), if it is a discovery path: {@code /api},
   * {@code /apis}, {@code /api/v1}, {@code /apis/<group>}, {@code /apis/<group>/<version>}.
   */
  Optional<String> document(String path) {
    if (path.equals("/api") || path.equals("/api/")) {
      return Optional.of(apiVersions());
    }
    if (path.equals("/apis") || path.equals("/apis/")) {
      return Optional.of(groupList());
    }
    if (path.equals("/api/v1")) {
      return Optional.of(resourceList("v1"));
    }
    if (path.startsWith("/apis/")) {
      String[] parts = path.substring("/apis/".length()).split("/");
      if (parts.length == 1 && groupVersions(parts[0]).size() > 0) {
        return Optional.of(write(group(parts[0])));
      }
      if (parts.length == 2 && byGroupVersion.containsKey(parts[0] + "/" + parts[1])) {
        return Optional.of(resourceList(parts[0] + "/" + parts[1]));
      }
    }
    return Optional.empty();
  }

  /** The plural discovery lists for a kind, or the one Kubernetes would derive. */
  String pluralOf(String apiVersion, String kind) {
    return byGroupVersion.getOrDefault(apiVersion, List.of()).stream()
        .filter(r -> r.kind().equals(kind))
        .map(Resource::plural)
        .findFirst()
        .orElse(plural(kind));
  }

  /** True for a path under {@code /apis/<group>[/<version>]} that no served group has. */
  boolean isUnknownGroupPath(String path) {
    if (!path.startsWith("/apis/")) {
      return false;
    }
    String[] parts = path.substring("/apis/".length()).split("/");
    return parts.length <= 2 && groupVersions(parts[0]).isEmpty();
  }

  /** {@code /version}. */
  static String version() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("major", "1");
    v.put("minor", "30+");
    v.put("gitVersion", SERVER_VERSION);
    v.put("gitCommit", "7f9249a7b0db7a36b2e39d1c1ff2f8bd00d0a8b1");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2024-10-29T23:17:34Z");
    v.put("goVersion", "go1.22.8");
    v.put("compiler", "gc");
    v.put("platform", "linux/amd64");
    return write(v);
  }

  /** A {@code Status} document, as the API server answers errors. */
  static String status(int code, String reason, String message) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.put("metadata", Map.of());
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    s.put("code", code);
    return write(s);
  }

  private String apiVersions() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("kind", "APIVersions");
    v.put("versions", List.of("v1"));
    v.put(
        "serverAddressByClientCIDRs",
        List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1:443")));
    return write(v);
  }

  private String groupList() {
    List<Object> groups = new ArrayList<>();
    for (String group : groups()) {
      groups.add(group(group));
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    list.put("groups", groups);
    return write(list);
  }

  private Map<String, Object> group(String group) {
    List<Object> versions = new ArrayList<>();
    for (String version : groupVersions(group)) {
      versions.add(Map.of("groupVersion", group + "/" + version, "version", version));
    }
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("kind", "APIGroup");
    g.put("apiVersion", "v1");
    g.put("name", group);
    g.put("versions", versions);
    g.put("preferredVersion", versions.get(0));
    return g;
  }

  private String resourceList(String groupVersion) {
    List<Object> resources = new ArrayList<>();
    for (Resource r : byGroupVersion.get(groupVersion)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.plural());
      m.put("singularName", r.kind().toLowerCase(Locale.ROOT));
      m.put("namespaced", r.namespaced());
      m.put("kind", r.kind());
      m.put("verbs", VERBS);
      if (!r.shortNames().isEmpty()) {
        m.put("shortNames", r.shortNames());
      }
      if (r.inAll()) {
        m.put("categories", List.of("all"));
      }
      resources.add(m);
      for (String sub : r.subresources()) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", r.plural() + "/" + sub);
        s.put("singularName", "");
        s.put("namespaced", r.namespaced());
        s.put("kind", sub.equals("scale") ? "Scale" : r.kind());
        s.put("verbs", sub.equals("log") ? List.of("get") : List.of("get", "patch", "update"));
        resources.add(s);
      }
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", groupVersion);
    list.put("resources", resources);
    return write(list);
  }

  private List<String> groups() {
    List<String> groups = new ArrayList<>();
    for (List<Resource> resources : byGroupVersion.values()) {
      String group = resources.get(0).group();
      if (!group.isEmpty() && !groups.contains(group)) {
        groups.add(group);
      }
    }
    return groups;
  }

  private List<String> groupVersions(String group) {
    List<String> versions = new ArrayList<>();
    for (List<Resource> resources : byGroupVersion.values()) {
      Resource first = resources.get(0);
      if (first.group().equals(group) && !versions.contains(first.version())) {
        versions.add(first.version());
      }
    }
    return versions;
  }

  private void add(Resource r) {
    byGroupVersion.computeIfAbsent(r.groupVersion(), k -> new ArrayList<>()).add(r);
  }

  /** The plural Kubernetes derives for a kind when a CRD does not name one. */
  static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s")
        || lower.endsWith("x")
        || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      return lower + "es";
    }
    if (lower.endsWith("y")
        && lower.length() > 1
        && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }

  private static Resource core(
      String plural,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      boolean inAll,
      String... subresources) {
    return new Resource(
        "", "v1", plural, kind, namespaced, shortNames, inAll, List.of(subresources));
  }

  private static Resource appMesh(String plural, String kind, boolean namespaced) {
    return new Resource(APP_MESH, "v1beta2", plural, kind, namespaced, List.of(), false, List.of());
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings always serialize", e);
    }
  }
}
