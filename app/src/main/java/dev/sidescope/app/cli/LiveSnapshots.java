package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.kubernetes.Kubeconfig;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import dev.sidescope.collectors.kubernetes.KubernetesSource;
import dev.sidescope.topology.model.TopologySnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code sidescope snapshot} with live sources: which kube contexts to watch, and how long to wait
 * for the runtime's sources (and any manifests) until every one has listed once or failed.
 *
 * <p>Runs on the command line's thread, which blocks while the sources and the store work on their
 * own threads.
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
   * Adds the planned contexts' sources to {@code runtime} (beside whatever it already has: files
   * read once, an ECS source) and waits until every source has listed once or failed, at most
   * {@link #DISCOVERY_CAP}; then for {@code watchFor} longer; and returns the last snapshot. Each
   * source that is not live gets one line on {@code err}. The caller closes the runtime.
   */
  static TopologySnapshot watch(
      SidescopeRuntime runtime,
      KubernetesPlan plan,
      Optional<String> namespace,
      Duration watchFor,
      Map<String, String> env,
      PrintWriter err,
      Optional<EnvoyReadings> envoy) {
    KubernetesSource.Settings settings =
        KubernetesSource.Settings.defaults(SidescopeRuntime.userAgent())
            .withNamespace(namespace)
            .withEnvironment(env);
    for (String context : plan.contexts()) {
      runtime.add(runtime.kubernetes(plan.kubeconfig().orElseThrow(), context, settings));
    }
    try {
      Optional<TopologySnapshot> discovered = runtime.awaitDiscovery(DISCOVERY_CAP);
      if (discovered.isEmpty()) {
        err.println(
            "sidescope: not every source had listed everything after "
                + DISCOVERY_CAP.toSeconds()
                + " s; printing what there is.");
      }
      if (envoy.isPresent()) {
        runtime.snapshotNow().get(DISCOVERY_CAP.toSeconds(), TimeUnit.SECONDS); // a base with all
        envoy.get().afterDiscovery();
      }
      if (!watchFor.isZero() && !watchFor.isNegative()) {
        TimeUnit.MILLISECONDS.sleep(watchFor.toMillis());
      }
      if (envoy.isPresent()) {
        envoy.get().awaitRates(err);
      }
      TopologySnapshot last =
          runtime.snapshotNow().get(DISCOVERY_CAP.toSeconds(), TimeUnit.SECONDS);
      OneShotSources.reportNotLive(last, err);
      err.flush();
      return last;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while watching the sources.", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new UserError("the snapshot could not be built; the details are in the log.", e);
    }
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
