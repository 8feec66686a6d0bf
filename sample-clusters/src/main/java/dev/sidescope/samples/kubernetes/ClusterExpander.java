package dev.sidescope.samples.kubernetes;

import dev.sidescope.samples.folder.ContainerFault;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.kubernetes.FakeNodes.FakeNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Expands a sample's manifests into the objects a real cluster would hold after applying them:
 * Deployments into a ReplicaSet ({@code <deployment>-<pod-template-hash>}) and its pods ({@code
 * <replicaset>-<5 chars>}), StatefulSets into {@code <name>-0..n-1}, DaemonSets into one pod per
 * node, Jobs into a pod, CronJobs into a Job and its pod; Services into Endpoints and {@code
 * discovery.k8s.io/v1} EndpointSlices; worker nodes; a Namespace for every namespace in use. Every
 * object gets a uid and a creation time, controllers a status, pods a node, IPs and a status in
 * which every container runs and is ready (see {@link ContainerFault} for the exceptions). A Pod in
 * the manifests keeps the status and owner references it carries. The pods whose containers end up
 * unhealthy get the Events a kubelet would have written about them ({@link PodEvents}).
 *
 * <p>Deterministic: the same manifests and {@link Options} give the same objects, names included.
 * Stateless and thread-safe; the input is not changed.
 */
public final class ClusterExpander {
  /** The seed that samples read from folders use. */
  public static final long DEFAULT_SEED = 1;

  /** The worker nodes of a sample read from a folder. */
  public static final int DEFAULT_NODES = 3;

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final List<String> SYSTEM_NAMESPACES =
      List.of("default", "kube-node-lease", "kube-public", "kube-system");
  private static final Set<String> CLUSTER_SCOPED_CUSTOM_KINDS = Set.of("Mesh");

  /**
   * How to expand.
   *
   * @param seed the seed every generated name and id derives from
   * @param now the cluster's "now": creation times and ages are reckoned back from it
   * @param nodes how many worker nodes the cluster has (at least 1)
   */
  public record Options(long seed, Instant now, int nodes) {
    public Options {
      Objects.requireNonNull(now, "now");
      if (nodes < 1) {
        throw new IllegalArgumentException("a cluster needs at least one node");
      }
      now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The defaults for a sample read from a folder, as of {@code now}. */
    public static Options defaults(Instant now) {
      return new Options(DEFAULT_SEED, now, DEFAULT_NODES);
    }
  }

  private ClusterExpander() {}

  /**
   * The objects a cluster holds once {@code cluster}'s manifests are applied: Namespaces first,
   * then Nodes, then everything else in manifest order, each controller followed by what it owns,
   * the Endpoints and EndpointSlices of the Services, and the Events about unhealthy pods last.
   */
  public static List<HasMetadata> expand(SampleCluster cluster, Options options) {
    return new Expansion(cluster, options, false).run();
  }

  /**
   * As {@link #expand}, but the expansion may change and keep {@code cluster}'s manifests: for a
   * cluster made only to be served (a generated one), where copying tens of thousands of objects
   * would be wasted.
   */
  public static List<HasMetadata> expandInPlace(SampleCluster cluster, Options options) {
    return new Expansion(cluster, options, true).run();
  }

  /**
   * What the expansion names a Deployment's pods, without expanding it: the pod-template hash its
   * ReplicaSet is named after, and the names of its {@code replicas} pods.
   *
   * @param podTemplateHash the {@code pod-template-hash} label of the ReplicaSet and its pods
   * @param podNames {@code <deployment>-<hash>-<5 chars>}, one per replica
   */
  public record DeploymentPods(String podTemplateHash, List<String> podNames) {
    public DeploymentPods {
      podNames = List.copyOf(podNames);
    }
  }

  /**
   * The names {@link #expand} gives the pods of Deployment {@code name} in {@code namespace} with
   * this pod template and {@code replicas} replicas, when expanding with {@code seed}: for
   * generating the same pods as model observations, without a server.
   */
  public static DeploymentPods deploymentPods(
      String namespace, String name, PodTemplateSpec template, int replicas, long seed) {
    String hash = ObjectNames.podTemplateHash(template);
    return new DeploymentPods(
        hash, new ObjectNames(seed).podNames(namespace, name + "-" + hash, replicas));
  }

  /** One expansion: the mutable state of a single {@link #expand} call. */
  private static final class Expansion {
    private final SampleCluster cluster;
    private final boolean inPlace;
    private final Instant now;
    private final ObjectNames names;
    private final List<FakeNode> nodes;
    private final PodFactory pods;
    private final List<HasMetadata> objects = new ArrayList<>();

