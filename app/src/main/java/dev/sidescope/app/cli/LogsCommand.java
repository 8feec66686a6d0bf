package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.LogTails;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sidescope logs TARGET}: the app's and its sidecars' log lines, merged in time order, from
 * Kubernetes pod logs and CloudWatch Logs alike.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the log lines of a pod, an ECS task or a workload.",
      "The app's lines and its sidecars' come together, merged in time order, each after its pod"
          + " (or task) and container; a workload's are those of all its replicas.",
      "TARGET: a pod name, pod/NAME, deploy/NAME, sts/NAME, ds/NAME, job/NAME, ecs-service/NAME,"
          + " ecs-task/ID, or a snapshot's workload id; looked up in every namespace and ECS"
          + " cluster the sources see. Secrets in lines are masked unless --no-mask is given.",
      "Exit codes: 0 lines were read, 2 bad usage, target not found, no log could be read or the"
          + " lines could not be written."
    })
public final class LogsCommand implements Callable<Integer> {
  /** kubectl's durations: {@code 30s}, {@code 5m}, {@code 1h}, {@code 1h30m}. */
  private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  /** How long lines wait to be merged with other streams' before they are printed, following. */
  private static final Duration MERGE_WINDOW = Duration.ofMillis(300);

  /** The longest {@code logs} waits for every stream's lines when not following. */
  private static final Duration READ_CAP = Duration.ofSeconds(30);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TARGET", description = "What to read; see above.")
  String target;

  @Option(
      names = {"-c", "--container"},
      paramLabel = "NAME",
      description = "Only this container (repeatable; default: the app and every sidecar).")
  List<String> containers = List.of();

  @Option(
      names = "--since",
      paramLabel = "D",
      description =
          "Only lines newer than this, e.g. 30s, 5m, 1h (default: all the pod's log keeps; the"
              + " last 10 minutes of CloudWatch Logs).")
  String since;

  @Option(
      names = "--tail",
      paramLabel = "N",
      defaultValue = "100",
      description = "Lines already written to show per container (default: 100; -1: all).")
  int tail;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until interrupted.")
  boolean follow;

