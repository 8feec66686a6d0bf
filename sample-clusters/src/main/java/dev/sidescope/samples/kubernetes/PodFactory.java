package dev.sidescope.samples.kubernetes;

import dev.sidescope.samples.folder.ContainerFault;
import dev.sidescope.samples.kubernetes.FakeNodes.FakeNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Makes pods as the API server and the kubelet would leave them: the API server's defaults in the
 * spec, a node, IPs, and a status in which every container is running and ready (native sidecars
 * too; classic init containers have completed), unless a {@link ContainerFault} says otherwise.
 *
 * <p>One instance serves one expansion; not thread-safe (pod IPs are handed out in order).
 */
final class PodFactory {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String RUNTIME = "containerd://";

  private final ObjectNames names;
  private final Instant now;
  private final List<FakeNode> nodes;
  private int podsMade;
  private final Set<PodSpec> defaulted = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<String, String> imageIds = new HashMap<>();

  PodFactory(ObjectNames names, Instant now, List<FakeNode> nodes) {
    this.names = names;
    this.now = now;
    this.nodes = nodes;
  }

  /**
   * A pod that a controller creates from its template.
   *
   * @param labels the pod's labels: the template's plus what the controller adds
   * @param owner the controller's reference
   * @param node the node, or null to let the scheduler pick one
   * @param faults the fault of a container, by container name
   */
  Pod fromTemplate(
      PodTemplateSpec template,
      String namespace,
      String name,
      String generateName,
      Map<String, String> labels,
      OwnerReference owner,
      FakeNode node,
      Function<String, Optional<ContainerFault>> faults) {
    SplittableRandom random = names.random("Pod/" + namespace + "/" + name);
    ObjectMeta templateMeta =
        template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setGenerateName(generateName);
    meta.setNamespace(namespace);
    meta.setUid(ObjectNames.uid(random));
    Instant created = now.minus(Duration.ofMinutes(20 + random.nextInt(30 * 60)));
    meta.setCreationTimestamp(ObjectNames.timestamp(created));
    meta.setLabels(new LinkedHashMap<>(labels));
    if (templateMeta.getAnnotations() != null && !templateMeta.getAnnotations().isEmpty()) {
      meta.setAnnotations(new LinkedHashMap<>(templateMeta.getAnnotations()));
    }
    meta.setOwnerReferences(List.of(owner));
    Pod pod = new Pod();
    pod.setApiVersion("v1");
    pod.setKind("Pod");
    pod.setMetadata(meta);
    pod.setSpec(defaultedSpec(template));
    FakeNode placed = node != null ? node : nodes.get(random.nextInt(nodes.size()));
    String pinned = pod.getSpec().getNodeName();
    if (pinned != null && node == null) {
      placed = nodes.stream().filter(n -> n.name().equals(pinned)).findFirst().orElse(placed);
    }
    pod.getSpec().setNodeName(placed.name());
    pod.setStatus(status(pod, placed, created, random, faults));
    return pod;
  }

  /**
   * The template's spec with the API server's defaults, which it also writes into the template (as
   * the API server does), once per template; each pod gets a shallow copy, since the pods of one
   * controller differ only in their node (and a StatefulSet's in their host name). Their containers
   * are the template's objects.
   */
  private PodSpec defaultedSpec(PodTemplateSpec template) {
    if (template.getSpec() == null) {
      template.setSpec(new PodSpec());
    }
    PodSpec spec = template.getSpec();
    if (defaulted.add(spec)) {
      defaults(spec, null);
    }
    return ModelJson.shallowCopy(spec, PodSpec.class);
  }

