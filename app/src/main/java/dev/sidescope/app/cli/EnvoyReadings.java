package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import dev.sidescope.collectors.proxy.ProxySettings;
import dev.sidescope.collectors.proxy.ProxySource;
import dev.sidescope.collectors.proxy.ProxyTarget;
import dev.sidescope.collectors.proxy.ProxyTargets;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.proxy.ProxyReading;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sidescope snapshot}'s Envoy part: the proxy source with the {@code --envoy-admin} URLs,
 * started with the other sources so that it counts as one; with {@code --envoy-stats}, every proxy
 * sidecar the sources discovered added once they have, read through port-forwards of the first kube
 * context; and a wait for the second poll, which gives the rates.
 *
 * <p>Runs on the command line's thread; the source polls on its own.
 */
final class EnvoyReadings {
  private final SidescopeRuntime runtime;
  private final ProxySource source;
  private final List<ProxyTarget> direct;
  private final boolean discovered;
  private final Optional<String> namespace;
  private final ProxySettings settings;

  private EnvoyReadings(
      SidescopeRuntime runtime,
      ProxySource source,
      ProxySettings settings,
      List<ProxyTarget> direct,
      boolean discovered,
      Optional<String> namespace) {
    this.runtime = runtime;
    this.source = source;
    this.settings = settings;
    this.direct = direct;
    this.discovered = discovered;
    this.namespace = namespace;
  }

  /**
   * The proxy source the options ask for, if any; with admin URLs, it is added to {@code runtime}
   * now, as a source of its own.
   */
  static Optional<EnvoyReadings> plan(
      SidescopeRuntime runtime,
      EnvoyOptions options,
      LiveSnapshots.KubernetesPlan kubernetes,
      Optional<String> namespace) {
    if (!options.adminsGiven() && !options.discoveredWanted()) {
      return Optional.empty();
    }
    ProxySettings settings = ProxySettings.commandLine();
    List<ProxyTarget> direct = new ArrayList<>();
    for (URI url : options.adminUrls()) {
      direct.add(ProxyTarget.direct(ProxyTarget.Kind.ENVOY, url));
    }
    ProxySource source;
    if (options.discoveredWanted() && !kubernetes.contexts().isEmpty()) {
      try {
        source =
            runtime.proxies(
                settings, kubernetes.kubeconfig().orElseThrow(), kubernetes.contexts().get(0));
      } catch (KubeconfigException e) {
        throw new UserError(e.getMessage(), e);
      }
    } else {
      source = runtime.proxies(settings);
    }
    EnvoyReadings readings =
        new EnvoyReadings(runtime, source, settings, direct, options.discoveredWanted(), namespace);
    if (!direct.isEmpty()) {
      source.targets(direct);
      runtime.add(source);
    }
    return Optional.of(readings);
  }

  /**
   * With {@code --envoy-stats}: every proxy sidecar the sources discovered is read too. Taken from
   * the store's base, where pods are pods whatever {@code --group} asks for.
   */
  void afterDiscovery() {
    if (!discovered) {
      return;
    }
    List<Workload> workloads =
        runtime.store().base().map(TopologyBase::workloads).orElse(List.of());
    ProxyTargets found = ProxyTargets.fromWorkloads(workloads, namespace);
    List<ProxyTarget> all = new ArrayList<>(direct);
    all.addAll(found.targets());
    source.targets(new ProxyTargets(all, found.ecsProxies()));
    if (direct.isEmpty()) {
      runtime.add(source); // a round at once, then every interval
    } else {
      source.pollNow(); // the first reading of the sidecars just found, now
    }
  }

  /**
   * Waits until every sidecar read has been polled twice, so that its figures are rates, or until
   * the source can read none; at most two intervals and two timeouts. Says on {@code err} when the
   * rates did not come.
   */
  void awaitRates(PrintWriter err) throws InterruptedException {
    Duration cap = settings.interval().multipliedBy(2).plus(settings.timeout().multipliedBy(2));
    Optional<TopologySnapshot> measured = runtime.store().awaitSnapshot(this::ratesIn, cap);
    if (measured.isEmpty()) {
      err.println(
          "sidescope: Envoy's rates were not measured within "
              + cap.toSeconds()
              + " s; printing what there is.");
    }
  }

  private boolean ratesIn(TopologySnapshot s) {
    boolean down =
        s.sources().stream()
            .anyMatch(st -> st.id().equals(ProxySource.ID) && st.status() == SourceState.DOWN);
    if (down) {
      return true;
    }
    Map<String, ProxyReading> readings = s.overlays().all(OverlayKeys.PROXY_READINGS);
    return !readings.isEmpty() && readings.values().stream().noneMatch(ProxyReading::measuring);
  }
}
