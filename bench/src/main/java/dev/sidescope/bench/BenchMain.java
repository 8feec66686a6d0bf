package dev.sidescope.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.sidescope.app.AppDirs;
import dev.sidescope.app.Main;
import dev.sidescope.app.UserError;
import dev.sidescope.app.cli.SidescopeCommand;
import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.kubernetes.Kubeconfig;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import dev.sidescope.collectors.kubernetes.KubernetesSource;
import dev.sidescope.samples.generate.ClusterGenerator;
import dev.sidescope.topology.classify.SidecarClassifier;
import dev.sidescope.topology.edges.ManifestEdges;
import dev.sidescope.topology.findings.SidecarDoctor;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.EdgeTraffic;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.overlay.OverlayPipeline;
import dev.sidescope.topology.picture.TopologyPicture;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import dev.sidescope.views.settings.ConsoleSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sidescope bench}: the benchmarks behind the README's performance figures — how long
 * classifying and building a snapshot of a generated cluster takes and how much it allocates, the
 * overlay stage alone, the live Kubernetes source against a served cluster and the floor under it,
 * and the console's layout and FX-thread stalls. Numbers, not tests: they assert nothing.
 *
 * <p>Its own entry point, in a module the installed app does not carry; the launcher runs it for
 * {@code ./sidescope bench ...}. It reuses the app's log file and error handling, so that a problem
 * is one sentence on stderr and exit code 2, as everywhere else.
 */
@Command(
    name = "sidescope bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks: 'snapshot' classifies and builds a snapshot of a generated cluster;"
            + " 'console' lays one out and measures the console's FX thread while it renders and"
            + " pans; 'live' changes the numbers on its arrows every second and measures the"
            + " frames (both need a display, e.g. Xvfb); 'xray-daemon' measures the local X-Ray"
            + " daemon port's ingest rate and its loss over UDP; 'envoy-parse' reads a"
            + " 100,000-line Envoy /stats with JMH; 'logs' feeds the Logs tab's view lines at a"
            + " fixed rate and measures what it takes in, its frames and its heap.")
