package dev.sidescope.samples.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The worker nodes of a served sample: EKS-style EC2 nodes ({@code ip-10-0-1-23.ec2.internal})
 * spread over three zones, Ready, with the labels and node info a real EKS node carries.
 */
final class FakeNodes {
  static final String REGION = "us-east-1";
  static final String KUBELET_VERSION = "v1.30.4-eks-a737599";
  private static final String INSTANCE_TYPE = "m5.xlarge";
  private static final String ZONES = "abc";

  /** A node and the facts pods need about it. */
  record FakeNode(String name, String ip, String zone, Node object) {}

  private FakeNodes() {}

  static List<FakeNode> create(int count, ObjectNames names, Instant now) {
    List<FakeNode> nodes = new ArrayList<>(count);
    Set<String> taken = new HashSet<>();
    SplittableRandom random = names.random("nodes");
    Instant created = now.minus(Duration.ofDays(45)).minusSeconds(random.nextInt(86_400));
    for (int i = 0; i < count; i++) {
      int third = 1 + i % 3 + 3 * (i / 720);
      String ip;
      do {
        ip = "10.0." + third + "." + (10 + random.nextInt(240));
      } while (!taken.add(ip));
      String zone = REGION + ZONES.charAt(i % 3);
      String name = "ip-" + ip.replace('.', '-') + ".ec2.internal";
      nodes.add(new FakeNode(name, ip, zone, node(name, ip, zone, random, created)));
    }
    return nodes;
  }

  private static Node node(
      String name, String ip, String zone, SplittableRandom random, Instant created) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/instance-type", INSTANCE_TYPE);
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("eks.amazonaws.com/capacityType", "ON_DEMAND");
    labels.put("eks.amazonaws.com/nodegroup", "default");
    labels.put("failure-domain.beta.kubernetes.io/region", REGION);
    labels.put("failure-domain.beta.kubernetes.io/zone", zone);
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("node.kubernetes.io/instance-type", INSTANCE_TYPE);
    labels.put("topology.kubernetes.io/region", REGION);
    labels.put("topology.kubernetes.io/zone", zone);
    String since = ObjectNames.timestamp(created);
    String instance = "i-0" + ObjectNames.hex(random, 8).substring(1);
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(ObjectNames.uid(random))
        .withCreationTimestamp(since)
        .withLabels(labels)
        .addToAnnotations("alpha.kubernetes.io/provided-node-ip", ip)
        .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
        .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
        .endMetadata()
        .withNewSpec()
        .withProviderID("aws:///" + zone + "/" + instance)
        .endSpec()
        .withNewStatus()
        .addNewAddress("InternalIP", ip)
        .addNewAddress("InternalDNS", name)
        .addNewAddress("Hostname", name)
        .addToCapacity("cpu", new Quantity("4"))
        .addToCapacity("ephemeral-storage", new Quantity("83873772Ki"))
        .addToCapacity("memory", new Quantity("15896988Ki"))
        .addToCapacity("pods", new Quantity("58"))
        .addToAllocatable("cpu", new Quantity("3920m"))
        .addToAllocatable("ephemeral-storage", new Quantity("76224326324"))
        .addToAllocatable("memory", new Quantity("14880156Ki"))
        .addToAllocatable("pods", new Quantity("58"))
        .addNewCondition()
        .withType("MemoryPressure")
        .withStatus("False")
        .withReason("KubeletHasSufficientMemory")
        .withMessage("kubelet has sufficient memory available")
        .withLastHeartbeatTime(since)
        .withLastTransitionTime(since)
        .endCondition()
        .addNewCondition()
        .withType("DiskPressure")
        .withStatus("False")
        .withReason("KubeletHasNoDiskPressure")
        .withMessage("kubelet has no disk pressure")
        .withLastHeartbeatTime(since)
        .withLastTransitionTime(since)
        .endCondition()
        .addNewCondition()
        .withType("PIDPressure")
        .withStatus("False")
        .withReason("KubeletHasSufficientPID")
        .withMessage("kubelet has sufficient PID available")
        .withLastHeartbeatTime(since)
        .withLastTransitionTime(since)
        .endCondition()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .withMessage("kubelet is posting ready status")
        .withLastHeartbeatTime(since)
        .withLastTransitionTime(since)
        .endCondition()
        .withNewDaemonEndpoints()
        .withNewKubeletEndpoint(10250)
        .endDaemonEndpoints()
        .withNewNodeInfo()
        .withArchitecture("amd64")
        .withBootID(ObjectNames.uid(random))
        .withContainerRuntimeVersion("containerd://1.7.22")
        .withKernelVersion("6.1.112-122.189.amzn2023.x86_64")
        .withKubeProxyVersion(KUBELET_VERSION)
        .withKubeletVersion(KUBELET_VERSION)
        .withMachineID(ObjectNames.hex(random, 16))
        .withOperatingSystem("linux")
        .withOsImage("Amazon Linux 2023.6.20241031")
        .withSystemUUID("ec2" + ObjectNames.uid(random).substring(3))
        .endNodeInfo()
        .endStatus()
        .build();
  }
}