    /** Pods by {@code namespace/key=value} of each of their labels, for Service selectors. */
    private final Map<String, List<Pod>> podsByLabel = new HashMap<>();

    private final Map<String, String> zoneOfNode = new HashMap<>();
    private final List<Service> services = new ArrayList<>();
    private final Set<String> namespaces = new LinkedHashSet<>(SYSTEM_NAMESPACES);
    private final Map<String, Namespace> declaredNamespaces = new LinkedHashMap<>();
    private final Set<String> declaredEndpoints = new LinkedHashSet<>();
    private int servicesMade;

    Expansion(SampleCluster cluster, Options options, boolean inPlace) {
      this.cluster = cluster;
      this.inPlace = inPlace;
      this.now = options.now();
      this.names = new ObjectNames(options.seed());
      this.nodes = FakeNodes.create(options.nodes(), names, now);
      this.pods = new PodFactory(names, now, nodes);
      nodes.forEach(n -> zoneOfNode.put(n.name(), n.zone()));
    }

    List<HasMetadata> run() {
      for (HasMetadata manifest : cluster.manifests()) {
        HasMetadata object = inPlace ? manifest : SERIALIZATION.clone(manifest);
        if (object.getMetadata() == null) {
          object.setMetadata(new ObjectMeta());
        }
        if (isNamespaced(object) && object.getMetadata().getNamespace() == null) {
          object.getMetadata().setNamespace("default");
        }
        if (object.getMetadata().getNamespace() != null) {
          namespaces.add(object.getMetadata().getNamespace());
        }
        expand(object);
      }
      for (Service service : services) {
        String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
        if (!declaredEndpoints.contains(key)) {
          endpoints(service);
        }
      }
      List<HasMetadata> out = new ArrayList<>(objects.size() + namespaces.size() + nodes.size());
      for (String namespace : namespaces) {
        out.add(namespace(namespace));
      }
      for (FakeNode node : nodes) {
        out.add(node.object());
      }
      out.addAll(objects);
      // Last, as the kubelet writes them once the pods exist: only unhealthy pods have any.
      for (HasMetadata object : objects) {
        if (object instanceof Pod pod) {
          out.addAll(PodEvents.of(pod, now, names));
        }
      }
      return out;
    }

    private void expand(HasMetadata object) {
      if (object instanceof Namespace ns) {
        declaredNamespaces.put(ns.getMetadata().getName(), ns);
        namespaces.add(ns.getMetadata().getName());
      } else if (object instanceof Deployment d) {
        deployment(d);
      } else if (object instanceof StatefulSet s) {
        statefulSet(s);
      } else if (object instanceof DaemonSet d) {
        daemonSet(d);
      } else if (object instanceof Job j) {
        stamp(j, true);
        job(j, null);
      } else if (object instanceof CronJob c) {
        cronJob(c);
      } else if (object instanceof ReplicaSet rs) {
        stamp(rs, true);
        objects.add(rs);
        replicaSetPods(rs, rs.getMetadata().getName());
      } else if (object instanceof ReplicationController rc) {
        replicationController(rc);
      } else if (object instanceof Pod pod) {
        stamp(pod, false);
        String podName = pod.getMetadata().getName();
        Pod made = pods.fromManifest(pod, faults(pod.getMetadata().getNamespace(), podName, 0));
        objects.add(made);
        index(made);
      } else if (object instanceof Service service) {
        service(service);
      } else {
        if (object instanceof Endpoints || object instanceof EndpointSlice) {
          declaredEndpoints.add(object.getMetadata().getNamespace() + "/" + serviceOf(object));
        }
        stamp(object, object instanceof GenericKubernetesResource);
        objects.add(object);
      }
    }

