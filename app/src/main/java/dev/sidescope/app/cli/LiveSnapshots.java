package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.collectors.kubernetes.Kubeconfig;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import dev.sidescope.collectors.kubernetes.KubernetesSource;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import dev.sidescope.topology.snapshot.TopologyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code sidescope snapshot} with live sources: which kube contexts to watch, and a store that
 * gathers what they (and any manifests) say until every source has listed once or failed.
 *
 * <p>Runs on the command line's thread, which blocks while the sources and the store work on their
 * own threads; everything is closed before it returns.
 */
final class LiveSnapshots {
  /** "Discovers once": every source has listed everything once, or failed, within this. */
  static final Duration DISCOVERY_CAP = Duration.ofSeconds(30);

  private LiveSnapshots() {}

  /** What the command line asked of Kubernetes. */
  record KubernetesRequest(
      Optional<Path> kubeconfig, List<String> contexts, Optional<String> namespace) {
    boolean asked() {
      return kubeconfig.isPresent() || !contexts.isEmpty() || namespace.isPresent();
    }
  }

  /**
   * The kube contexts to watch; none, with the reason, when the environment gives no usable
   * kubeconfig and none was asked for.
   */
  record KubernetesPlan(
      Optional<Kubeconfig> kubeconfig, List<String> contexts, Optional<String> skipped) {
    static KubernetesPlan none(String why) {
      return new KubernetesPlan(Optional.empty(), List.of(), Optional.of(why));
    }
  }

  /**
   * Reads the kubeconfig as kubectl does. When Kubernetes was asked for (a source flag), every
   * problem is a {@link UserError}; otherwise the current context is used if a kubeconfig exists,
   * and a problem only skips Kubernetes.
   */
  static KubernetesPlan planKubernetes(KubernetesRequest request, Map<String, String> env) {
    Path home = home(env);
    List<Path> files = Kubeconfig.locate(request.kubeconfig(), env, home);
    if (files.isEmpty()) {
      String why = Kubeconfig.noneFound(env, home);
      if (request.asked()) {
        throw new UserError(why + "; pass --kubeconfig FILE.");
      }
      return KubernetesPlan.none(why);
    }
    try {
      Kubeconfig kubeconfig = Kubeconfig.load(files);
      return new KubernetesPlan(
          Optional.of(kubeconfig), kubeconfig.select(request.contexts()), Optional.empty());
    } catch (KubeconfigException e) {
      if (request.asked()) {
        throw new UserError(e.getMessage(), e);
      }
      return KubernetesPlan.none(withoutPeriod(e.getMessage()));
    }
  }

  /**
   * Watches the planned contexts (and publishes the manifests' observations, if any) until every
   * source has listed once or failed, at most {@link #DISCOVERY_CAP}; then for {@code watchFor}
   * longer; and returns the last snapshot. Each source that is not live gets one line on {@code
   * err}.
   */
  static TopologySnapshot watch(
      KubernetesPlan plan,
      Optional<String> namespace,
      Map<String, Observations> fixed,
      Grouping grouping,
      Duration watchFor,
      Map<String, String> env,
      PrintWriter err) {
    Clock clock = Clock.systemUTC();
    KubernetesSource.Settings settings =
        KubernetesSource.Settings.defaults(userAgent())
            .withNamespace(namespace)
            .withEnvironment(env);
    List<KubernetesSource> sources = new ArrayList<>();
    try (TopologyStore store =
        TopologyStore.onOwnThread(SnapshotBuilder.standard(clock), grouping, clock)) {
      // Sources read once (files, one ECS poll) stand beside the live ones.
      fixed.forEach(store::publish);
      for (String context : plan.contexts()) {
        sources.add(
            new KubernetesSource(plan.kubeconfig().orElseThrow(), context, settings, store, clock));
      }
      sources.forEach(KubernetesSource::start);
      Set<String> ids = sources.stream().map(KubernetesSource::id).collect(Collectors.toSet());
      try {
        Optional<TopologySnapshot> discovered =
            store.awaitSnapshot(s -> everyoneListedOrFailed(s, ids), DISCOVERY_CAP);
        if (discovered.isEmpty()) {
          err.println(
              "sidescope: not every source had listed everything after "
                  + DISCOVERY_CAP.toSeconds()
                  + " s; printing what there is.");
        }
        if (!watchFor.isZero() && !watchFor.isNegative()) {
          TimeUnit.MILLISECONDS.sleep(watchFor.toMillis());
        }
        TopologySnapshot last = store.rebuild().get(DISCOVERY_CAP.toSeconds(), TimeUnit.SECONDS);
        EcsDiscovery.reportNotLive(last, err);
        err.flush();
        return last;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while watching the sources.", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new UserError("the snapshot could not be built; the details are in the log.", e);
      }
    } finally {
      sources.forEach(KubernetesSource::close);
    }
  }

  private static boolean everyoneListedOrFailed(TopologySnapshot snapshot, Set<String> ids) {
    long done =
        snapshot.sources().stream()
            .filter(s -> ids.contains(s.id()))
            .filter(s -> s.status() != SourceState.CONNECTING)
            .count();
    return done == ids.size();
  }

  /** {@code sidescope/<version>}: how Sidescope introduces itself to API servers. */
  static String userAgent() {
    Properties p = new Properties();
    try (InputStream in =
        LiveSnapshots.class.getResourceAsStream("/dev/sidescope/app/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // The version is a courtesy in the User-Agent; without it, still say who we are.
    }
    return "sidescope/" + p.getProperty("version", "dev");
  }

  static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      home = env.get("USERPROFILE");
    }
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
  }

  /** A sentence without its closing period, to be set inside another one. */
  static String withoutPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
