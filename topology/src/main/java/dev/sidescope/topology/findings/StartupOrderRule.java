package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Dependency;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code STARTUP_ORDER}: the app can start before its mesh proxy is ready, so its first outbound
 * calls (to a database, a config service, its peers) fail with connection refused or reset, and an
 * app that fetches something at start-up may crash-loop until the race goes its way.
 *
 * <p>Looked at for every mesh proxy sidecar ({@link SidecarKind#isMeshProxy()}) that is not a
 * Kubernetes native sidecar (those start, and pass their startup probe, before any app container).
 * The proxy counts as holding the app when:
 *
 * <ul>
 *   <li>Istio: the pod's {@code proxy.istio.io/config} annotation sets {@code
 *       holdApplicationUntilProxyStarts: true} (JSON or YAML). A mesh-wide default is not visible
 *       from the pod, so a mesh that holds every pod globally still gets this finding; setting the
 *       annotation makes it explicit.
 *   <li>Linkerd: unless {@code config.linkerd.io/proxy-await} is {@code disabled}. Since Linkerd
 *       2.12 the proxy injector enables proxy-await by default (the proxy gets a {@code
 *       linkerd-await} postStart hook, and Kubernetes holds the next container until it returns),
 *       so an absent annotation means held.
 *   <li>Other Envoys on Kubernetes (plain Envoy, App Mesh): never, short of running as a native
 *       sidecar.
 *   <li>ECS: every app container {@code dependsOn} the proxy with condition {@code HEALTHY}, as App
 *       Mesh asks. Condition {@code START} only waits for the proxy's process to exist, not for it
 *       to accept traffic, so it narrows the race without closing it: reported as {@code info}.
 * </ul>
 *
 * <p>Severity {@code warning} when nothing holds the app (it breaks starts, not running pods),
 * {@code info} for an ECS {@code START} dependency.
 */
public final class StartupOrderRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "STARTUP_ORDER";

  /** Istio's per-pod proxy configuration annotation (a ProxyConfig as JSON or YAML). */
  public static final String ISTIO_PROXY_CONFIG = "proxy.istio.io/config";

  /** Linkerd's annotation that turns its start-up hold on or off. */
  public static final String LINKERD_PROXY_AWAIT = "config.linkerd.io/proxy-await";

  private static final String LINKERD_AWAIT_DISABLED = "disabled";
  private static final String HEALTHY = "HEALTHY";
  private static final String START = "START";

  // A key of the ProxyConfig document, not part of a longer key, set to a YAML or JSON true.
  private static final Pattern ISTIO_HOLD =
      Pattern.compile(
          "(?:^|[\\s{,])[\"']?holdApplicationUntilProxyStarts[\"']?\\s*:\\s*(?i:true)(?![\\w-])",
          Pattern.MULTILINE);

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Finding> examine(Workload workload, DoctorContext context) {
    List<Finding> findings = new ArrayList<>();
    List<Container> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container proxy = containers.get(i);
      if (!proxy.isSidecar()
          || !proxy.kind().orElseThrow().isMeshProxy()
          || proxy.spec().nativeSidecar()) {
        continue;
      }
      if (workload.platform() == Platform.ECS) {
        ecs(workload, proxy).ifPresent(findings::add);
      } else {
        kubernetes(workload, proxy).ifPresent(findings::add);
      }
    }
    return findings;
  }

  private static Optional<Finding> kubernetes(Workload workload, Container proxy) {
    SidecarKind kind = proxy.kind().orElseThrow();
    String remedy;
    switch (kind) {
      case ISTIO_PROXY -> {
        if (istioHolds(workload)) {
          return Optional.empty();
        }
        remedy =
            "set holdApplicationUntilProxyStarts: true in the "
                + ISTIO_PROXY_CONFIG
                + " annotation";
      }
      case LINKERD_PROXY -> {
        if (linkerdAwaits(workload)) {
          return Optional.empty();
        }
        remedy = "remove " + LINKERD_PROXY_AWAIT + ": disabled";
      }
      default ->
          remedy =
              "run "
                  + proxy.name()
                  + " as a native sidecar (an init container with restartPolicy: Always)";
    }
    String message =
        "App "
            + Wording.apps(workload)
            + " in "
            + Wording.place(workload)
            + " can start before its "
            + proxy.name()
            + " sidecar is ready, so its first outbound calls can fail; "
            + remedy
            + ".";
    return Optional.of(
        new Finding(Severity.WARNING, CODE, workload.id(), Optional.of(proxy.name()), message));
  }

  static boolean istioHolds(Workload workload) {
    String config = workload.spec().annotations().get(ISTIO_PROXY_CONFIG);
    return config != null && ISTIO_HOLD.matcher(config).find();
  }

  static boolean linkerdAwaits(Workload workload) {
    String await = workload.spec().annotations().get(LINKERD_PROXY_AWAIT);
    return await == null || !LINKERD_AWAIT_DISABLED.equalsIgnoreCase(await.strip());
  }

  private static Optional<Finding> ecs(Workload workload, Container proxy) {
    List<String> unheld = new ArrayList<>();
    List<String> startedOnly = new ArrayList<>();
    workload
        .apps()
        .forEach(
            app -> {
              Optional<String> condition =
                  app.spec().dependsOn().stream()
                      .filter(d -> d.container().equals(proxy.name()))
                      .map(Dependency::condition)
                      .map(c -> c.toUpperCase(Locale.ROOT))
                      .findFirst();
              if (condition.isEmpty()
                  || !(condition.get().equals(HEALTHY) || condition.get().equals(START))) {
                unheld.add(app.name());
              } else if (condition.get().equals(START)) {
                startedOnly.add(app.name());
              }
            });
    String place = Wording.place(workload);
    if (!unheld.isEmpty()) {
      String message =
          "App "
              + Wording.list(unheld)
              + " in "
              + place
              + " can start before its proxy "
              + proxy.name()
              + " is ready, so its first outbound calls can fail; add a dependsOn on "
              + proxy.name()
              + " with condition HEALTHY.";
      return Optional.of(
          new Finding(Severity.WARNING, CODE, workload.id(), Optional.of(proxy.name()), message));
    }
    if (!startedOnly.isEmpty()) {
      String message =
          "App "
              + Wording.list(startedOnly)
              + " in "
              + place
              + " waits only for its proxy "
              + proxy.name()
              + " to start, not to be healthy, so its first outbound calls can still fail;"
              + " use condition HEALTHY in its dependsOn.";
      return Optional.of(
          new Finding(Severity.INFO, CODE, workload.id(), Optional.of(proxy.name()), message));
    }
    return Optional.empty();
  }
}