    private void deployment(Deployment d) {
      stamp(d, true);
      ObjectMeta meta = d.getMetadata();
      String namespace = meta.getNamespace();
      var spec = d.getSpec();
      int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
      spec.setReplicas(replicas);
      PodTemplateSpec template = spec.getTemplate();
      LabelSelector selector = selectorOrTemplateLabels(spec.getSelector(), template);
      spec.setSelector(selector);
      if (spec.getRevisionHistoryLimit() == null) {
        spec.setRevisionHistoryLimit(10);
      }
      if (spec.getProgressDeadlineSeconds() == null) {
        spec.setProgressDeadlineSeconds(600);
      }
      if (spec.getStrategy() == null) {
        RollingUpdateDeployment rolling = new RollingUpdateDeployment();
        rolling.setMaxSurge(new IntOrString("25%"));
        rolling.setMaxUnavailable(new IntOrString("25%"));
        DeploymentStrategy strategy = new DeploymentStrategy();
        strategy.setType("RollingUpdate");
        strategy.setRollingUpdate(rolling);
        spec.setStrategy(strategy);
      }
      annotate(meta, "deployment.kubernetes.io/revision", "1");
      String hash = ObjectNames.podTemplateHash(template);
      String rsName = meta.getName() + "-" + hash;

      ReplicaSet rs = new ReplicaSet();
      rs.setApiVersion("apps/v1");
      rs.setKind("ReplicaSet");
      ObjectMeta rsMeta = new ObjectMeta();
      rsMeta.setName(rsName);
      rsMeta.setNamespace(namespace);
      rsMeta.setUid(ObjectNames.uid(names.random("ReplicaSet/" + namespace + "/" + rsName)));
      rsMeta.setCreationTimestamp(meta.getCreationTimestamp());
      rsMeta.setGeneration(1L);
      rsMeta.setLabels(withLabel(templateLabels(template), "pod-template-hash", hash));
      rsMeta.setAnnotations(
          new LinkedHashMap<>(
              Map.of(
                  "deployment.kubernetes.io/desired-replicas", String.valueOf(replicas),
                  "deployment.kubernetes.io/max-replicas",
                      String.valueOf(replicas + (replicas + 3) / 4),
                  "deployment.kubernetes.io/revision", "1")));
      rsMeta.setOwnerReferences(List.of(ownerReference(d)));
      rs.setMetadata(rsMeta);
      // The ReplicaSet's template is the Deployment's with the hash label; the spec is shared.
      ObjectMeta rsTemplateMeta =
          template.getMetadata() == null
              ? new ObjectMeta()
              : ModelJson.shallowCopy(template.getMetadata(), ObjectMeta.class);
      rsTemplateMeta.setLabels(withLabel(templateLabels(template), "pod-template-hash", hash));
      PodTemplateSpec rsTemplate = new PodTemplateSpec(rsTemplateMeta, template.getSpec());
      LabelSelector rsSelector = new LabelSelector();
      rsSelector.setMatchExpressions(selector.getMatchExpressions());
      rsSelector.setMatchLabels(withLabel(selector.getMatchLabels(), "pod-template-hash", hash));
      ReplicaSetSpec rsSpec = new ReplicaSetSpec();
      rsSpec.setReplicas(replicas);
      rsSpec.setSelector(rsSelector);
      rsSpec.setTemplate(rsTemplate);
      rs.setSpec(rsSpec);
      objects.add(d);
      objects.add(rs);
      int ready = replicaSetPods(rs, meta.getName());
      DeploymentStatus status = new DeploymentStatus();
      status.setObservedGeneration(1L);
      status.setReplicas(replicas);
      status.setUpdatedReplicas(replicas);
      status.setReadyReplicas(ready == 0 ? null : ready);
      status.setAvailableReplicas(ready == 0 ? null : ready);
      if (ready < replicas) {
        status.setUnavailableReplicas(replicas - ready);
      }
      String since = meta.getCreationTimestamp();
      boolean available = ready > 0 || replicas == 0;
      status.setConditions(
          List.of(
              new DeploymentCondition(
                  since,
                  since,
                  available
                      ? "Deployment has minimum availability."
                      : "Deployment does not have minimum availability.",
                  available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                  available ? "True" : "False",
                  "Available"),
              new DeploymentCondition(
                  since,
                  since,
                  "ReplicaSet \"" + rsName + "\" has successfully progressed.",
                  "NewReplicaSetAvailable",
                  "True",
                  "Progressing")));
      d.setStatus(status);
    }

    /** Creates the pods of a ReplicaSet; returns how many are ready. */
    private int replicaSetPods(ReplicaSet rs, String topController) {
      ObjectMeta meta = rs.getMetadata();
      String namespace = meta.getNamespace();
      int replicas = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
      rs.getSpec().setReplicas(replicas);
      PodTemplateSpec template = rs.getSpec().getTemplate();
      List<String> podNames = names.podNames(namespace, meta.getName(), replicas);
      int ready = 0;
      for (int i = 0; i < replicas; i++) {
        Pod pod =
            pods.fromTemplate(
                template,
                namespace,
                podNames.get(i),
                meta.getName() + "-",
                templateLabels(template),
                ownerReference(rs),
                null,
                faults(namespace, topController, i));
        ready += add(pod);
      }
      ReplicaSetStatus status = new ReplicaSetStatus();
      status.setObservedGeneration(1L);
      status.setReplicas(replicas);
      status.setFullyLabeledReplicas(replicas);
      status.setReadyReplicas(ready == 0 ? null : ready);
      status.setAvailableReplicas(ready == 0 ? null : ready);
      rs.setStatus(status);
      return ready;
    }

