package dev.sidescope.app.cli;

import dev.sidescope.samples.ClusterGenerator;
import dev.sidescope.topology.classify.SidecarClassifier;
import dev.sidescope.topology.edges.ManifestEdges;
import dev.sidescope.topology.findings.SidecarDoctor;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sidescope bench snapshot}: how long classifying and building a snapshot of a generated
 * cluster takes, and how much it allocates. Numbers for the README's performance section, not a
 * test: it asserts nothing.
 */
@Command(
    name = "bench",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Benchmarks: 'snapshot' classifies and builds a snapshot of a generated cluster.")
public final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Parameters(
      index = "0",
      paramLabel = "snapshot",
      description = "What to measure: snapshot.")
  String what;

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

  @Override
  public Integer call() {
    if (!what.equals("snapshot")) {
      throw new dev.sidescope.app.UserError(
          "unknown benchmark '" + what + "'; there is: snapshot.");
    }
    PrintWriter out = spec.commandLine().getOut();
    Observations cluster =
        ClusterGenerator.generate(ClusterGenerator.Spec.parse("pods=" + pods + ",seed=42"));
    SnapshotBuilder builder = SnapshotBuilder.standard(Clock.systemUTC());
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    int sidecars = 0;
    for (int i = 0; i < warmup; i++) {
      sidecars =
          (int)
              builder.build(cluster, Grouping.POD).workloads().stream()
                  .flatMap(w -> w.sidecars())
                  .count();
    }
    double[] millis = new double[runs];
    double[] megabytes = new double[runs];
    TopologySnapshot last = null;
    for (int i = 0; i < runs; i++) {
      long allocatedBefore = threads.getThreadAllocatedBytes(thread);
      long start = System.nanoTime();
      last = builder.build(cluster, Grouping.POD);
      millis[i] = (System.nanoTime() - start) / 1e6;
      megabytes[i] =
          (threads.getThreadAllocatedBytes(thread) - allocatedBefore) / (1024.0 * 1024.0);
    }
    Arrays.sort(millis);
    Arrays.sort(megabytes);
    out.printf(
        "snapshot of %d generated pods (%d sidecars, %d edges, %d findings)%n",
        last.workloads().size(), sidecars, last.edges().size(), last.findings().size());
    out.printf(
        "classify + build: median %.1f ms, min %.1f ms, max %.1f ms over %d runs (after %d warm-up runs)%n",
        millis[runs / 2], millis[0], millis[runs - 1], runs, warmup);
    out.printf("allocated per build: median %.1f MB%n", megabytes[runs / 2]);
    stages(cluster, out);
    out.printf("machine: %s%n", machine());
    return 0;
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