  @Option(
      names = {"-p", "--previous"},
      description = "The previous run of each container (Kubernetes), e.g. before a restart.")
  boolean previous;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "text (default), or json: one object a line.")
  LogPrinter.Format format;

  @Option(names = "--no-mask", description = "Show secrets in lines instead of masking them.")
  boolean noMask;

  @picocli.CommandLine.Mixin KubernetesOptions kubernetes = new KubernetesOptions();

  @Mixin EcsOptions ecs = new EcsOptions();

  @Override
  public Integer call() throws InterruptedException {
    Optional<Duration> window = since == null ? Optional.empty() : Optional.of(duration(since));
    if (tail < -1) {
      throw new UserError("--tail takes a number of lines, 0 or more (or -1 for all).");
    }
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = environment();
    LiveSnapshots.KubernetesRequest kube = kubernetes.request();
    boolean anySourceAsked = kube.asked() || ecs.anyGiven();
    LiveSnapshots.KubernetesPlan plan =
        kube.asked() || !anySourceAsked
            ? LiveSnapshots.planKubernetes(kube, env)
            : LiveSnapshots.KubernetesPlan.none("no Kubernetes source was asked for");
    List<String> skipped = new ArrayList<>();
    if (!anySourceAsked && plan.contexts().isEmpty()) {
      plan.skipped().ifPresent(why -> skipped.add(why + "; skipping Kubernetes"));
    }
    try (SidescopeRuntime runtime = SidescopeRuntime.create(Grouping.POD, Clock.systemUTC())) {
      Optional<EcsSource> ecsSource =
          ecs.anyGiven() || !anySourceAsked
              ? EcsDiscovery.source(runtime, ecs, env, why -> skipped.add(why + "; skipping ECS"))
              : Optional.empty();
      if (plan.contexts().isEmpty() && ecsSource.isEmpty()) {
        throw new UserError(
            "no source to read logs from: "
                + plan.skipped().orElse("nothing was asked for")
                + "; pass --kubeconfig FILE, --context CONTEXT or --aws-profile P.");
      }
      skipped.forEach(line -> err.println("sidescope: " + line + "."));
      if (ecsSource.isPresent()) {
        runtime.add(ecsSource.get());
        runtime
            .cloudwatchLogs(ecs.settings(env))
            .ifPresent(why -> err.println("sidescope: " + why + " Skipping CloudWatch Logs."));
      }
      for (String context : plan.contexts()) {
        try {
          runtime.kubernetesLogs(plan.kubeconfig().orElseThrow(), context);
        } catch (KubeconfigException e) {
          throw new UserError(e.getMessage(), e);
        }
      }
      LiveSnapshots.watch(
          runtime, plan, kubernetes.namespace(), Duration.ZERO, env, err, Optional.empty());
      List<Workload> everything =
          runtime.store().base().map(TopologyBase::workloads).orElse(List.of());
      List<Workload> workloads = LogTargets.resolve(target, everything);
      LogTailRequest request =
          new LogTailRequest(
              workloads,
              Set.copyOf(containers),
              window,
              tail < 0 ? Integer.MAX_VALUE : tail,
              follow,
              previous);
      int streams = streams(request);
      return print(runtime.logs(), request, streams, err);
    }
  }

  private int print(LogTails logs, LogTailRequest request, int streams, PrintWriter err)
      throws InterruptedException {
    LogPrinter printer = new LogPrinter(spec.commandLine().getOut(), format, colour(), !noMask);
    TailedLines received =
        new TailedLines(
            state -> {
              err.println("sidescope: " + state.stream().label() + ": " + state.sentence());
              err.flush();
            });
    try (LogTails.Tail ignored = logs.open(request, received)) {
      if (follow) {
        while (received.finished() < streams) {
          TimeUnit.MILLISECONDS.sleep(MERGE_WINDOW.toMillis());
          received.takeAll().forEach(printer::print);
          printer.flush();
        }
      } else if (!received.awaitFinished(streams, READ_CAP)) {
        err.println(
            "sidescope: not every container's log was read after "
                + READ_CAP.toSeconds()
                + " s; printing what there is.");
      }
    }
    List<LogLine> rest = received.takeAll();
    rest.forEach(printer::print);
    printer.flush();
    if (!received.anyRead()) {
      throw new UserError("no log of " + target + " could be read.");
    }
    return 0;
  }

  /** One stream per wanted container of each workload. */
  private int streams(LogTailRequest request) {
    int streams = 0;
    Set<String> names = new TreeSet<>();
    for (Workload w : request.workloads()) {
      for (var c : w.containers()) {
        names.add(c.spec().name());
        if (request.wants(c)) {
          streams++;
        }
      }
    }
    if (streams == 0) {
      throw new UserError(
          "no container "
              + String.join(", ", containers)
              + " in "
              + target
              + "; its containers are "
              + String.join(", ", names)
              + ".");
    }
    return streams;
  }

  /** Colour on a terminal only, and never with {@code NO_COLOR} set or a dumb terminal. */
  private boolean colour() {
    Map<String, String> env = environment();
    return System.console() != null
        && !env.containsKey("NO_COLOR")
        && !"dumb".equals(env.get("TERM"));
  }

  /** A kubectl duration: {@code 30s}, {@code 5m}, {@code 1h}, {@code 1h30m}. */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (text.isBlank() || !m.matches()) {
      throw new UserError(
          "--since takes a duration such as 30s, 5m, 1h or 1h30m, not '" + text + "'.");
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
    }
    if (d.isZero()) {
      throw new UserError("--since takes a duration longer than zero, such as 30s or 5m.");
    }
    return d;
  }

  private Map<String, String> environment() {
    if (spec.parent() != null && spec.parent().userObject() instanceof SidescopeCommand top) {
      return top.env;
    }
    return System.getenv();
  }
}