    private void replicationController(ReplicationController rc) {
      stamp(rc, true);
      objects.add(rc);
      ObjectMeta meta = rc.getMetadata();
      int replicas = rc.getSpec().getReplicas() == null ? 1 : rc.getSpec().getReplicas();
      List<String> podNames = names.podNames(meta.getNamespace(), meta.getName(), replicas);
      int ready = 0;
      for (int i = 0; i < replicas; i++) {
        ready +=
            add(
                pods.fromTemplate(
                    rc.getSpec().getTemplate(),
                    meta.getNamespace(),
                    podNames.get(i),
                    meta.getName() + "-",
                    templateLabels(rc.getSpec().getTemplate()),
                    ownerReference(rc),
                    null,
                    faults(meta.getNamespace(), meta.getName(), i)));
      }
      ReplicationControllerStatus status = new ReplicationControllerStatus();
      status.setObservedGeneration(1L);
      status.setReplicas(replicas);
      status.setFullyLabeledReplicas(replicas);
      status.setReadyReplicas(ready);
      status.setAvailableReplicas(ready);
      rc.setStatus(status);
    }

    private void statefulSet(StatefulSet s) {
      stamp(s, true);
      objects.add(s);
      ObjectMeta meta = s.getMetadata();
      String namespace = meta.getNamespace();
      var spec = s.getSpec();
      int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
      spec.setReplicas(replicas);
      PodTemplateSpec template = spec.getTemplate();
      spec.setSelector(selectorOrTemplateLabels(spec.getSelector(), template));
      if (spec.getPodManagementPolicy() == null) {
        spec.setPodManagementPolicy("OrderedReady");
      }
      String revision = meta.getName() + "-" + ObjectNames.podTemplateHash(template);
      int ready = 0;
      for (int i = 0; i < replicas; i++) {
        String podName = meta.getName() + "-" + i;
        Map<String, String> labels = new LinkedHashMap<>(templateLabels(template));
        labels.put("apps.kubernetes.io/pod-index", String.valueOf(i));
        labels.put("controller-revision-hash", revision);
        labels.put("statefulset.kubernetes.io/pod-name", podName);
        Pod pod =
            pods.fromTemplate(
                template,
                namespace,
                podName,
                meta.getName() + "-",
                labels,
                ownerReference(s),
                null,
                faults(namespace, meta.getName(), i));
        pod.getSpec().setHostname(podName);
        if (spec.getServiceName() != null) {
          pod.getSpec().setSubdomain(spec.getServiceName());
        }
        ready += add(pod);
      }
      StatefulSetStatus status = new StatefulSetStatus();
      status.setObservedGeneration(1L);
      status.setReplicas(replicas);
      status.setCurrentReplicas(replicas);
      status.setUpdatedReplicas(replicas);
      status.setReadyReplicas(ready);
      status.setAvailableReplicas(ready);
      status.setCurrentRevision(revision);
      status.setUpdateRevision(revision);
      status.setCollisionCount(0);
      s.setStatus(status);
    }

    private void daemonSet(DaemonSet d) {
      stamp(d, true);
      objects.add(d);
      ObjectMeta meta = d.getMetadata();
      String namespace = meta.getNamespace();
      PodTemplateSpec template = d.getSpec().getTemplate();
      d.getSpec().setSelector(selectorOrTemplateLabels(d.getSpec().getSelector(), template));
      String revision = ObjectNames.podTemplateHash(template);
      List<String> podNames = names.podNames(namespace, meta.getName(), nodes.size());
      int ready = 0;
      for (int i = 0; i < nodes.size(); i++) {
        Map<String, String> labels = new LinkedHashMap<>(templateLabels(template));
        labels.put("controller-revision-hash", revision);
        labels.put("pod-template-generation", "1");
        ready +=
            add(
                pods.fromTemplate(
                    template,
                    namespace,
                    podNames.get(i),
                    meta.getName() + "-",
                    labels,
                    ownerReference(d),
                    nodes.get(i),
                    faults(namespace, meta.getName(), i)));
      }
      DaemonSetStatus status = new DaemonSetStatus();
      status.setObservedGeneration(1L);
      status.setDesiredNumberScheduled(nodes.size());
      status.setCurrentNumberScheduled(nodes.size());
      status.setUpdatedNumberScheduled(nodes.size());
      status.setNumberMisscheduled(0);
      status.setNumberReady(ready);
      status.setNumberAvailable(ready == 0 ? null : ready);
      if (ready < nodes.size()) {
        status.setNumberUnavailable(nodes.size() - ready);
      }
      d.setStatus(status);
    }