  /**
   * A pod written in the manifests: the API server's defaults, a node and uid; a status made as for
   * any other pod unless it carries its own, which it keeps (that is how a sample shows a broken
   * sidecar). Its owner references, if any, are kept too.
   */
  Pod fromManifest(Pod manifest, Function<String, Optional<ContainerFault>> faults) {
    Pod pod = SERIALIZATION.clone(manifest);
    ObjectMeta meta = pod.getMetadata();
    SplittableRandom random = names.random("Pod/" + meta.getNamespace() + "/" + meta.getName());
    String uid = ObjectNames.uid(random);
    Instant created = now.minus(Duration.ofMinutes(20 + random.nextInt(30 * 60)));
    if (meta.getUid() == null) {
      meta.setUid(uid);
    }
    if (meta.getCreationTimestamp() == null) {
      meta.setCreationTimestamp(ObjectNames.timestamp(created));
    }
    if (pod.getSpec() == null) {
      pod.setSpec(new PodSpec());
    }
    FakeNode placed = nodes.get(random.nextInt(nodes.size()));
    String nodeName = pod.getSpec().getNodeName();
    if (nodeName != null) {
      placed = nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst().orElse(placed);
    }
    boolean ownStatus = pod.getStatus() != null;
    if (nodeName == null && ownStatus && pod.getStatus().getHostIP() == null) {
      // A hand-written status without a node: leave the pod where its author left it.
      defaults(pod.getSpec(), null);
    } else {
      defaults(pod.getSpec(), placed);
    }
    if (!ownStatus) {
      pod.setStatus(status(pod, placed, created, random, faults));
    }
    return pod;
  }

  /** True when the pod's Ready condition is True. */
  static boolean isReady(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** True for a native sidecar: an init container that keeps running beside the app. */
  static boolean isNativeSidecar(Container c) {
    return "Always".equals(c.getRestartPolicy());
  }

  private void defaults(PodSpec spec, FakeNode node) {
    if (node != null && spec.getNodeName() == null) {
      spec.setNodeName(node.name());
    }
    if (spec.getRestartPolicy() == null) {
      spec.setRestartPolicy("Always");
    }
    if (spec.getDnsPolicy() == null) {
      spec.setDnsPolicy("ClusterFirst");
    }
    if (spec.getSchedulerName() == null) {
      spec.setSchedulerName("default-scheduler");
    }
    if (spec.getServiceAccountName() == null) {
      spec.setServiceAccountName(
          spec.getServiceAccount() == null ? "default" : spec.getServiceAccount());
    }
    if (spec.getServiceAccount() == null) {
      spec.setServiceAccount(spec.getServiceAccountName());
    }
    if (spec.getTerminationGracePeriodSeconds() == null) {
      spec.setTerminationGracePeriodSeconds(30L);
    }
    if (spec.getSecurityContext() == null) {
      spec.setSecurityContext(new PodSecurityContext());
    }
    if (spec.getEnableServiceLinks() == null) {
      spec.setEnableServiceLinks(true);
    }
    if (spec.getPriority() == null) {
      spec.setPriority(0);
    }
    if (spec.getPreemptionPolicy() == null) {
      spec.setPreemptionPolicy("PreemptLowerPriority");
    }
    List<Toleration> tolerations =
        spec.getTolerations() == null ? new ArrayList<>() : new ArrayList<>(spec.getTolerations());
    for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
      if (tolerations.stream().noneMatch(t -> key.equals(t.getKey()))) {
        tolerations.add(
            new TolerationBuilder()
                .withKey(key)
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(300L)
                .build());
      }
    }
    spec.setTolerations(tolerations);
    for (Container c : containers(spec.getInitContainers())) {
      defaults(c);
    }
    for (Container c : containers(spec.getContainers())) {
      defaults(c);
    }
  }

