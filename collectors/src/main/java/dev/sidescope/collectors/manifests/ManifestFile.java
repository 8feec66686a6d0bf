package dev.sidescope.collectors.manifests;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidescope.collectors.ecs.EcsTaskDefinitions;
import dev.sidescope.collectors.ecs.InvalidTaskDefinitionException;
import dev.sidescope.collectors.kubernetes.KubernetesWorkloads;
import dev.sidescope.topology.model.WorkloadSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * One manifest file being read: its documents are parsed one by one, told apart by shape
 * (Kubernetes object, {@code List}, ECS task definition, a file Sidescope knows but does not read),
 * converted, and added to the collection; whatever goes wrong becomes a problem for that document
 * only. Confined to the thread of one {@link ManifestReader#read} call.
 */
final class ManifestFile {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestFile.class);

  /** fabric8's own serialization: thread-safe once built, and costly to build, so shared. */
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static final KubernetesWorkloads KUBERNETES =
      new KubernetesWorkloads(ManifestReader.SOURCE_ID, ManifestReader.SOURCE_ID);
  private static final EcsTaskDefinitions ECS =
      new EcsTaskDefinitions(ManifestReader.SOURCE_ID, "ecs/" + ManifestReader.SOURCE_ID);

  /** Task definitions in files belong to no cluster; they are shown in this namespace. */
  private static final String ECS_NAMESPACE = "default";

  private static final Set<String> CORE = Set.of("");

  /** The API groups Kubernetes itself serves the kinds read here from. */
  private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "extensions");

  /**
   * A kind of controller: its fabric8 class and the API groups serving it, the current one first.
   */
  private record ControllerKind(Class<? extends HasMetadata> type, List<String> groups) {}

  private static final Map<String, ControllerKind> CONTROLLERS =
      Map.of(
          "Deployment", new ControllerKind(Deployment.class, List.of("apps", "extensions")),
          "StatefulSet", new ControllerKind(StatefulSet.class, List.of("apps")),
          "DaemonSet", new ControllerKind(DaemonSet.class, List.of("apps", "extensions")),
          "ReplicaSet", new ControllerKind(ReplicaSet.class, List.of("apps", "extensions")),
          "ReplicationController", new ControllerKind(ReplicationController.class, List.of("")),
          "Job", new ControllerKind(Job.class, List.of("batch")),
          "CronJob", new ControllerKind(CronJob.class, List.of("batch")));

  /** Top-level fields of ECS API responses that hold no task definition (DescribeTasks, ...). */
  private static final Set<String> ECS_RESPONSE_FIELDS =
      Set.of(
          "tasks",
          "failures",
          "taskArns",
          "nextToken",
          "services",
          "serviceArns",
          "clusters",
          "clusterArns",
          "taskDefinitionArns",
          "families",
          "containerInstances",
          "containerInstanceArns");

  /** cluster.yaml of a sample cluster; kustomize's file, which often has no kind. */
  private static final Set<String> SAMPLE_FORMAT_FILES =
      Set.of("cluster.yaml", "cluster.yml", "kustomization.yaml", "kustomization.yml");

  /** Where each kind holds its pod's containers. */
  private static final Map<String, JsonPointer> CONTAINERS =
      Map.of(
          "Pod", JsonPointer.compile("/spec/containers"),
          "CronJob", JsonPointer.compile("/spec/jobTemplate/spec/template/spec/containers"));

  private static final JsonPointer TEMPLATE_CONTAINERS =
      JsonPointer.compile("/spec/template/spec/containers");

  private final Path file;
  private final String text;
  private final ManifestCollection collection;

  ManifestFile(Path file, String text, ManifestCollection collection) {
    this.file = file;
    this.text = text;
    this.collection = collection;
  }

  void read() {
    var documents = isJson() ? List.of(SourceDocument.json(text)) : SourceDocument.splitYaml(text);
    for (SourceDocument document : documents) {
      try {
        Optional<JsonNode> tree = document.parse();
        if (tree.isPresent()) {
          readDocument(document, tree.get(), JsonPointer.empty(), "the document");
        }
      } catch (SourceDocument.SyntaxProblem e) {
        collection.problem(file, e.line(), e.getMessage());
      } catch (RuntimeException | StackOverflowError e) {
        // Nothing in a file may stop the others from being read.
        LOG.debug("Reading a document of {} failed", file, e);
        collection.problem(
            file, document.lineOf(JsonPointer.empty()), "the document could not be read");
      }
    }
  }

  private void readDocument(SourceDocument doc, JsonNode tree, JsonPointer at, String subject) {
    JsonNode kind = tree.get("kind");
    if (!tree.isObject() || kind == null || kind.isNull()) {
      readWithoutKind(doc, tree, at, subject);
    } else if (!kind.isTextual() || kind.asText().isBlank()) {
      problem(doc, at.appendProperty("kind"), "kind must be a name such as Deployment");
    } else {
      readKubernetes(doc, (ObjectNode) tree, kind.asText(), at, subject);
    }
  }

  private void readWithoutKind(SourceDocument doc, JsonNode tree, JsonPointer at, String subject) {
    if (isSampleFormatFile()) {
      LOG.debug("{}: a sample-cluster or kustomize file, not a manifest", file);
    } else if (tree.isArray()) {
      skipped(doc, at, subject + " is a list, not a Kubernetes object or an ECS task definition");
    } else if (!tree.isObject()) {
      skipped(
          doc,
          at,
          subject
              + " is "
              + (tree.isTextual() ? "plain text" : describe(tree))
              + ", not a Kubernetes object or an ECS task definition");
    } else if (EcsTaskDefinitions.looksLikeTaskDefinition(tree)) {
      readTaskDefinition(doc, tree, at);
    } else if (isEcsResponse(tree)) {
      LOG.debug("{}: an ECS API response without a task definition; nothing to read", file);
    } else {
      skipped(
          doc,
          at,
          subject
              + " has no kind, so it is neither a Kubernetes object nor an ECS task definition");
    }
  }

  private void readKubernetes(
      SourceDocument doc, ObjectNode tree, String kind, JsonPointer at, String subject) {
    String apiVersion = tree.path("apiVersion").asText("");
    JsonNode items = tree.get("items");
    if ("List".equals(kind) || (kind.endsWith("List") && items != null && items.isArray())) {
      readList(doc, tree, kind, apiVersion, at);
      return;
    }
    ControllerKind controller = CONTROLLERS.get(kind);
    if (controller != null && inGroup(apiVersion, controller.groups())) {
      readController(doc, tree, kind, controller.type(), at);
    } else if (kind.equals("Pod") && inGroup(apiVersion, CORE)) {
      readPod(doc, tree, at);
    } else if (kind.equals("Service") && inGroup(apiVersion, CORE)) {
      readService(doc, tree, at);
    } else if (KubernetesWorkloads.isVirtualNode(apiVersion, kind)) {
      readVirtualNode(doc, tree, at);
    } else if ((controller != null || kind.equals("Pod") || kind.equals("Service"))
        && inGroup(apiVersion, BUILT_IN_GROUPS)) {
      // A slip such as "apiVersion: v1" on a Deployment: kubectl would refuse it.
      String group = controller == null ? "" : controller.groups().get(0);
      String served = group.isEmpty() ? "v1" : group + "/v1";
      problem(
          doc,
          at.appendProperty("apiVersion"),
          kind + " is not served by apiVersion " + apiVersion + "; it is " + served);
    } else {
      // Not a kind Sidescope reads: ConfigMap, Secret, Ingress, custom resources, ...
      LOG.debug("{}: ignoring {} {} ({})", file, apiVersion, kind, subject);
    }
  }

  /**
   * True when {@code apiVersion} is in one of the API groups ({@code ""} for core). A manifest
   * without apiVersion would not apply, but Sidescope reads it for its kind alone.
   */
  private static boolean inGroup(String apiVersion, Collection<String> groups) {
    if (apiVersion.isEmpty()) {
      return true;
    }
    int slash = apiVersion.indexOf('/');
    return groups.contains(slash < 0 ? "" : apiVersion.substring(0, slash));
  }

  private void readList(
      SourceDocument doc, ObjectNode list, String kind, String apiVersion, JsonPointer at) {
    JsonNode items = list.get("items");
    if (items == null || items.isNull()) {
      return;
    }
    if (!items.isArray()) {
      problem(doc, at.appendProperty("items"), "items of the " + kind + " must be a list");
      return;
    }
    // An API list (PodList, ...) leaves kind and apiVersion out of its items.
    String itemKind = kind.equals("List") ? null : kind.substring(0, kind.length() - 4);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (itemKind != null && item.isObject() && !item.has("kind")) {
        ObjectNode filled = ((ObjectNode) item).deepCopy();
        filled.put("kind", itemKind);
        if (!filled.has("apiVersion") && !apiVersion.isEmpty()) {
          filled.put("apiVersion", apiVersion);
        }
        item = filled;
      }
      readDocument(doc, item, at.appendProperty("items").appendIndex(i), "item " + (i + 1));
    }
  }

  private void readPod(SourceDocument doc, ObjectNode tree, JsonPointer at) {
    Optional<String> name = requireName(doc, tree, "Pod", at);
    if (name.isEmpty()) {
      return;
    }
    if (hasNoContainers(doc, tree, "Pod", name.get(), at)) {
      return;
    }
    convert(doc, tree, Pod.class, "Pod", name.get(), at)
        .ifPresent(
            pod -> {
              WorkloadSpec workload =
                  KUBERNETES.pod(pod, KubernetesWorkloads.ownerFromReferences(pod));
              collection.workload(
                  workload,
                  what("Pod", workload.namespace(), workload.name()),
                  file,
                  line(doc, at));
            });
  }

  private void readController(
      SourceDocument doc,
      ObjectNode tree,
      String kind,
      Class<? extends HasMetadata> type,
      JsonPointer at) {
    Optional<String> name = requireName(doc, tree, kind, at);
    if (name.isEmpty()) {
      return;
    }
    if (hasNoContainers(doc, tree, kind, name.get(), at)) {
      return;
    }
    convert(doc, tree, type, kind, name.get(), at)
        .flatMap(KUBERNETES::controller)
        .ifPresent(
            workload ->
                collection.workload(
                    workload,
                    what(kind, workload.namespace(), workload.name()),
                    file,
                    line(doc, at)));
  }

  private void readService(SourceDocument doc, ObjectNode tree, JsonPointer at) {
    Optional<String> name = requireName(doc, tree, "Service", at);
    if (name.isEmpty()) {
      return;
    }
    convert(doc, tree, Service.class, "Service", name.get(), at)
        .map(KUBERNETES::service)
        .ifPresent(
            service ->
                collection.service(
                    service,
                    what("Service", service.namespace(), service.name()),
                    file,
                    line(doc, at)));
  }

  private void readVirtualNode(SourceDocument doc, ObjectNode tree, JsonPointer at) {
    Optional<String> name = requireName(doc, tree, "VirtualNode", at);
    if (name.isEmpty()) {
      return;
    }
    convert(doc, tree, GenericKubernetesResource.class, "VirtualNode", name.get(), at)
        .map(KUBERNETES::virtualNode)
        .ifPresent(
            node ->
                collection.meshNode(
                    node, what("VirtualNode", node.namespace(), node.name()), file, line(doc, at)));
  }

  private void readTaskDefinition(SourceDocument doc, JsonNode tree, JsonPointer at) {
    try {
      WorkloadSpec workload = ECS.workload(tree, ECS_NAMESPACE);
      String revision = workload.owner().orElse("").replaceFirst("^TaskDefinition/", "");
      collection.workload(workload, "task definition " + revision, file, line(doc, at));
    } catch (InvalidTaskDefinitionException e) {
      problem(doc, at, e.getMessage());
    }
  }

  private Optional<String> requireName(
      SourceDocument doc, JsonNode tree, String kind, JsonPointer at) {
    JsonNode meta = tree.path("metadata");
    for (String field : new String[] {"name", "generateName"}) {
      JsonNode value = meta.path(field);
      if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
        return Optional.of(value.asText());
      }
    }
    problem(
        doc,
        meta.isMissingNode() ? at : at.appendProperty("metadata"),
        "the " + kind + " has no metadata.name");
    return Optional.empty();
  }

  /**
   * True, after saying so, when the pod of a workload has no containers: Kubernetes refuses such a
   * pod, so the manifest would not apply, and a workload with nothing in it would pass any lint. A
   * list of another shape is left to the schema check.
   */
  private boolean hasNoContainers(
      SourceDocument doc, JsonNode tree, String kind, String name, JsonPointer at) {
    JsonPointer containers = CONTAINERS.getOrDefault(kind, TEMPLATE_CONTAINERS);
    JsonNode found = tree.at(containers);
    if (!(found.isMissingNode() || found.isNull() || (found.isArray() && found.isEmpty()))) {
      return false;
    }
    String path = containers.toString().substring(1).replace('/', '.');
    problem(
        doc,
        at.append(containers),
        kind + " " + name + " has no containers (" + path + " is empty)");
    return true;
  }

  /** The tree as fabric8's model class, or empty after reporting why it does not fit. */
  private <T> Optional<T> convert(
      SourceDocument doc, JsonNode tree, Class<T> type, String kind, String name, JsonPointer at) {
    try {
      return Optional.of(SERIALIZATION.unmarshal(tree.toString(), type));
    } catch (RuntimeException e) {
      LOG.debug("{}: {} {} does not fit the Kubernetes schema", file, kind, name, e);
      JacksonException cause = jacksonCause(e);
      if (cause == null || cause.getPath().isEmpty()) {
        problem(doc, at, kind + " " + name + " does not match the Kubernetes schema");
        return Optional.empty();
      }
      JsonPointer path = JsonPointer.empty();
      StringBuilder shown = new StringBuilder();
      for (JacksonException.Reference ref : cause.getPath()) {
        if (ref.getPropertyName() != null) {
          path = path.appendProperty(ref.getPropertyName());
          shown.append(shown.length() == 0 ? "" : ".").append(ref.getPropertyName());
        } else if (ref.getIndex() >= 0) {
          path = path.appendIndex(ref.getIndex());
          shown.append('[').append(ref.getIndex()).append(']');
        }
      }
      String expected =
          cause instanceof MismatchedInputException mismatch
              ? expectedShape(mismatch.getTargetType())
              : "of another type";
      JsonNode found = tree.at(path);
      String message =
          kind
              + " "
              + name
              + ": "
              + shown
              + " must be "
              + expected
              + (found.isMissingNode() ? "" : ", not " + describe(found));
      problem(doc, at.append(path), message);
      return Optional.empty();
    }
  }

  private static JacksonException jacksonCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException j) {
        return j;
      }
    }
    return null;
  }

  /** What a field of this Java type looks like in a manifest, said for a person. */
  private static String expectedShape(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
      return "a number";
    }
    if (type == IntOrString.class) {
      return "a number or a name";
    }
    if (type == Quantity.class) {
      return "a quantity such as 100m or 64Mi";
    }
    return "a mapping";
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "true or false";
    }
    if (node.isNull()) {
      return "empty";
    }
    return node.isTextual() ? "a string" : "a value";
  }

  private boolean isEcsResponse(JsonNode tree) {
    if (tree.isEmpty()) {
      return false;
    }
    for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
      if (!ECS_RESPONSE_FIELDS.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  /** Files of formats Sidescope knows that are not manifests: their documents have no kind. */
  private boolean isSampleFormatFile() {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Path parent = file.toAbsolutePath().getParent();
    String folder =
        parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    return SAMPLE_FORMAT_FILES.contains(name)
        || (folder.equals("ecs") && (name.equals("services.yaml") || name.equals("services.yml")));
  }

  private boolean isJson() {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return false;
    }
    String start = text.stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }

  private static String what(String kind, String namespace, String name) {
    return kind + " " + namespace + "/" + name;
  }

  /** The line, found only if a message needs it: finding it parses the document again. */
  private static Supplier<OptionalInt> line(SourceDocument doc, JsonPointer at) {
    return () -> doc.lineOf(at);
  }

  private void problem(SourceDocument doc, JsonPointer at, String message) {
    collection.problem(file, doc.lineOf(at), message);
  }

  private void skipped(SourceDocument doc, JsonPointer at, String message) {
    collection.skipped(file, doc.lineOf(at), message);
  }
}