    private void cronJob(CronJob c) {
      stamp(c, true);
      objects.add(c);
      ObjectMeta meta = c.getMetadata();
      SplittableRandom random =
          names.random("CronJob/" + meta.getNamespace() + "/" + meta.getName());
      long scheduledMinute = now.getEpochSecond() / 60 - random.nextInt(30);
      Instant scheduled = Instant.ofEpochSecond(scheduledMinute * 60);
      JobTemplateSpec jobTemplate = c.getSpec().getJobTemplate();
      Job job = new Job();
      job.setApiVersion("batch/v1");
      job.setKind("Job");
      ObjectMeta jobMeta =
          jobTemplate.getMetadata() == null
              ? new ObjectMeta()
              : ModelJson.copy(jobTemplate.getMetadata(), ObjectMeta.class);
      jobMeta.setName(meta.getName() + "-" + scheduledMinute);
      jobMeta.setNamespace(meta.getNamespace());
      jobMeta.setCreationTimestamp(ObjectNames.timestamp(scheduled));
      jobMeta.setOwnerReferences(List.of(ownerReference(c)));
      annotate(jobMeta, "batch.kubernetes.io/cronjob-scheduled-timestamp", scheduled.toString());
      job.setMetadata(jobMeta);
      job.setSpec(
          jobTemplate.getSpec() == null
              ? new JobSpec()
              : ModelJson.copy(jobTemplate.getSpec(), JobSpec.class));
      stamp(job, true);
      job(job, meta.getName());
      CronJobStatus status = new CronJobStatus();
      status.setLastScheduleTime(ObjectNames.timestamp(scheduled));
      ObjectReference active = new ObjectReference();
      active.setApiVersion("batch/v1");
      active.setKind("Job");
      active.setName(jobMeta.getName());
      active.setNamespace(jobMeta.getNamespace());
      active.setUid(jobMeta.getUid());
      status.setActive(List.of(active));
      c.setStatus(status);
    }

    /** A Job and its one pod, running; {@code cronJob} names the owning CronJob, if any. */
    private void job(Job job, String cronJob) {
      objects.add(job);
      ObjectMeta meta = job.getMetadata();
      String namespace = meta.getNamespace();
      JobSpec spec = job.getSpec();
      String uid = meta.getUid();
      Map<String, String> controllerLabels = new LinkedHashMap<>();
      controllerLabels.put("batch.kubernetes.io/controller-uid", uid);
      controllerLabels.put("batch.kubernetes.io/job-name", meta.getName());
      controllerLabels.put("controller-uid", uid);
      controllerLabels.put("job-name", meta.getName());
      PodTemplateSpec template =
          spec.getTemplate() == null ? new PodTemplateSpec() : spec.getTemplate();
      if (template.getMetadata() == null) {
        template.setMetadata(new ObjectMeta());
      }
      Map<String, String> labels = new LinkedHashMap<>(templateLabels(template));
      labels.putAll(controllerLabels);
      template.getMetadata().setLabels(labels);
      spec.setTemplate(template);
      if (spec.getSelector() == null) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(
            new LinkedHashMap<>(Map.of("batch.kubernetes.io/controller-uid", uid)));
        spec.setSelector(selector);
      }
      if (spec.getCompletions() == null) {
        spec.setCompletions(1);
      }
      if (spec.getParallelism() == null) {
        spec.setParallelism(1);
      }
      if (spec.getBackoffLimit() == null) {
        spec.setBackoffLimit(6);
      }
      if (template.getSpec() != null && template.getSpec().getRestartPolicy() == null) {
        template.getSpec().setRestartPolicy("Never");
      }
      String podName = names.podNames(namespace, meta.getName(), 1).get(0);
      Pod pod =
          pods.fromTemplate(
              template,
              namespace,
              podName,
              meta.getName() + "-",
              labels,
              ownerReference(job),
              null,
              faults(namespace, cronJob == null ? meta.getName() : cronJob, 0));
      int ready = add(pod);
      JobStatus status = new JobStatus();
      status.setActive(1);
      status.setReady(ready);
      status.setStartTime(meta.getCreationTimestamp());
      status.setUncountedTerminatedPods(new UncountedTerminatedPods());
      job.setStatus(status);
    }