  private static void defaults(Container c) {
    if (c.getImagePullPolicy() == null) {
      String image = c.getImage() == null ? "" : c.getImage();
      String last = image.substring(image.lastIndexOf('/') + 1);
      boolean latest = !image.contains("@") && (!last.contains(":") || last.endsWith(":latest"));
      c.setImagePullPolicy(latest ? "Always" : "IfNotPresent");
    }
    if (c.getTerminationMessagePath() == null) {
      c.setTerminationMessagePath("/dev/termination-log");
    }
    if (c.getTerminationMessagePolicy() == null) {
      c.setTerminationMessagePolicy("File");
    }
    for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
      if (p.getProtocol() == null) {
        p.setProtocol("TCP");
      }
    }
    ResourceRequirements r = c.getResources();
    if (r == null) {
      c.setResources(new ResourceRequirements());
    } else if (r.getLimits() != null && !r.getLimits().isEmpty()) {
      // The API server defaults each request to its limit.
      Map<String, Quantity> requests =
          r.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getRequests());
      r.getLimits().forEach(requests::putIfAbsent);
      r.setRequests(requests);
    }
  }

  private PodStatus status(
      Pod pod,
      FakeNode node,
      Instant created,
      SplittableRandom random,
      Function<String, Optional<ContainerFault>> faults) {
    PodSpec spec = pod.getSpec();
    String podRef =
        pod.getMetadata().getName()
            + "_"
            + pod.getMetadata().getNamespace()
            + "("
            + pod.getMetadata().getUid()
            + ")";
    Instant t = created.plusSeconds(1 + random.nextInt(3));
    Instant sandboxReady = t;
    List<ContainerStatus> initStatuses = new ArrayList<>();
    List<String> unready = new ArrayList<>();
    for (Container c : containers(spec.getInitContainers())) {
      if (isNativeSidecar(c)) {
        t = t.plusSeconds(1);
        initStatuses.add(running(c, t, random, faults.apply(c.getName()), podRef, unready));
      } else {
        Instant started = t.plusSeconds(1);
        t = started.plusSeconds(1 + random.nextInt(2));
        ContainerStatus status = containerStatus(c, random);
        status.setReady(true);
        status.setStarted(false);
        status.setRestartCount(0);
        ContainerStateTerminated done = new ContainerStateTerminated();
        done.setContainerID(status.getContainerID());
        done.setExitCode(0);
        done.setReason("Completed");
        done.setStartedAt(ObjectNames.timestamp(started));
        done.setFinishedAt(ObjectNames.timestamp(t));
        status.setState(new ContainerState(null, done, null));
        initStatuses.add(status);
      }
    }
    Instant initialized = t.plusSeconds(1);
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container c : containers(spec.getContainers())) {
      statuses.add(
          running(
              c, initialized.plusSeconds(1), random, faults.apply(c.getName()), podRef, unready));
    }
    Instant readyAt = initialized.plusSeconds(2 + random.nextInt(6));
    String ip = podIp();
    List<PodCondition> conditions = new ArrayList<>(5);
    conditions.add(condition("PodReadyToStartContainers", true, sandboxReady, null));
    conditions.add(condition("Initialized", true, initialized, null));
    conditions.add(condition("Ready", unready.isEmpty(), readyAt, unready));
    conditions.add(condition("ContainersReady", unready.isEmpty(), readyAt, unready));
    conditions.add(condition("PodScheduled", true, created, null));
    PodStatus status = new PodStatus();
    status.setPhase("Running");
    status.setConditions(conditions);
    status.setHostIP(node.ip());
    status.setHostIPs(List.of(new HostIP(node.ip())));
    status.setPodIP(ip);
    status.setPodIPs(List.of(new PodIP(ip)));
    status.setStartTime(ObjectNames.timestamp(created));
    status.setQosClass(qosClass(spec));
    if (!initStatuses.isEmpty()) {
      status.setInitContainerStatuses(initStatuses);
    }
    status.setContainerStatuses(statuses);
    return status;
  }

  private ContainerStatus containerStatus(Container c, SplittableRandom random) {
    ContainerStatus status = new ContainerStatus();
    status.setName(c.getName());
    status.setImage(normalizedImage(c.getImage()));
    status.setImageID(imageIdOf(c.getImage()));
    status.setContainerID(RUNTIME + ObjectNames.hex(random, 32));
    status.setLastState(new ContainerState());
    return status;
  }

  private ContainerStatus running(
      Container c,
      Instant startedAt,
      SplittableRandom random,
      Optional<ContainerFault> fault,
      String podRef,
      List<String> unready) {
    ContainerStatus status = containerStatus(c, random);
    ContainerState running =
        new ContainerState(new ContainerStateRunning(ObjectNames.timestamp(startedAt)), null, null);
    if (fault.isEmpty()) {
      status.setReady(true);
      status.setStarted(true);
      status.setRestartCount(0);
      status.setState(running);
      return status;
    }
    ContainerFault f = fault.get();
    unready.add(c.getName());
    status.setReady(false);
    status.setRestartCount(f.restarts());
    if (f.kind() == ContainerFault.Kind.NOT_READY) {
      status.setStarted(true);
      status.setState(running);
      return status;
    }
    Instant finished = now.minusSeconds(30 + random.nextInt(200));
    status.setStarted(false);
    status.setState(
        new ContainerState(
            null,
            null,
            new ContainerStateWaiting(
                "back-off 5m0s restarting failed container=" + c.getName() + " pod=" + podRef,
                "CrashLoopBackOff")));
    ContainerStateTerminated last = new ContainerStateTerminated();
    last.setContainerID(status.getContainerID());
    last.setExitCode(f.exitCode());
    last.setReason("Error");
    last.setStartedAt(ObjectNames.timestamp(finished.minusSeconds(2 + random.nextInt(20))));
    last.setFinishedAt(ObjectNames.timestamp(finished));
    status.setLastState(new ContainerState(null, last, null));
    return status;
  }

  private static PodCondition condition(
      String type, boolean ok, Instant since, List<String> unready) {
    PodCondition condition = new PodCondition();
    condition.setType(type);
    condition.setStatus(ok ? "True" : "False");
    condition.setLastTransitionTime(ObjectNames.timestamp(since));
    if (!ok) {
      condition.setReason("ContainersNotReady");
      condition.setMessage("containers with unready status: [" + String.join(" ", unready) + "]");
    }
    return condition;
  }

  /** Pod IPs in order from 10.0.32.2, as the VPC CNI hands out secondary addresses. */
  private String podIp() {
    int n = podsMade++;
    return "10." + (n / (250 * 224)) + "." + (32 + (n / 250) % 224) + "." + (2 + n % 250);
  }

  private static String qosClass(PodSpec spec) {
    List<Container> all = new ArrayList<>(containers(spec.getInitContainers()));
    all.addAll(containers(spec.getContainers()));
    boolean any = false;
    boolean guaranteed = true;
    for (Container c : all) {
      ResourceRequirements r = c.getResources();
      Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
      Map<String, Quantity> requests =
          r == null || r.getRequests() == null ? Map.of() : r.getRequests();
      any |= !limits.isEmpty() || !requests.isEmpty();
      for (String resource : List.of("cpu", "memory")) {
        Quantity limit = limits.get(resource);
        if (limit == null || !limit.equals(requests.getOrDefault(resource, limit))) {
          guaranteed = false;
        }
      }
    }
    return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
  }

  /** The image as the kubelet reports it: registry and tag spelled out. */
  static String normalizedImage(String image) {
    if (image == null || image.isBlank()) {
      return "";
    }
    String reference = image;
    String last = reference.substring(reference.lastIndexOf('/') + 1);
    if (!reference.contains("@") && !last.contains(":")) {
      reference = reference + ":latest";
    }
    int slash = reference.indexOf('/');
    String first = slash < 0 ? "" : reference.substring(0, slash);
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    if (hasRegistry) {
      return reference;
    }
    return slash < 0 ? "docker.io/library/" + reference : "docker.io/" + reference;
  }

  private String imageIdOf(String image) {
    return imageIds.computeIfAbsent(image == null ? "" : image, PodFactory::imageId);
  }

  /** {@code <repository>@sha256:<digest>}, the digest derived from the image reference. */
  static String imageId(String image) {
    String normalized = normalizedImage(image);
    int at = normalized.indexOf('@');
    if (at >= 0) {
      return normalized;
    }
    int colon = normalized.lastIndexOf(':');
    String repository =
        colon > normalized.lastIndexOf('/') ? normalized.substring(0, colon) : normalized;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return repository + "@sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static List<Container> containers(List<Container> list) {
    return list == null ? List.of() : list;
  }
}
