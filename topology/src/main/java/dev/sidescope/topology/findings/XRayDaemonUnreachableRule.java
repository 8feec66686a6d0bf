package dev.sidescope.topology.findings;

import dev.sidescope.topology.findings.XRayDaemonAddress.Endpoint;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code XRAY_DAEMON_UNREACHABLE}, severity {@code warning} (the app keeps serving; its traces are
 * lost): a container's literal {@code AWS_XRAY_DAEMON_ADDRESS} points at no X-Ray daemon.
 *
 * <ul>
 *   <li>A loopback host ({@code localhost}, {@code 127.x.x.x}, {@code ::1}, {@code 0.0.0.0}) needs
 *       a container in the same workload that listens on the port as an X-Ray daemon: an {@code
 *       xray-daemon}, or a CloudWatch agent or OpenTelemetry Collector, both of which can take the
 *       daemon's place (their X-Ray receivers default to port 2000). A container listens on a port
 *       when it declares it; one that declares no ports at all is taken to listen on the daemon's
 *       default 2000, or on a port its command names ({@code -b 0.0.0.0:3000}), because declaring
 *       ports is optional on both platforms.
 *   <li>On ECS, a host name must be a container of the same task (bridge-mode links) or a known ECS
 *       service of the cluster (Service Connect); a dotted name there is a DNS name the doctor
 *       cannot check.
 *   <li>On Kubernetes, {@code name}, {@code name.ns}, {@code name.ns.svc} and {@code
 *       name.ns.svc.cluster.local} must name a known Service (with that port, when the Service
 *       lists ports), resolved against the workload's namespace. A name in a namespace the doctor
 *       has seen nothing of is not reported: the Service may well be there, out of sight.
 * </ul>
 *
 * <p>IP addresses other than loopback, values that are references ({@code $(HOST_IP):2000}) and
 * empty values (the SDK then uses its default) are not judged. A value the SDK cannot read is
 * reported, without repeating it.
 */
public final class XRayDaemonUnreachableRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "XRAY_DAEMON_UNREACHABLE";

  /** The port the X-Ray daemon listens on unless told otherwise. */
  public static final int DEFAULT_DAEMON_PORT = 2000;

  private static final Set<SidecarKind> DAEMON_KINDS =
      Set.of(SidecarKind.XRAY_DAEMON, SidecarKind.CLOUDWATCH_AGENT, SidecarKind.OTEL_COLLECTOR);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final String CLUSTER_DOMAIN = "svc.cluster.local";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Finding> examine(Workload workload, DoctorContext context) {
    List<Finding> findings = new ArrayList<>();
    List<Container> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container container = containers.get(i);
      Optional<String> value =
          container.spec().envLiteral(XRayDaemonAddress.VARIABLE).map(String::strip);
      if (value.isEmpty() || value.get().isEmpty() || value.get().contains("$")) {
        continue;
      }
      Optional<XRayDaemonAddress> address = context.xrayDaemonAddress(value.get());
      if (address.isEmpty()) {
        findings.add(unreadable(workload, container));
        continue;
      }
      List<Endpoint> endpoints = address.get().endpoints();
      for (int j = 0; j < endpoints.size(); j++) {
        Endpoint endpoint = endpoints.get(j);
        Optional<String> problem = problem(workload, endpoint, context);
        if (problem.isPresent()) {
          findings.add(unreachable(workload, container, endpoint, problem.get()));
          break;
        }
      }
    }
    return findings;
  }

  /** Why nothing answers at this endpoint, or empty when something does or it cannot be told. */
  private static Optional<String> problem(
      Workload workload, Endpoint endpoint, DoctorContext context) {
    String host = endpoint.host().toLowerCase(Locale.ROOT);
    if (loopback(host)) {
      boolean listening = false;
      List<Container> containers = workload.containers();
      for (int i = 0; i < containers.size(); i++) {
        Container c = containers.get(i);
        if (daemonOn(c, endpoint.port())) {
          listening = true;
          break;
        }
      }
      return listening
          ? Optional.empty()
          : Optional.of(
              "no container in the "
                  + Wording.placeNoun(workload.platform())
                  + " listens there as an X-Ray daemon");
    }
    if (IPV4.matcher(host).matches() || host.contains(":")) {
      return Optional.empty();
    }
    return workload.platform() == Platform.ECS
        ? ecsName(workload, host, context)
        : kubernetesName(workload, host, endpoint.port(), context);
  }

  private static boolean loopback(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("0.0.0.0");
  }

  /** True when the container can take X-Ray segments on this port. */
  static boolean daemonOn(Container container, int port) {
    if (container.kind().isEmpty() || !DAEMON_KINDS.contains(container.kind().get())) {
      return false;
    }
    if (!container.spec().ports().isEmpty()) {
      return container.spec().ports().stream().anyMatch(p -> p.number() == port);
    }
    return port == DEFAULT_DAEMON_PORT
        || container.spec().command().stream().anyMatch(arg -> arg.endsWith(":" + port));
  }

  private static Optional<String> ecsName(Workload workload, String host, DoctorContext context) {
    if (workload.container(host).isPresent()
        || context.service(Platform.ECS, workload.namespace(), host).isPresent()
        || host.contains(".")) {
      return Optional.empty();
    }
    return Optional.of(
        "the task has no container named "
            + host
            + " and cluster "
            + workload.namespace()
            + " has no service of that name");
  }

  private static Optional<String> kubernetesName(
      Workload workload, String host, int port, DoctorContext context) {
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String[] labels = name.split("\\.", -1);
    String namespace;
    if (labels.length == 1) {
      namespace = workload.namespace();
    } else if (labels.length == 2
        || (labels.length == 3 && labels[2].equals("svc"))
        || (labels.length == 5 && name.endsWith("." + CLUSTER_DOMAIN))) {
      namespace = labels[1];
    } else {
      return Optional.empty(); // a DNS name outside the cluster's service names
    }
    String service = labels[0];
    if (!DNS_LABEL.matcher(service).matches() || !DNS_LABEL.matcher(namespace).matches()) {
      return Optional.empty();
    }
    Optional<ServiceSpec> spec = context.service(Platform.KUBERNETES, namespace, service);
    if (spec.isPresent()) {
      boolean exposes =
          spec.get().ports().isEmpty()
              || spec.get().ports().stream().anyMatch(p -> p.number() == port);
      return exposes
          ? Optional.empty()
          : Optional.of(
              "Service " + service + " in namespace " + namespace + " has no port " + port);
    }
    if (!namespace.equals(workload.namespace())
        && !context.knowsNamespace(Platform.KUBERNETES, namespace)) {
      return Optional.empty();
    }
    return Optional.of("there is no Service " + service + " in namespace " + namespace);
  }

  private static Finding unreachable(
      Workload workload, Container container, Endpoint endpoint, String problem) {
    String shown = CredentialMask.shown(XRayDaemonAddress.VARIABLE, endpoint.hostPort());
    String message =
        "Container "
            + container.name()
            + " in "
            + Wording.place(workload)
            + " sends its traces to "
            + shown
            + " ("
            + XRayDaemonAddress.VARIABLE
            + "), but "
            + problem
            + ", so its traces are lost.";
    return new Finding(
        Severity.WARNING, CODE, workload.id(), Optional.of(container.name()), message);
  }

  private static Finding unreadable(Workload workload, Container container) {
    String message =
        "Container "
            + container.name()
            + " in "
            + Wording.place(workload)
            + " sets "
            + XRayDaemonAddress.VARIABLE
            + " to a value the X-Ray SDK cannot read (it expects host:port, or"
            + " udp:host:port tcp:host:port), so its traces are lost.";
    return new Finding(
        Severity.WARNING, CODE, workload.id(), Optional.of(container.name()), message);
  }
}