    private void service(Service service) {
      stamp(service, false);
      services.add(service);
      objects.add(service);
      ObjectMeta meta = service.getMetadata();
      ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
      service.setSpec(spec);
      SplittableRandom random =
          names.random("Service/" + meta.getNamespace() + "/" + meta.getName());
      if (spec.getType() == null) {
        spec.setType("ClusterIP");
      }
      boolean externalName = "ExternalName".equals(spec.getType());
      if (!externalName) {
        if (spec.getClusterIP() == null) {
          int n = 20 + servicesMade++;
          spec.setClusterIP("10.100." + (n / 254) + "." + (1 + n % 254));
        }
        if (spec.getClusterIPs() == null) {
          spec.setClusterIPs(List.of(spec.getClusterIP()));
        }
        if (spec.getIpFamilies() == null) {
          spec.setIpFamilies(List.of("IPv4"));
        }
        if (spec.getIpFamilyPolicy() == null) {
          spec.setIpFamilyPolicy("SingleStack");
        }
        if (spec.getInternalTrafficPolicy() == null) {
          spec.setInternalTrafficPolicy("Cluster");
        }
      }
      if (spec.getSessionAffinity() == null) {
        spec.setSessionAffinity("None");
      }
      boolean nodePorts =
          "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
      for (ServicePort port : spec.getPorts() == null ? List.<ServicePort>of() : spec.getPorts()) {
        if (port.getProtocol() == null) {
          port.setProtocol("TCP");
        }
        if (port.getTargetPort() == null && port.getPort() != null) {
          port.setTargetPort(new IntOrString(port.getPort()));
        }
        if (nodePorts && port.getNodePort() == null) {
          port.setNodePort(30000 + random.nextInt(2768));
        }
      }
      if ("LoadBalancer".equals(spec.getType())) {
        if (spec.getExternalTrafficPolicy() == null) {
          spec.setExternalTrafficPolicy("Cluster");
        }
        if (spec.getAllocateLoadBalancerNodePorts() == null) {
          spec.setAllocateLoadBalancerNodePorts(true);
        }
        LoadBalancerIngress ingress = new LoadBalancerIngress();
        ingress.setHostname(
            "a"
                + ObjectNames.hex(random, 16)
                + "-"
                + (100_000_000 + random.nextInt(900_000_000))
                + "."
                + FakeNodes.REGION
                + ".elb.amazonaws.com");
        ServiceStatus status = new ServiceStatus();
        status.setLoadBalancer(new LoadBalancerStatus(List.of(ingress)));
        service.setStatus(status);
      }
    }