public final class BenchMain implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Main.exitWith(args, BenchMain::run);
  }

  /**
   * Runs one benchmark's command line and returns its exit code: 0 measured, 2 bad usage or a
   * problem said in one sentence on {@code err}. Tests call this in-process.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    AppDirs dirs = Main.openLog(Optional.empty(), env);
    return SidescopeCommand.handlingErrors(new CommandLine(new BenchMain()), dirs, out, err)
        .execute(args);
  }

  @CommandLine.Parameters(
      index = "0",
      paramLabel =
          "snapshot|finish|kubernetes|kubernetes-lists|console|live|xray-daemon|envoy-parse|"
              + "envoy-poll|logs",
      description =
          "What to measure: snapshot (classify and build), finish (the overlay stage and"
              + " grouping alone, over a built base, at --group), kubernetes (source start to first"
              + " complete snapshot against --kubeconfig, and heap after GC), kubernetes-lists"
              + " (only fetching and reading the same lists, the floor under the source's time),"
              + " console (layout time and FX-thread stalls of a generated picture of about"
              + " --nodes nodes), or live (frame times while the numbers on that picture's arrows"
              + " change every second for --live-seconds), or xray-daemon (segments a second the"
              + " daemon port takes with percentiles kept per call, and what it counts of"
              + " --udp-rate segments a second sent over loopback for --udp-seconds), or"
              + " envoy-parse (JMH: reading a 100,000-line Envoy /stats text, beside only"
              + " splitting it into lines), or envoy-poll (the CPU this process spends polling"
              + " --sidecars Envoy admin APIs of a generated sample every 5 s for --poll-seconds),"
              + " or logs (lines a second the Logs tab's buffers and view take in at --log-rate,"
              + " its frame times, and the heap after GC at 1 minute and after --log-seconds;"
              + " needs a display).")
  String what;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "For kubernetes: the cluster to read, e.g. a served generated sample's.")
  Path kubeconfig;

  @Option(
      names = "--pods",
      defaultValue = "20000",
      description = "Pods to generate (default 20000).")
  int pods;

  @Option(
      names = "--runs",
      defaultValue = "20",
      description = "Measured runs after warm-up (default 20).")
  int runs;

  @Option(names = "--warmup", defaultValue = "10", description = "Warm-up runs (default 10).")
  int warmup;

  @Option(
      names = "--sidecars",
      defaultValue = "100",
      description = "For envoy-poll: Envoy sidecars to poll (default 100, at most 256).")
  int sidecars;

  @Option(
      names = "--poll-seconds",
      defaultValue = "60",
      description = "For envoy-poll: how long each part is measured (default 60).")
  int pollSeconds;

  @Option(
      names = "--group",
      paramLabel = "pod|workload|service",
      description =
          "For snapshot and finish: the grouping (default pod for snapshot, workload for finish).")
  Grouping group;

  @Option(
      names = "--measured",
      defaultValue = "0.01",
      description =
          "For finish: the fraction of upstream and telemetry edges an overlay source measured"
              + " (default 0.01).")
  double measuredFraction;

  @Option(
      names = "--nodes",
      defaultValue = "2000",
      description = "For console: about how many nodes the picture draws (default 2000).")
  int nodes;

  @Option(
      names = "--pan-seconds",
      defaultValue = "4",
      description = "For console: how long each pan phase lasts (default 4).")
  double panSeconds;

  @Option(
      names = "--segments",
      defaultValue = "1000000",
      description = "For xray-daemon: segments per timed ingest round (default 1000000).")
  int segments;

  @Option(
      names = "--udp-rate",
      defaultValue = "20000",
      description = "For xray-daemon: segments a second sent over UDP; 0 skips it (default 20000).")
  int udpRate;

  @Option(
      names = "--udp-seconds",
      defaultValue = "5",
      description = "For xray-daemon: how long the UDP part sends (default 5).")
  int udpSeconds;

  @Option(
      names = "--live-seconds",
      defaultValue = "60",
      description =
          "For live: how long the numbers change, half at 100% zoom panning, half with the whole"
              + " picture in view (default 60; less for CI).")
  double liveSeconds;

  @Option(
      names = "--log-rate",
      defaultValue = "100000",
      description = "For logs: lines a second offered to the view (default 100000).")
  int logRate;

  @Option(
      names = "--log-seconds",
      defaultValue = "300",
      description = "For logs: how long the lines flow (default 300; less for CI).")
  int logSeconds;

  @Option(
      names = "--log-replicas",
      defaultValue = "2",
      description =
          "For logs: pods of the workload followed, each with an app and three sidecars (default"
              + " 2: eight streams).")
  int logReplicas;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (what.equals("kubernetes")) {
      return againstKubeconfig(what, out, config -> kubernetes(config, out));
    }
    if (what.equals("kubernetes-lists")) {
      return againstKubeconfig(what, out, config -> ListReadingFloor.run(config, out));
    }
    if (what.equals("console")) {
      return console(out);
    }
    if (what.equals("live")) {
      return live(out);
    }
    if (what.equals("finish")) {
      return finish(out);
    }
    if (what.equals("envoy-poll")) {
      try {
        EnvoyPollBench.run(out, sidecars, pollSeconds);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while polling the sample's Envoys.", e);
      } catch (Exception e) {
        throw new UserError("polling Envoys could not be measured; the log has the details.", e);
      }
      return 0;
    }
    if (what.equals("logs")) {
      if (logRate < 1 || logSeconds < 1 || logReplicas < 1) {
        throw new UserError("--log-rate, --log-seconds and --log-replicas take 1 or more.");
      }
      try {
        LogIngestBench.run(
            out, logRate, logReplicas, logSeconds, ConsoleSettings.DEFAULT_LOG_BUFFER_LINES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while feeding the Logs view.", e);
      }
      return 0;
    }
    if (what.equals("envoy-parse")) {
      try {
        EnvoyParseRun.run(out, runs, warmup);
      } catch (Exception e) {
        throw new UserError(
            "reading Envoy stats could not be measured; the log has the details.", e);
      }
      return 0;
    }
    if (what.equals("xray-daemon")) {
      if (segments < 1 || udpRate < 0 || udpSeconds < 1) {
        throw new UserError("--segments and --udp-seconds take 1 or more, --udp-rate 0 or more.");
      }
      try {
        XRayDaemonBench.run(out, segments, udpRate, udpSeconds);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while measuring the daemon port.", e);
      } catch (Exception e) {
        throw new UserError("the daemon port could not be measured; the log has the details.", e);
      }
      return 0;
    }
    if (!what.equals("snapshot")) {
      throw new UserError(
          "unknown benchmark '"
              + what
              + "'; there are: snapshot, finish, kubernetes, kubernetes-lists, console, live,"
              + " xray-daemon, envoy-parse, envoy-poll, logs.");
    }
    Observations cluster =
        ClusterGenerator.generate(ClusterGenerator.Spec.parse("pods=" + pods + ",seed=42"));
    SnapshotBuilder builder = SidescopeRuntime.builder(Clock.systemUTC());
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    Grouping grouping = group == null ? Grouping.POD : group;
    int sidecars = 0;
    for (int i = 0; i < warmup; i++) {
      sidecars =
          (int)
              builder.build(cluster, Grouping.POD).workloads().stream()
                  .flatMap(w -> w.sidecars())
                  .count();
    }
    for (int i = 0; i < warmup && grouping != Grouping.POD; i++) {
      builder.build(cluster, grouping);
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] millis = new double[runs];
    double[] cpuMillis = new double[runs];
    double[] megabytes = new double[runs];
    TopologySnapshot last = null;
    for (int i = 0; i < runs; i++) {
      long allocatedBefore = allocated(threads);
      long cpuBefore = os.getProcessCpuTime();
      long start = System.nanoTime();
      last = builder.build(cluster, grouping);
      millis[i] = (System.nanoTime() - start) / 1e6;
      cpuMillis[i] = (os.getProcessCpuTime() - cpuBefore) / 1e6;
      megabytes[i] = (allocated(threads) - allocatedBefore) / (1024.0 * 1024.0);
    }
    Arrays.sort(millis);
    Arrays.sort(cpuMillis);
    Arrays.sort(megabytes);
    if (grouping == Grouping.POD) {
      out.printf(
          "snapshot of %d generated pods (%d sidecars, %d edges, %d findings)%n",
          last.workloads().size(), sidecars, last.edges().size(), last.findings().size());
    } else {
      out.printf(
          "snapshot of %d generated pods (%d sidecars) grouped by %s: %d boxes, %d edges,"
              + " %d findings%n",
          cluster.workloads().size(),
          sidecars,
          grouping.wireName(),
          last.workloads().size(),
          last.edges().size(),
          last.findings().size());
    }
    out.printf(
        "classify + build: median %.1f ms, min %.1f ms, max %.1f ms over %d runs (after %d warm-up runs)%n",
        millis[runs / 2], millis[0], millis[runs - 1], runs, warmup);
    out.printf(
        "CPU per build (every thread of the process, GC included): median %.1f ms%n",
        cpuMillis[runs / 2]);
    out.printf("allocated per build (every thread): median %.1f MB%n", megabytes[runs / 2]);
    stages(cluster, out);
    out.printf("machine: %s%n", machine());
    return 0;
  }

  /**
   * The finish alone: what the store runs when only measurements, statuses or the grouping changed.
   * The base of the generated cluster is built once; each run then passes the appenders over it,
   * with traffic measured on a fraction of its edges, and groups the result.
   */
  private int finish(PrintWriter out) {
    Observations cluster =
        ClusterGenerator.generate(ClusterGenerator.Spec.parse("pods=" + pods + ",seed=42"));
    SnapshotBuilder builder = SidescopeRuntime.builder(Clock.systemUTC());
    TopologyBase base = builder.base(cluster);
    OverlayData measured = measuredTraffic(base, measuredFraction);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    TopologySnapshot last = null;
    for (int i = 0; i < warmup; i++) {
      last = builder.finish(base, cluster.sources(), measured, finishGrouping());
    }
    double[] millis = new double[runs];
    double[] megabytes = new double[runs];
    for (int i = 0; i < runs; i++) {
      long allocatedBefore = allocated(threads);
      long start = System.nanoTime();
      last = builder.finish(base, cluster.sources(), measured, finishGrouping());
      millis[i] = (System.nanoTime() - start) / 1e6;
      megabytes[i] = (allocated(threads) - allocatedBefore) / (1024.0 * 1024.0);
    }
    Arrays.sort(millis);
    Arrays.sort(megabytes);
    out.printf(
        "base of %d generated pods (%d edges, %d findings), %d edges measured%n",
        base.workloads().size(),
        base.edges().size(),
        base.findings().size(),
        measured.all(OverlayKeys.EDGE_TRAFFIC).size());
    out.printf(
        "finish (appenders %s, then grouping by %s) -> %d boxes, %d edges, %d findings%n",
        OverlayPipeline.standard().names(),
        finishGrouping().wireName(),
        last.workloads().size(),
        last.edges().size(),
        last.findings().size());
    out.printf(
        "finish: median %.1f ms, min %.1f ms, max %.1f ms over %d runs (after %d warm-up runs)%n",
        millis[runs / 2], millis[0], millis[runs - 1], runs, warmup);
    out.printf("allocated per finish (every thread): median %.1f MB%n", megabytes[runs / 2]);
    out.printf("machine: %s%n", machine());
    return 0;
  }

  private Grouping finishGrouping() {
    return group == null ? Grouping.WORKLOAD : group;
  }

  /** Traffic on every n-th upstream or telemetry edge, as an overlay source would measure it. */
  static OverlayData measuredTraffic(TopologyBase base, double fraction) {
    OverlayData.Builder measured = OverlayData.builder();
    if (fraction <= 0) {
      return measured.build();
    }
    int every = (int) Math.max(1, Math.round(1 / fraction));
    int seen = 0;
    for (Edge e : base.edges()) {
      if (e.kind() != EdgeKind.UPSTREAM && e.kind() != EdgeKind.TELEMETRY) {
        continue;
      }
      if (seen++ % every == 0) {
        measured.put(
            e.key(),
            OverlayKeys.EDGE_TRAFFIC,
            new EdgeTraffic(
                new EdgeMetrics(
                    OptionalDouble.of(10 + seen % 7),
                    OptionalDouble.of(20),
                    OptionalDouble.of(60),
                    OptionalDouble.of(150 + seen % 50),
                    OptionalDouble.of(0.001 * (seen % 5))),
                Evidence.XRAY));
      }
    }
    return measured.build();
  }

  /**
   * A generated cluster sized so that its picture draws about {@link #nodes} nodes (boxes,
   * containers and outside nodes), laid out and shown in a real console window.
   */
  private int console(PrintWriter out) {
    if (nodes < 10 || runs < 1) {
      throw new UserError("--nodes must be at least 10 and --runs at least 1.");
    }
    needsDisplay("console");
    TopologySnapshot snapshot = generatedPicture(out);
    Path scratch = scratch("sidescope-bench-console-");
    int layoutRuns = Math.min(runs, 10);
    ConsoleBench.Result r;
    try {
      r =
          ConsoleBench.run(
              snapshot,
              scratch,
              layoutRuns,
              panSeconds,
              line -> {
                out.println("  ... " + line);
                out.flush();
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    double[] l = r.layoutMillis();
    out.printf(
        "picture: %d nodes drawn (boxes, containers, outside), %d edges%n",
        r.drawnNodes(), r.drawnEdges());
    out.printf(
        "full layout on a worker thread: median %.0f ms, min %.0f ms, max %.0f ms over %d runs"
            + " (after 2 warm-up)%n",
        l[l.length / 2], l[0], l[l.length - 1], l.length);
    out.printf(
        "snapshot handed to the console -> picture applied on the FX thread: %.0f ms%n",
        r.firstPictureMillis());
    out.println("FX-thread pulse gaps (a frame is ~16.7 ms; a longer gap is a stall):");
    printGaps(out, r.phases());
    out.printf("machine: %s%n", machine());
    return 0;
  }

  /**
   * The picture of {@link #console}, its arrows' numbers changed every second for {@link
   * #liveSeconds}: frame times, and how often the picture was laid out again (it should not be).
   */
  private int live(PrintWriter out) {
    if (nodes < 10 || !(liveSeconds >= 2)) {
      throw new UserError("--nodes must be at least 10 and --live-seconds at least 2.");
    }
    needsDisplay("live");
    TopologySnapshot snapshot = generatedPicture(out);
    Path scratch = scratch("sidescope-bench-live-");
    LiveTrafficBench.Result r;
    try {
      r =
          LiveTrafficBench.run(
              snapshot,
              scratch,
              liveSeconds,
              line -> {
                out.println("  ... " + line);
                out.flush();
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    out.printf(
        "live: %d arrows' numbers changed every second; %d updates delivered, %d applied,"
            + " %d layouts while they changed%n",
        r.measuredEdges(), r.delivered(), r.updates(), r.relayouts());
    out.println("FX-thread frame times (pulse gaps; a frame is ~16.7 ms, goal p99 <= 50 ms):");
    printGaps(out, r.phases());
    double[] all =
        r.phases().stream()
            .filter(g -> g.phase().startsWith("live"))
            .flatMapToDouble(g -> Arrays.stream(g.millis()))
            .sorted()
            .toArray();
    double liveSeconds =
        r.phases().stream()
            .filter(g -> g.phase().startsWith("live"))
            .mapToDouble(ConsoleBench.Gaps::seconds)
            .sum();
    printGaps(out, List.of(new ConsoleBench.Gaps("all live frames", all, liveSeconds)));
    out.printf("machine: %s%n", machine());
    return 0;
  }

  private static void printGaps(PrintWriter out, List<ConsoleBench.Gaps> phases) {
    for (ConsoleBench.Gaps g : phases) {
      out.printf(
          "  %-58s %4d frames in %4.1f s: median %5.1f ms, p99 %6.1f ms, max %6.1f ms,"
              + " %d over 50 ms%n",
          g.phase(), g.millis().length, g.seconds(), g.median(), g.p99(), g.max(), g.over(50));
    }
  }

  private static void needsDisplay(String what) {
    if (System.getProperty("os.name").startsWith("Linux")
        && System.getenv("DISPLAY") == null
        && System.getenv("WAYLAND_DISPLAY") == null) {
      throw new UserError(
          "bench " + what + " needs a display; run it under xvfb-run on a machine without one.");
    }
  }

  private static Path scratch(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UserError("cannot create a temporary folder: " + e.getMessage(), e);
    }
  }

  /** A generated cluster whose picture draws about {@link #nodes} nodes, by pod. */
  private TopologySnapshot generatedPicture(PrintWriter out) {
    SnapshotBuilder builder = SidescopeRuntime.builder(Clock.systemUTC());
    int pods = Math.max(1, nodes / 5);
    TopologySnapshot snapshot = null;
    int drawn = 0;
    for (int attempt = 0; attempt < 6; attempt++) {
      snapshot =
          builder.build(
              ClusterGenerator.generate(ClusterGenerator.Spec.parse("pods=" + pods + ",seed=42")),
              Grouping.POD);
      TopologyPicture picture = TopologyPicture.of(snapshot);
      drawn = picture.boxes().size() + (int) picture.nodes().count();
      if (Math.abs(drawn - nodes) <= nodes / 50) {
        break;
      }
      pods = Math.max(1, (int) Math.round(pods * (double) nodes / drawn));
    }
    out.printf(
        "generated cluster of %d pods: %d workloads, %d findings%n",
        pods, snapshot.workloads().size(), snapshot.findings().size());
    out.flush();
    return snapshot;
  }

  /**
   * Time from the source's start to its first complete snapshot (every informer listed: the source
   * live or degraded, not connecting and not down); then the heap after GC, and the CPU time this
   * process spent, which says more than the wall time on a machine shared with other work.
   */
  private void kubernetes(Kubeconfig config, PrintWriter out)
      throws KubeconfigException, InterruptedException {
    Clock clock = Clock.systemUTC();
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    try (SidescopeRuntime runtime = SidescopeRuntime.create(Grouping.POD, clock)) {
      KubernetesSource source =
          runtime.kubernetes(
              config,
              config.select(List.of()).get(0),
              KubernetesSource.Settings.defaults(SidescopeRuntime.userAgent()));
      runtime.add(source);
      TopologySnapshot first =
          runtime
              .store()
              .awaitSnapshot(
                  s ->
                      s.sources().stream()
                          .anyMatch(st -> st.id().equals(source.id()) && complete(st.status())),
                  Duration.ofSeconds(180))
              .orElseThrow(() -> new UserError("no complete snapshot within 180 s."));
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
      System.gc();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      out.printf(
          "first complete snapshot: %d workloads, %d edges, %d findings after %.2f s (source %s)%n",
          first.workloads().size(),
          first.edges().size(),
          first.findings().size(),
          seconds,
          first.sources().get(0).status().wireName());
      out.printf(
          "CPU time of this process meanwhile: %.1f s (JIT compilers and GC included)%n",
          cpuSeconds);
      out.printf("heap after GC: %.0f MB%n", heap / (1024.0 * 1024.0));
    }
  }

  /** A benchmark against the cluster of {@code --kubeconfig}. */
  @FunctionalInterface
  private interface ClusterBench {
    void run(Kubeconfig config) throws KubeconfigException, InterruptedException;
  }

  /**
   * Runs a benchmark against {@code --kubeconfig}'s cluster (the source's own, or {@link
   * ListReadingFloor}, the floor under it), then names the machine.
   */
  private int againstKubeconfig(String name, PrintWriter out, ClusterBench bench) {
    if (kubeconfig == null) {
      throw new UserError("bench " + name + " needs --kubeconfig FILE.");
    }
    try {
      bench.run(Kubeconfig.load(List.of(kubeconfig)));
      out.printf("machine: %s%n", machine());
    } catch (KubeconfigException e) {
      throw new UserError(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    return 0;
  }

  private static boolean complete(SourceState state) {
    return state == SourceState.LIVE || state == SourceState.DEGRADED;
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Where the time goes: each stage of the pipeline alone, median of the measured runs. */
  private void stages(Observations cluster, PrintWriter out) {
    SidecarClassifier classifier = new SidecarClassifier();
    SidecarDoctor doctor = new SidecarDoctor();
    ManifestEdges edges = new ManifestEdges();
    List<Workload> workloads = new ArrayList<>();
    double[] classify = new double[runs];
    double[] derive = new double[runs];
    double[] examine = new double[runs];
    for (int i = 0; i < warmup + runs; i++) {
      long t0 = System.nanoTime();
      workloads.clear();
      for (WorkloadSpec spec : cluster.workloads()) {
        workloads.add(new Workload(spec, classifier.classify(spec)));
      }
      long t1 = System.nanoTime();
      edges.derive(workloads, cluster.services(), cluster.meshNodes());
      long t2 = System.nanoTime();
      doctor.examine(workloads, cluster.services());
      long t3 = System.nanoTime();
      if (i >= warmup) {
        classify[i - warmup] = (t1 - t0) / 1e6;
        derive[i - warmup] = (t2 - t1) / 1e6;
        examine[i - warmup] = (t3 - t2) / 1e6;
      }
    }
    Arrays.sort(classify);
    Arrays.sort(derive);
    Arrays.sort(examine);
    out.printf(
        "stages (median): classify %.1f ms, edges %.1f ms, doctor %.1f ms%n",
        classify[runs / 2], derive[runs / 2], examine[runs / 2]);
  }

  /** Bytes allocated so far by every live thread (the build's helper thread included). */
  private static long allocated(ThreadMXBean threads) {
    long sum = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(bytes, 0);
    }
    return sum;
  }

  static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
    } catch (IOException | RuntimeException notLinux) {
      cpu = System.getProperty("os.arch");
    }
    long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return String.format(
        "%s, %d cores, %s %s, Java %s, max heap %d MB",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.version"),
        heapMb);
  }
}
