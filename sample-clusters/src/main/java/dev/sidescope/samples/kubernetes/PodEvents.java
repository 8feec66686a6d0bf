package dev.sidescope.samples.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The core v1 Events a cluster holds about a pod whose containers are unhealthy, derived from the
 * pod's final status, so that a sample's literal statuses and the generated faults both get them:
 *
 * <ul>
 *   <li>a container that runs but is not ready: the kubelet's {@code Unhealthy} warning, "Readiness
 *       probe failed: ..." as its probe (HTTP, TCP, exec; else an HTTP GET of its first port) would
 *       fail, counted once per probe period since it started;
 *   <li>a container waiting in {@code CrashLoopBackOff}: {@code BackOff} ("Back-off restarting
 *       failed container fluent-bit in pod invoices-..._payments(uid)"), about four per restart,
 *       and {@code Pulled}, {@code Created} and {@code Started} once per run;
 *   <li>a last run that ended {@code OOMKilled}: the node's kernel monitor's {@code OOMKilling}
 *       warning, said here about the pod's container (on a real node it is about the Node);
 *   <li>and, for each such pod, the scheduler's {@code Scheduled} and, per unhealthy container, its
 *       first {@code Pulled}, {@code Created} and {@code Started}.
 * </ul>
 *
 * <p>A healthy pod has none: a cluster's Events expire after an hour, and a generated cluster of
 * 20,000 pods should not carry 80,000 of them. Each event's involved object names the pod's uid,
 * namespace, name and the container's field path, as a kubelet's do; times are reckoned back from
 * the cluster's "now". Deterministic; stateless.
 */
final class PodEvents {
  private static final int PROBE_PERIOD_SECONDS = 10;

  private PodEvents() {}

  /** The events about {@code pod}; none when every container is healthy. */
  static List<Event> of(Pod pod, Instant now, ObjectNames names) {
    if (pod.getStatus() == null || pod.getMetadata() == null || pod.getSpec() == null) {
      return List.of();
    }
    List<ContainerStatus> unhealthy = new ArrayList<>();
    for (ContainerStatus s : statuses(pod)) {
      if (notReady(s) || crashLooping(s) || oomKilled(s)) {
        unhealthy.add(s);
      }
    }
    if (unhealthy.isEmpty()) {
      return List.of();
    }
    Writer writer = new Writer(pod, now, names);
    Instant created = time(pod.getMetadata().getCreationTimestamp()).orElse(now.minusSeconds(3600));
    Instant scheduled = min(time(pod.getStatus().getStartTime()).orElse(created), now);
    writer.add(
        null,
        "Normal",
        "Scheduled",
        "Successfully assigned "
            + pod.getMetadata().getNamespace()
            + "/"
            + pod.getMetadata().getName()
            + " to "
            + pod.getSpec().getNodeName(),
        1,
        scheduled,
        scheduled,
        "default-scheduler");
    for (ContainerStatus s : unhealthy) {
      writer.container(s, scheduled);
    }
    return writer.events;
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    List<ContainerStatus> all = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      all.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      all.addAll(pod.getStatus().getContainerStatuses());
    }
    return all;
  }

  private static boolean notReady(ContainerStatus s) {
    return s.getState() != null
        && s.getState().getRunning() != null
        && !Boolean.TRUE.equals(s.getReady());
  }

  private static boolean crashLooping(ContainerStatus s) {
    return s.getState() != null
        && s.getState().getWaiting() != null
        && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason());
  }

  private static boolean oomKilled(ContainerStatus s) {
    return lastTermination(s).map(t -> "OOMKilled".equals(t.getReason())).orElse(false);
  }

  private static Optional<ContainerStateTerminated> lastTermination(ContainerStatus s) {
    return s.getLastState() == null
        ? Optional.empty()
        : Optional.ofNullable(s.getLastState().getTerminated());
  }

  /** Writes one pod's events. */
  private static final class Writer {
    private final Pod pod;
    private final Instant now;
    private final ObjectNames names;
    private final String node;
    private final List<Event> events = new ArrayList<>();

    Writer(Pod pod, Instant now, ObjectNames names) {
      this.pod = pod;
      this.now = now;
      this.names = names;
      this.node = pod.getSpec().getNodeName();
    }

    void container(ContainerStatus s, Instant scheduled) {
      String name = s.getName();
      Container spec = spec(name);
      SplittableRandom random =
          names.random(
              "Events/"
                  + pod.getMetadata().getNamespace()
                  + "/"
                  + pod.getMetadata().getName()
                  + "/"
                  + name);
      int restarts = s.getRestartCount() == null ? 0 : s.getRestartCount();
      Instant firstStart = min(scheduled.plusSeconds(2 + random.nextInt(4)), now);
      Optional<ContainerStateTerminated> last = lastTermination(s);
      Instant lastStart =
          notReady(s)
              ? time(s.getState().getRunning().getStartedAt())
                  .map(t -> min(t, now))
                  .orElse(firstStart)
              : last.flatMap(t -> time(t.getStartedAt())).map(t -> min(t, now)).orElse(firstStart);
      int runs = restarts + 1;
      if (runs == 1) {
        // One run: its Pulled, Created and Started happened once, when it started.
        firstStart = lastStart;
      } else if (lastStart.isBefore(firstStart)) {
        lastStart = firstStart;
      }
      String image = spec == null || spec.getImage() == null ? s.getImage() : spec.getImage();
      add(
          name,
          "Normal",
          "Pulled",
          "Container image \"" + image + "\" already present on machine",
          runs,
          firstStart,
          lastStart,
          "kubelet");
      add(
          name,
          "Normal",
          "Created",
          "Created container: " + name,
          runs,
          firstStart,
          lastStart,
          "kubelet");
      add(
          name,
          "Normal",
          "Started",
          "Started container " + name,
          runs,
          firstStart,
          lastStart,
          "kubelet");
      if (notReady(s)) {
        Instant first = min(lastStart.plusSeconds(PROBE_PERIOD_SECONDS), now);
        Instant seen = max(now.minusSeconds(1 + random.nextInt(PROBE_PERIOD_SECONDS - 1)), first);
        int count =
            (int)
                Math.max(
                    1,
                    Math.min(
                        Integer.MAX_VALUE,
                        Duration.between(first, seen).getSeconds() / PROBE_PERIOD_SECONDS + 1));
        add(
            name,
            "Warning",
            "Unhealthy",
            "Readiness probe failed: " + probeFailure(spec),
            count,
            first,
            seen,
            "kubelet");
      }
      if (crashLooping(s)) {
        Instant first = min(firstStart.plusSeconds(10 + random.nextInt(20)), now);
        Instant seen = max(now.minusSeconds(5 + random.nextInt(40)), first);
        add(
            name,
            "Warning",
            "BackOff",
            "Back-off restarting failed container "
                + name
                + " in pod "
                + pod.getMetadata().getName()
                + "_"
                + pod.getMetadata().getNamespace()
                + "("
                + pod.getMetadata().getUid()
                + ")",
            Math.max(1, restarts * 4 + random.nextInt(3)),
            first,
            seen,
            "kubelet");
      }
      if (oomKilled(s)) {
        Instant at =
            last.flatMap(t -> time(t.getFinishedAt())).map(t -> min(t, now)).orElse(lastStart);
        int limitKb = 131_072;
        add(
            name,
            "Warning",
            "OOMKilling",
            "Memory cgroup out of memory: Killed process "
                + (1000 + random.nextInt(30_000))
                + " ("
                + processName(image, name)
                + ") total-vm:"
                + (limitKb * 4 + random.nextInt(100_000))
                + "kB, anon-rss:"
                + (limitKb - random.nextInt(1_000))
                + "kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:"
                + (300 + random.nextInt(400))
                + "kB oom_score_adj:"
                + (restarts > 0 ? 999 : 984),
            Math.max(1, restarts),
            at,
            at,
            "kernel-monitor");
      }
    }

    /** How the container's readiness probe fails while nothing listens. */
    private String probeFailure(Container spec) {
      String ip = pod.getStatus().getPodIP() == null ? "10.0.0.1" : pod.getStatus().getPodIP();
      Probe probe = spec == null ? null : spec.getReadinessProbe();
      if (probe != null && probe.getTcpSocket() != null) {
        return "dial tcp "
            + ip
            + ":"
            + port(spec, probe.getTcpSocket().getPort())
            + ": connect: connection refused";
      }
      if (probe != null && probe.getExec() != null && probe.getExec().getCommand() != null) {
        return "command " + String.join(" ", probe.getExec().getCommand()) + " exited with 1";
      }
      if (probe != null && probe.getGrpc() != null && probe.getGrpc().getPort() != null) {
        return "timeout: failed to connect service \""
            + ip
            + ":"
            + probe.getGrpc().getPort()
            + "\" within 1s: context deadline exceeded";
      }
      String path = "/";
      String scheme = "http";
      String port = null;
      if (probe != null && probe.getHttpGet() != null) {
        path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
        scheme =
            probe.getHttpGet().getScheme() == null
                ? "http"
                : probe.getHttpGet().getScheme().toLowerCase();
        port = port(spec, probe.getHttpGet().getPort());
      } else if (spec != null && spec.getPorts() != null && !spec.getPorts().isEmpty()) {
        port = String.valueOf(spec.getPorts().get(0).getContainerPort());
      }
      if (port == null) {
        return "HTTP probe failed with statuscode: 503";
      }
      String where = ip + ":" + port;
      return "Get \""
          + scheme
          + "://"
          + where
          + path
          + "\": dial tcp "
          + where
          + ": connect: connection refused";
    }

    private static String port(Container spec, IntOrString port) {
      if (port == null) {
        return "80";
      }
      if (port.getIntVal() != null) {
        return String.valueOf(port.getIntVal());
      }
      if (spec != null && spec.getPorts() != null) {
        for (ContainerPort p : spec.getPorts()) {
          if (port.getStrVal().equals(p.getName())) {
            return String.valueOf(p.getContainerPort());
          }
        }
      }
      return port.getStrVal();
    }

    private Container spec(String name) {
      List<Container> all = new ArrayList<>();
      if (pod.getSpec().getInitContainers() != null) {
        all.addAll(pod.getSpec().getInitContainers());
      }
      if (pod.getSpec().getContainers() != null) {
        all.addAll(pod.getSpec().getContainers());
      }
      return all.stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
    }

    void add(
        String container,
        String type,
        String reason,
        String message,
        int count,
        Instant first,
        Instant last,
        String component) {
      ObjectMeta podMeta = pod.getMetadata();
      SplittableRandom random =
          names.random(
              "Event/"
                  + podMeta.getNamespace()
                  + "/"
                  + podMeta.getName()
                  + "/"
                  + container
                  + "/"
                  + reason);
      ObjectMeta meta = new ObjectMeta();
      // As the API server names them: the object's name and a hex stamp.
      meta.setName(podMeta.getName() + "." + ObjectNames.hex(random, 8));
      meta.setNamespace(podMeta.getNamespace());
      meta.setUid(ObjectNames.uid(random));
      meta.setCreationTimestamp(ObjectNames.timestamp(first));
      ObjectReference about = new ObjectReference();
      about.setApiVersion("v1");
      about.setKind("Pod");
      about.setNamespace(podMeta.getNamespace());
      about.setName(podMeta.getName());
      about.setUid(podMeta.getUid());
      if (container != null) {
        about.setFieldPath(fieldPath(container) + "{" + container + "}");
      }
      Event event = new Event();
      event.setApiVersion("v1");
      event.setKind("Event");
      event.setMetadata(meta);
      event.setInvolvedObject(about);
      event.setType(type);
      event.setReason(reason);
      event.setMessage(message);
      event.setCount(count);
      event.setFirstTimestamp(ObjectNames.timestamp(first));
      event.setLastTimestamp(ObjectNames.timestamp(last));
      EventSource source = new EventSource();
      source.setComponent(component);
      if (!component.equals("default-scheduler")) {
        source.setHost(node);
      }
      event.setSource(source);
      event.setReportingComponent(component);
      event.setReportingInstance(
          component.equals("default-scheduler") ? "default-scheduler" : node);
      events.add(event);
    }

    private String fieldPath(String container) {
      if (pod.getSpec().getInitContainers() != null
          && pod.getSpec().getInitContainers().stream()
              .anyMatch(c -> container.equals(c.getName()))) {
        return "spec.initContainers";
      }
      return "spec.containers";
    }

    private static String processName(String image, String container) {
      if (image != null && image.contains("fluent-bit")) {
        return "fluent-bit";
      }
      if (image != null && image.contains("envoy")) {
        return "envoy";
      }
      return container;
    }
  }

  private static Optional<Instant> time(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