    /** The Endpoints and the EndpointSlice of a Service with a selector. */
    private void endpoints(Service service) {
      ServiceSpec spec = service.getSpec();
      Map<String, String> selector = spec.getSelector();
      if (selector == null || selector.isEmpty() || "ExternalName".equals(spec.getType())) {
        return;
      }
      ObjectMeta meta = service.getMetadata();
      String namespace = meta.getNamespace();
      Map.Entry<String, String> first = selector.entrySet().iterator().next();
      List<Pod> members =
          podsByLabel
              .getOrDefault(namespace + "/" + first.getKey() + "=" + first.getValue(), List.of())
              .stream()
              .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
              .filter(p -> labelsMatch(p.getMetadata().getLabels(), selector))
              .toList();
      List<ServicePort> servicePorts = spec.getPorts() == null ? List.of() : spec.getPorts();
      List<EndpointPort> ports = new ArrayList<>();
      List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> slicePorts =
          new ArrayList<>();
      for (ServicePort sp : servicePorts) {
        Integer target = resolveTargetPort(sp, members);
        if (target == null) {
          continue;
        }
        ports.add(new EndpointPort(null, sp.getName(), target, sp.getProtocol()));
        slicePorts.add(
            new io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort(
                sp.getAppProtocol(), sp.getName(), target, sp.getProtocol()));
      }
      List<EndpointAddress> ready = new ArrayList<>();
      List<EndpointAddress> notReady = new ArrayList<>();
      List<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint> sliceEndpoints =
          new ArrayList<>();
      for (Pod pod : members) {
        boolean isReady = PodFactory.isReady(pod);
        ObjectReference target = new ObjectReference();
        target.setKind("Pod");
        target.setName(pod.getMetadata().getName());
        target.setNamespace(namespace);
        target.setUid(pod.getMetadata().getUid());
        EndpointAddress address = new EndpointAddress();
        address.setIp(pod.getStatus().getPodIP());
        address.setNodeName(pod.getSpec().getNodeName());
        address.setTargetRef(target);
        (isReady ? ready : notReady).add(address);
        String zone = zoneOfNode.get(pod.getSpec().getNodeName());
        io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint =
            new io.fabric8.kubernetes.api.model.discovery.v1.Endpoint();
        endpoint.setAddresses(List.of(pod.getStatus().getPodIP()));
        endpoint.setConditions(new EndpointConditions(isReady, isReady, false));
        endpoint.setNodeName(pod.getSpec().getNodeName());
        endpoint.setTargetRef(target);
        endpoint.setZone(zone);
        sliceEndpoints.add(endpoint);
      }
      SplittableRandom random = names.random("EndpointSlice/" + namespace + "/" + meta.getName());
      String changed = ObjectNames.timestamp(now.minusSeconds(60 + random.nextInt(3600)));

      Endpoints endpoints = new Endpoints();
      endpoints.setApiVersion("v1");
      endpoints.setKind("Endpoints");
      ObjectMeta epMeta = new ObjectMeta();
      epMeta.setName(meta.getName());
      epMeta.setNamespace(namespace);
      epMeta.setUid(ObjectNames.uid(names.random("Endpoints/" + namespace + "/" + meta.getName())));
      epMeta.setCreationTimestamp(meta.getCreationTimestamp());
      epMeta.setLabels(meta.getLabels() == null ? null : new LinkedHashMap<>(meta.getLabels()));
      epMeta.setAnnotations(
          new LinkedHashMap<>(Map.of("endpoints.kubernetes.io/last-change-trigger-time", changed)));
      endpoints.setMetadata(epMeta);
      if (!members.isEmpty()) {
        EndpointSubset subset = new EndpointSubset();
        subset.setAddresses(ready.isEmpty() ? null : ready);
        subset.setNotReadyAddresses(notReady.isEmpty() ? null : notReady);
        subset.setPorts(ports);
        endpoints.setSubsets(List.of(subset));
      }
      objects.add(endpoints);

      Map<String, String> sliceLabels = new LinkedHashMap<>();
      if (meta.getLabels() != null) {
        sliceLabels.putAll(meta.getLabels());
      }
      sliceLabels.put("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
      sliceLabels.put("kubernetes.io/service-name", meta.getName());
      String sliceName = meta.getName() + "-" + ObjectNames.suffix(random, 5);
      ObjectMeta sliceMeta = new ObjectMeta();
      sliceMeta.setName(sliceName);
      sliceMeta.setGenerateName(meta.getName() + "-");
      sliceMeta.setNamespace(namespace);
      sliceMeta.setUid(ObjectNames.uid(random));
      sliceMeta.setCreationTimestamp(meta.getCreationTimestamp());
      sliceMeta.setGeneration(1L);
      sliceMeta.setLabels(sliceLabels);
      sliceMeta.setAnnotations(
          new LinkedHashMap<>(Map.of("endpoints.kubernetes.io/last-change-trigger-time", changed)));
      sliceMeta.setOwnerReferences(List.of(ownerReference(service)));
      EndpointSlice slice = new EndpointSlice();
      slice.setApiVersion("discovery.k8s.io/v1");
      slice.setKind("EndpointSlice");
      slice.setMetadata(sliceMeta);
      slice.setAddressType("IPv4");
      slice.setEndpoints(sliceEndpoints);
      slice.setPorts(slicePorts);
      objects.add(slice);
    }

    /** The container port a service port reaches on the given pods; null when it names none. */
    private static Integer resolveTargetPort(ServicePort port, List<Pod> members) {
      IntOrString target = port.getTargetPort();
      if (target == null) {
        return port.getPort();
      }
      if (target.getIntVal() != null) {
        return target.getIntVal();
      }
      String name = target.getStrVal();
      if (name != null && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
        return Integer.parseInt(name);
      }
      for (Pod pod : members) {
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
          containers.addAll(pod.getSpec().getInitContainers());
        }
        if (pod.getSpec().getContainers() != null) {
          containers.addAll(pod.getSpec().getContainers());
        }
        for (Container c : containers) {
          for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
            if (name != null && name.equals(p.getName())) {
              return p.getContainerPort();
            }
          }
        }
      }
      return members.isEmpty() ? port.getPort() : null;
    }

    private Namespace namespace(String name) {
      Namespace declared = declaredNamespaces.get(name);
      SplittableRandom random = names.random("Namespace/" + name);
      Namespace ns =
          declared != null
              ? declared
              : new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
      ObjectMeta meta = ns.getMetadata();
      if (meta.getUid() == null) {
        meta.setUid(ObjectNames.uid(random));
      }
      if (meta.getCreationTimestamp() == null) {
        Duration age =
            SYSTEM_NAMESPACES.contains(name)
                ? Duration.ofDays(45)
                : Duration.ofDays(30).plusSeconds(random.nextInt(86_400 * 5));
        meta.setCreationTimestamp(ObjectNames.timestamp(now.minus(age)));
      }
      meta.setLabels(withLabel(meta.getLabels(), "kubernetes.io/metadata.name", name));
      if (ns.getSpec() == null) {
        ns.setSpec(new io.fabric8.kubernetes.api.model.NamespaceSpec(List.of("kubernetes")));
      }
      if (ns.getStatus() == null) {
        ns.setStatus(new io.fabric8.kubernetes.api.model.NamespaceStatus(List.of(), "Active"));
      }
      return ns;
    }

