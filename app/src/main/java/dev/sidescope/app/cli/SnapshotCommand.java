package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.collectors.manifests.ManifestReader;
import dev.sidescope.collectors.xray.api.XRayApiSource;
import dev.sidescope.collectors.xray.daemon.XRayDaemonSettings;
import dev.sidescope.collectors.xray.daemon.XRayDaemonSource;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sidescope snapshot}: discover once (or for N seconds) and print the topology. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {
      "Discovers once and prints the topology and its findings.",
      "It prints the containers, classified as app, sidecar or init, their edges to upstreams and"
          + " to the AWS services sidecars feed, and the sidecar doctor's findings.",
      "Sources: live kube contexts, ECS clusters and/or manifest files. With no source flag, the"
          + " current kube context and the AWS environment are used where found. A source that is"
          + " down still prints, its status in the output.",
      "Exit codes: 0 printed, 1 --fail-on matched a finding, 2 bad usage, unreadable input, no"
          + " usable source or output that could not be written."
    })
public final class SnapshotCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--manifests",
      paramLabel = "DIR|FILE",
      description =
          "Kubernetes YAML and ECS task-definition JSON files, or folders of them (repeatable)."
              + " No cluster needed. Each file is read as UTF-8 text (UTF-16 with a byte order"
              + " mark), up to "
              + ManifestReader.MAX_FILE_BYTES / (1024 * 1024)
              + " MB.")
  List<Path> manifests = List.of();

  @picocli.CommandLine.Mixin KubernetesOptions kubernetes = new KubernetesOptions();

  @picocli.CommandLine.Mixin EcsOptions ecs = new EcsOptions();

  @picocli.CommandLine.Mixin XRayOptions xray = new XRayOptions();

  @picocli.CommandLine.Mixin EnvoyOptions envoy = new EnvoyOptions();

  @Option(
      names = "--watch-seconds",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "After discovering, keep watching N seconds and print the last snapshot (default: 0).")
  int watchSeconds;

  @Option(
      names = "--group",
      paramLabel = "pod|workload|service",
      defaultValue = "pod",
      description = "One box per pod or task (default), per owner, or per Service.")
  Grouping group;

  @Option(
      names = "--format",
      paramLabel = "json|mermaid|dot",
      defaultValue = "json",
      description = "Output format (default: json, the sidescope.snapshot/v1 contract).")
  OutputFormat format;

  @Option(
      names = "--fail-on",
      paramLabel = "error|warning",
      description = "Exit with 1 when a finding of this severity or worse is present.")
  Severity failOn;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Write to this file instead of stdout: a regular file is replaced whole; a link, device"
              + " or pipe is written through; its folder must exist.")
  Path out;

  @Override
  public Integer call() {
    if (failOn == Severity.INFO) {
      throw new UserError("--fail-on takes error or warning.");
    }
    if (watchSeconds < 0) {
      throw new UserError("--watch-seconds takes a number of seconds, 0 or more.");
    }
    if (manifests.stream().anyMatch(path -> path.toString().isEmpty())) {
      // An empty path resolves to the current folder, which would be linted without a word.
      throw new UserError("--manifests needs a file or folder; an empty path was given.");
    }
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = environment();
    LiveSnapshots.KubernetesRequest kube = kubernetes.request();
    Optional<XRayDaemonSettings> daemon = xray.daemonSettings();
    List<java.net.URI> envoyAdmins = envoy.adminUrls(); // a bad URL is said before anything starts
    boolean anySourceAsked =
        kube.asked()
            || ecs.anyGiven()
            || !manifests.isEmpty()
            || daemon.isPresent()
            || !envoyAdmins.isEmpty();
    // --manifests alone reads files only; a source flag brings its source in; no flag at all
    // brings in whatever the environment offers, skipping the rest with one line each.
    LiveSnapshots.KubernetesPlan plan =
        kube.asked() || !anySourceAsked
            ? LiveSnapshots.planKubernetes(kube, env)
            : LiveSnapshots.KubernetesPlan.none("no Kubernetes source was asked for");
    List<String> skipped = new ArrayList<>();
    if (!anySourceAsked && plan.contexts().isEmpty()) {
      plan.skipped().ifPresent(why -> skipped.add(why + "; skipping Kubernetes"));
    }
    TopologySnapshot snapshot;
    Optional<ManifestSnapshots.Read> manifestRead = Optional.empty();
    try (SidescopeRuntime runtime = SidescopeRuntime.create(group, Clock.systemUTC())) {
      Optional<EcsSource> ecsSource =
          ecs.anyGiven() || !anySourceAsked
              ? EcsDiscovery.source(runtime, ecs, env, why -> skipped.add(why + "; skipping ECS"))
              : Optional.empty();
      if (plan.contexts().isEmpty()
          && manifests.isEmpty()
          && ecsSource.isEmpty()
          && daemon.isEmpty()
          && envoyAdmins.isEmpty()) {
        String why =
            skipped.isEmpty()
                ? plan.skipped().orElse("nothing was asked for")
                : String.join(
                    ", and ", skipped.stream().map(r -> r.substring(0, r.indexOf(';'))).toList());
        throw new UserError(
            "no source to read: "
                + why
                + "; pass --kubeconfig FILE, --context CONTEXT, --aws-profile P, --xray-daemon,"
                + " --envoy-admin URL, or --manifests DIR.");
      }
      skipped.forEach(line -> err.println("sidescope: " + line + "."));
      try {
        if (!manifests.isEmpty()) {
          manifestRead = Optional.of(ManifestSnapshots.observations(manifests, err));
          runtime.publishOnce("manifests", manifestRead.get().observations());
        }
      } finally {
        // A source that was made is the runtime's to close, even when the manifests fail.
        ecsSource.ifPresent(runtime::add);
      }
      // A daemon port is a source of its own: it opens only when asked for.
      if (daemon.isPresent()) {
        XRayDaemonSource port = runtime.xrayDaemon(daemon.get());
        runtime.add(port);
        sayListening(port, err);
      }
      if (ecsSource.isPresent() && xray.apiWanted()) {
        // Wherever ECS is read, X-Ray is read beside it, with the same credentials and region.
        XRayApiSource.Resolution api =
            runtime.xrayApi(ecs.xraySettings(env, xray.window(), xray.refresh()));
        api.whyAbsent().ifPresent(why -> err.println("sidescope: " + why + " Skipping X-Ray."));
        api.available().ifPresent(runtime::add);
      }
      Optional<EnvoyReadings> envoyReadings =
          EnvoyReadings.plan(runtime, envoy, plan, kubernetes.namespace());
      snapshot =
          LiveSnapshots.watch(
              runtime,
              plan,
              kubernetes.namespace(),
              Duration.ofSeconds(watchSeconds),
              env,
              err,
              envoyReadings);
    }
    // A file that could not be read fails --fail-on like any other error: a lint that passes a
    // broken manifest is a green build on it.
    if (manifestRead.isPresent()) {
      snapshot = manifestRead.get().addFindingsTo(snapshot);
    }
    SnapshotOutput.write(format.render(snapshot), out, spec.commandLine().getOut());
    if (OneShotSources.noneReached(snapshot)) {
      err.println(OneShotSources.NONE_REACHED);
      return 2;
    }
    if (failOn != null
        && snapshot.findings().stream().anyMatch(f -> f.severity().atLeast(failOn))) {
      return 1;
    }
    return 0;
  }

  /**
   * One line on stderr once the daemon port listens, so that a person (or a script) knows when to
   * start sending; a port that cannot be bound says so in the source's status instead.
   */
  private static void sayListening(XRayDaemonSource port, PrintWriter err) {
    try {
      InetSocketAddress at = port.localAddress().get(5, TimeUnit.SECONDS);
      err.println(
          "sidescope: listening for X-Ray segments on UDP "
              + at.getAddress().getHostAddress()
              + ":"
              + at.getPort()
              + ".");
      err.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Not bound: the source's status says why, and is reported with the others.
    }
  }

  /** The environment {@code Main.run} was given: the process's, or a test's. */
  private Map<String, String> environment() {
    if (spec.parent() != null && spec.parent().userObject() instanceof SidescopeCommand top) {
      return top.env;
    }
    return System.getenv();
  }
}
