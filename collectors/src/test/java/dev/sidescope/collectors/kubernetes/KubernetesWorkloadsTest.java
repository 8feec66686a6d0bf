package dev.sidescope.collectors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.WorkloadSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesWorkloadsTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private final KubernetesWorkloads workloads =
      new KubernetesWorkloads("kubernetes/kind-dev", "kind-dev");

  private static <T> T parse(String yaml, Class<T> type) {
    return SERIALIZATION.unmarshal(yaml, type);
  }

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: orders-5f7c9-abcde
        namespace: shop
        labels: {app: orders}
        annotations: {team: payments}
      spec:
        initContainers:
          - name: setup
            image: busybox
          - name: proxy
            image: envoyproxy/envoy:v1.31
            restartPolicy: Always
        containers:
          - name: orders
            image: orders:1.2
            command: [java]
            args: [-jar, app.jar]
            ports:
              - {containerPort: 8080, name: http}
              - {containerPort: 2000, protocol: UDP}
            env:
              - {name: MODE, value: fast}
              - {name: EMPTY}
            volumeMounts:
              - {name: logs, mountPath: /var/log/app}
              - {name: certs, mountPath: /etc/certs, readOnly: true}
            resources:
              limits: {cpu: 100m, memory: 64Mi}
      status:
        phase: Running
      """;

  @Test
  void podBecomesWorkloadWithIdSourceLabelsAnnotationsAndPhase() {
    WorkloadSpec w = workloads.pod(parse(POD, Pod.class), Optional.empty());

    assertThat(w.id()).isEqualTo("kubernetes/kind-dev/shop/orders-5f7c9-abcde");
    assertThat(w.platform()).isEqualTo(Platform.KUBERNETES);
    assertThat(w.source()).isEqualTo("kubernetes/kind-dev");
    assertThat(w.namespace()).isEqualTo("shop");
    assertThat(w.name()).isEqualTo("orders-5f7c9-abcde");
    assertThat(w.owner()).isEmpty();
    assertThat(w.labels()).containsExactlyEntriesOf(Map.of("app", "orders"));
    assertThat(w.annotations()).containsExactlyEntriesOf(Map.of("team", "payments"));
    assertThat(w.phase()).contains("Running");
    assertThat(w.proxy()).isEmpty();
  }

  @Test
  void podKeepsTheOwnerItsCallerResolved() {
    WorkloadSpec w = workloads.pod(parse(POD, Pod.class), Optional.of("Deployment/orders"));

    assertThat(w.owner()).contains("Deployment/orders");
  }

  @Test
  void initContainersComeFirstAndAnInitContainerThatRestartsAlwaysIsANativeSidecar() {
    List<ContainerSpec> containers =
        workloads.pod(parse(POD, Pod.class), Optional.empty()).containers();

    assertThat(containers)
        .extracting(ContainerSpec::name)
        .containsExactly("setup", "proxy", "orders");
    assertThat(containers)
        .extracting(ContainerSpec::initContainer, ContainerSpec::restartAlways)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(true, false),
            org.assertj.core.groups.Tuple.tuple(true, true),
            org.assertj.core.groups.Tuple.tuple(false, false));
    assertThat(containers.get(1).nativeSidecar()).isTrue();
  }

  @Test
  void containerKeepsImagePortsEnvMountsLimitsAndCommandAsWritten() {
    ContainerSpec orders =
        workloads.pod(parse(POD, Pod.class), Optional.empty()).containers().get(2);

    assertThat(orders.image()).isEqualTo("orders:1.2");
    assertThat(orders.ports())
        .containsExactly(new Port(8080, "TCP", Optional.of("http")), Port.udp(2000));
    assertThat(orders.env())
        .containsExactly(EnvVar.literal("MODE", "fast"), EnvVar.literal("EMPTY", ""));
    assertThat(orders.mounts())
        .containsExactly(
            new VolumeMount("logs", "/var/log/app", false),
            new VolumeMount("certs", "/etc/certs", true));
    assertThat(orders.limits().cpuLimit()).contains("100m");
    assertThat(orders.limits().memoryLimit()).contains("64Mi");
    assertThat(orders.command()).containsExactly("java", "-jar", "app.jar");
    assertThat(orders.essential()).isEmpty();
    assertThat(orders.state()).isEqualTo(ContainerState.UNKNOWN);
  }

  @ParameterizedTest(name = "{0} becomes \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "secretKeyRef: {name: payment-db, key: password}     | secret payment-db/password",
        "configMapKeyRef: {name: app-config, key: mode}      | configmap app-config/mode",
        "fieldRef: {fieldPath: metadata.name}                | field metadata.name",
        "resourceFieldRef: {resource: limits.cpu}            | resource limits.cpu",
      })
  void envValueFromBecomesAReferenceThatSaysWhereFrom(String source, String expected) {
    Pod pod =
        parse(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: c
                  env:
                    - name: X
                      valueFrom: {%s}
            """
                .formatted(source),
            Pod.class);

    EnvVar env = workloads.pod(pod, Optional.empty()).containers().get(0).env().get(0);

    assertThat(env).isEqualTo(EnvVar.reference("X", expected));
    assertThat(env.literal()).isEmpty();
  }

  @Test
  void podWithoutNamespaceIsInTheDefaultNamespace() {
    Pod pod = parse("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"bare\"}}", Pod.class);

    WorkloadSpec w = workloads.pod(pod, Optional.empty());

    assertThat(w.namespace()).isEqualTo("default");
    assertThat(w.id()).isEqualTo("kubernetes/kind-dev/default/bare");
    assertThat(w.containers()).isEmpty();
    assertThat(w.phase()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "running: {startedAt: 2024-01-01T00:00:00Z} | true  | 0 | RUNNING    | ''               | ''",
        "waiting: {reason: ContainerCreating}         | false | 0 | WAITING    | ContainerCreating | ''",
        "terminated: {reason: OOMKilled, exitCode: 137} | false | 5 | TERMINATED | OOMKilled        | 137",
      })
  void containerStatusGivesPhaseReadinessRestartsReasonAndExitCode(
      String state,
      boolean ready,
      int restarts,
      ContainerState.Phase phase,
      String reason,
      String exitCode) {
    Pod pod =
        parse(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers: [{name: c, image: i}]
            status:
              containerStatuses:
                - name: c
                  ready: %s
                  restartCount: %d
                  state: {%s}
            """
                .formatted(ready, restarts, state),
            Pod.class);

    ContainerState s = workloads.pod(pod, Optional.empty()).containers().get(0).state();

    assertThat(s.phase()).isEqualTo(phase);
    assertThat(s.ready()).contains(ready);
    assertThat(s.restarts()).contains(restarts);
    assertThat(s.reason()).isEqualTo(reason.isEmpty() ? Optional.empty() : Optional.of(reason));
    assertThat(s.exitCode())
        .isEqualTo(exitCode.isEmpty() ? Optional.empty() : Optional.of(Integer.valueOf(exitCode)));
  }

  @Test
  void containerWaitingToRestartTakesTheExitCodeOfItsLastTermination() {
    Pod pod =
        parse(
            """
            kind: Pod
            metadata: {name: p}
            spec:
              containers: [{name: c}]
            status:
              containerStatuses:
                - name: c
                  ready: false
                  restartCount: 3
                  state: {waiting: {reason: CrashLoopBackOff}}
                  lastState: {terminated: {reason: Error, exitCode: 1}}
            """,
            Pod.class);

    ContainerState s = workloads.pod(pod, Optional.empty()).containers().get(0).state();

    assertThat(s.reason()).contains("CrashLoopBackOff");
    assertThat(s.exitCode()).contains(1);
  }

  @Test
  void initContainerStatusesAreMatchedToInitContainersByName() {
    Pod pod =
        parse(
            """
            kind: Pod
            metadata: {name: p}
            spec:
              initContainers: [{name: c, restartPolicy: Always}]
              containers: [{name: c}, {name: other}]
            status:
              initContainerStatuses:
                - {name: c, ready: true, restartCount: 2, state: {running: {}}}
              containerStatuses:
                - {name: c, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
            """,
            Pod.class);

    List<ContainerSpec> containers = workloads.pod(pod, Optional.empty()).containers();

    assertThat(containers.get(0).state().restarts()).contains(2);
    assertThat(containers.get(1).state().reason()).contains("PodInitializing");
    assertThat(containers.get(2).state()).isEqualTo(ContainerState.UNKNOWN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Deployment  | apps/v1  | spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web}]}}}",
        "StatefulSet | apps/v1  | spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web}]}}}",
        "DaemonSet   | apps/v1  | spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web}]}}}",
        "ReplicaSet  | apps/v1  | spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web}]}}}",
        "Job         | batch/v1 | spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web}]}}}",
        "CronJob     | batch/v1 | spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web}]}}}}}",
      })
  void controllerBecomesOneWorkloadForItsPodTemplateOwnedByIt(
      String kind, String apiVersion, String spec) {
    Class<? extends HasMetadata> type =
        switch (kind) {
          case "Deployment" -> Deployment.class;
          case "StatefulSet" -> StatefulSet.class;
          case "DaemonSet" -> DaemonSet.class;
          case "ReplicaSet" -> ReplicaSet.class;
          case "Job" -> Job.class;
          default -> CronJob.class;
        };
    HasMetadata controller =
        parse(
            "apiVersion: %s\nkind: %s\nmetadata: {name: web, namespace: shop, labels: {tier: x}}\n%s\n"
                .formatted(apiVersion, kind, spec),
            type);

    WorkloadSpec w = workloads.controller(controller).orElseThrow();

    assertThat(w.id()).isEqualTo("kubernetes/kind-dev/shop/web");
    assertThat(w.name()).isEqualTo("web");
    assertThat(w.owner()).contains(kind + "/web");
    assertThat(w.labels()).containsExactlyEntriesOf(Map.of("app", "web"));
    assertThat(w.containers()).extracting(ContainerSpec::name).containsExactly("web");
    assertThat(w.phase()).isEmpty();
  }

  @Test
  void objectWithoutPodTemplateIsNoController() {
    ConfigMap map =
        parse("{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}", ConfigMap.class);

    assertThat(workloads.controller(map)).isEmpty();
  }

  @Test
  void serviceKeepsSelectorAndServicePorts() {
    Service service =
        parse(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: payment-service, namespace: shop}
            spec:
              selector: {app: payment-service}
              ports:
                - {port: 8080, targetPort: 9090, name: http}
                - {port: 53, protocol: UDP}
            """,
            Service.class);

    ServiceSpec s = workloads.service(service);

    assertThat(s.id()).isEqualTo("service/kind-dev/shop/payment-service");
    assertThat(s.platform()).isEqualTo(Platform.KUBERNETES);
    assertThat(s.selector()).containsExactlyEntriesOf(Map.of("app", "payment-service"));
    assertThat(s.ports()).containsExactly(new Port(8080, "TCP", Optional.of("http")), Port.udp(53));
  }

  @Test
  void virtualNodeReadsSelectorBackendsByRefOrArnAndTheFirstListenersTlsMode() {
    GenericKubernetesResource node =
        parse(
            """
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata: {name: order-service, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: order-service}}
              listeners:
                - {portMapping: {port: 8080, protocol: http}, tls: {mode: STRICT}}
                - {portMapping: {port: 9090, protocol: http}, tls: {mode: PERMISSIVE}}
              backends:
                - virtualService: {virtualServiceRef: {name: payment-service}}
                - virtualService:
                    virtualServiceARN: arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualService/ledger
            """,
            GenericKubernetesResource.class);

    MeshVirtualNode n = workloads.virtualNode(node);

    assertThat(n.namespace()).isEqualTo("shop");
    assertThat(n.name()).isEqualTo("order-service");
    assertThat(n.podSelector()).containsExactlyEntriesOf(Map.of("app", "order-service"));
    assertThat(n.backends()).containsExactly("payment-service", "ledger");
    assertThat(n.tlsMode()).contains("STRICT");
  }

  @Test
  void virtualNodeWithFieldsOfTheWrongShapeGivesEmptyValues() {
    GenericKubernetesResource node =
        parse(
            """
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata: {name: odd}
            spec:
              podSelector: [app]
              listeners: {tls: STRICT}
              backends: [42, {virtualService: oops}]
            """,
            GenericKubernetesResource.class);

    MeshVirtualNode n = workloads.virtualNode(node);

    assertThat(n.namespace()).isEqualTo("default");
    assertThat(n.podSelector()).isEmpty();
    assertThat(n.backends()).isEmpty();
    assertThat(n.tlsMode()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} is a VirtualNode: {2}")
  @CsvSource({
    "appmesh.k8s.aws/v1beta2, VirtualNode, true",
    "appmesh.k8s.aws/v1beta1, VirtualNode, true",
    "example.com/v1, VirtualNode, false",
    "appmesh.k8s.aws/v1beta2, VirtualService, false",
  })
  void virtualNodeIsRecognisedByGroupAndKind(String apiVersion, String kind, boolean expected) {
    assertThat(KubernetesWorkloads.isVirtualNode(apiVersion, kind)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ReplicaSet of a Deployment  | {pod-template-hash: 5f7c9} | [{kind: ReplicaSet, name: orders-5f7c9, controller: true}] | Deployment/orders",
        "ReplicaSet without the hash | {}                         | [{kind: ReplicaSet, name: orders-5f7c9, controller: true}] | ReplicaSet/orders-5f7c9",
        "StatefulSet                 | {}                         | [{kind: StatefulSet, name: db, controller: true}]          | StatefulSet/db",
        "no controller reference     | {}                         | [{kind: ConfigMap, name: c}]                               | ''",
        "no references               | {}                         | []                                                         | ''",
      })
  void ownerFromReferencesNamesTheTopControllerAsFarAsThePodTells(
      String description, String labels, String references, String expected) {
    Pod pod =
        parse(
            "kind: Pod\nmetadata: {name: p, labels: %s, ownerReferences: %s}\n"
                .formatted(labels, references),
            Pod.class);

    assertThat(KubernetesWorkloads.ownerFromReferences(pod))
        .isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(expected));
  }
}