    /** Gives an object from the manifests a uid and a creation time, as the API server does. */
    private void stamp(HasMetadata object, boolean hasGeneration) {
      ObjectMeta meta = object.getMetadata();
      SplittableRandom random =
          names.random(object.getKind() + "/" + meta.getNamespace() + "/" + meta.getName());
      if (meta.getUid() == null) {
        meta.setUid(ObjectNames.uid(random));
      }
      if (meta.getCreationTimestamp() == null) {
        Duration age = Duration.ofDays(3).plusSeconds(random.nextInt(86_400 * 25));
        meta.setCreationTimestamp(ObjectNames.timestamp(now.minus(age)));
      }
      if (hasGeneration && meta.getGeneration() == null) {
        meta.setGeneration(1L);
      }
    }

    /** Adds a pod made by a controller; 1 when it is ready. */
    private int add(Pod pod) {
      objects.add(pod);
      index(pod);
      return PodFactory.isReady(pod) ? 1 : 0;
    }

    private void index(Pod pod) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      if (labels == null) {
        return;
      }
      String namespace = pod.getMetadata().getNamespace();
      labels.forEach(
          (k, v) ->
              podsByLabel
                  .computeIfAbsent(namespace + "/" + k + "=" + v, x -> new ArrayList<>())
                  .add(pod));
    }

    private Function<String, Optional<ContainerFault>> faults(
        String namespace, String controller, int replica) {
      Map<ContainerFault.Where, ContainerFault> all = cluster.faults();
      if (all.isEmpty()) {
        return container -> Optional.empty();
      }
      return container ->
          Optional.ofNullable(
              all.get(new ContainerFault.Where(namespace, controller, replica, container)));
    }

    private static OwnerReference ownerReference(HasMetadata owner) {
      OwnerReference reference = new OwnerReference();
      reference.setApiVersion(owner.getApiVersion());
      reference.setKind(owner.getKind());
      reference.setName(owner.getMetadata().getName());
      reference.setUid(owner.getMetadata().getUid());
      reference.setController(true);
      reference.setBlockOwnerDeletion(true);
      return reference;
    }

    private static LabelSelector selectorOrTemplateLabels(
        LabelSelector selector, PodTemplateSpec template) {
      if (selector != null
          && ((selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty())
              || (selector.getMatchExpressions() != null
                  && !selector.getMatchExpressions().isEmpty()))) {
        return selector;
      }
      LabelSelector fromLabels = new LabelSelector();
      fromLabels.setMatchLabels(new LinkedHashMap<>(templateLabels(template)));
      return fromLabels;
    }

    private static Map<String, String> templateLabels(PodTemplateSpec template) {
      if (template == null
          || template.getMetadata() == null
          || template.getMetadata().getLabels() == null) {
        return Map.of();
      }
      return template.getMetadata().getLabels();
    }

    private static Map<String, String> withLabel(
        Map<String, String> labels, String key, String value) {
      Map<String, String> out =
          labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(labels);
      out.put(key, value);
      return out;
    }

    private static void annotate(ObjectMeta meta, String key, String value) {
      Map<String, String> annotations =
          meta.getAnnotations() == null
              ? new LinkedHashMap<>()
              : new LinkedHashMap<>(meta.getAnnotations());
      annotations.putIfAbsent(key, value);
      meta.setAnnotations(annotations);
    }

    private static boolean labelsMatch(Map<String, String> labels, Map<String, String> selector) {
      if (labels == null) {
        return false;
      }
      for (Map.Entry<String, String> e : selector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }

    private static String serviceOf(HasMetadata endpoints) {
      Map<String, String> labels = endpoints.getMetadata().getLabels();
      if (endpoints instanceof EndpointSlice && labels != null) {
        return labels.getOrDefault("kubernetes.io/service-name", endpoints.getMetadata().getName());
      }
      return endpoints.getMetadata().getName();
    }

    private static boolean isNamespaced(HasMetadata object) {
      if (object instanceof GenericKubernetesResource generic) {
        // Custom resources are namespaced unless the sample says otherwise (App Mesh's Mesh is
        // not).
        return generic.getMetadata().getNamespace() != null
            || !CLUSTER_SCOPED_CUSTOM_KINDS.contains(generic.getKind());
      }
      return object instanceof Namespaced;
    }
  }
}
