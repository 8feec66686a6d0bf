package dev.sidescope.bench;

import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.source.LogTails;
import dev.sidescope.views.fx.LogView;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * {@code sidescope bench logs}: a producer behind the log-tail port feeds realistic lines (Envoy
 * access lines, an app's JSON, Fluent Bit's and the X-Ray daemon's own lines, in the sample's
 * formats) at a fixed rate into the Logs tab's own buffers and view, open and following in a
 * window, and measures the lines the view took in, the FX thread's frame times meanwhile, and the
 * heap after a full GC at one minute and at the end.
 *
 * <p>The workload is one box of replicas, each with an app, an Envoy, Fluent Bit and an X-Ray
 * daemon; its streams share the rate, so that each stays under its flood gate and every line
 * offered is one the view is meant to take.
 */
final class LogIngestBench {
  private static final DateTimeFormatter FLUENT_BIT_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** How often the producer hands each stream a batch. */
  private static final long TICK_NANOS = 10_000_000L;

  /** Distinct texts made per stream up front, cycled with fresh times. */
  private static final int TEXTS = 2048;

  private LogIngestBench() {}

  static void run(PrintWriter out, int rate, int replicas, int seconds, int bufferLines)
      throws InterruptedException {
    List<WorkloadSpec> pods = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      String pod = "checkout-7c9d6b5f4-" + (10_000 + i);
      pods.add(
          new WorkloadSpec(
              "kubernetes/bench/shop/" + pod,
              dev.sidescope.topology.model.Platform.KUBERNETES,
              "kubernetes/bench",
              "shop",
              pod,
              Optional.of("Deployment/checkout"),
              Map.of("app", "checkout"),
              Map.of(),
              List.of(
                  ContainerSpec.builder("checkout", "registry.example.com/checkout:2.4.1").build(),
                  ContainerSpec.builder("envoy", "envoyproxy/envoy:v1.31.2").build(),
                  ContainerSpec.builder("fluent-bit", "fluent/fluent-bit:2.2.0").build(),
                  ContainerSpec.builder("xray-daemon", "amazon/aws-xray-daemon:3.3.12").build()),
              Optional.empty(),
              Optional.of("Running")));
    }
    TopologySnapshot snapshot =
        SidescopeRuntime.builder(Clock.systemUTC())
            .build(new Observations(pods, List.of(), List.of(), List.of()), Grouping.WORKLOAD);
    Workload box = snapshot.workloads().get(0);
    Producer producer = new Producer(rate, replicas);

    ConsoleBench.startFx();
    LogView[] view = new LogView[1];
    Stage[] stage = new Stage[1];
    ConsoleBench.Probe probe = new ConsoleBench.Probe();
    ConsoleBench.onFx(
        () -> {
          view[0] = LogView.open(producer, snapshot, box.id(), bufferLines);
          stage[0] = new Stage();
          stage[0].setScene(new Scene(view[0].node(), 900, 900));
          stage[0].setTitle("Sidescope — logs benchmark");
          stage[0].show();
          probe.start();
        });
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try {
      int streams = producer.awaitStreams();
      out.printf(
          Locale.ROOT,
          "logs at %,d lines/s into %d streams (%d pods x 4 containers), view following, buffer"
              + " %,d lines, %d s%n",
          rate,
          streams,
          replicas,
          bufferLines,
          seconds);
      out.flush();
      Thread.sleep(1000); // the window's first frames
      long[] shownAtStart = new long[1];
      ConsoleBench.onFx(() -> shownAtStart[0] = view[0].linesShown());
      long producedAtStart = producer.produced();
      long began = System.nanoTime();
      String[] heapAfterMinute = {"-"};
      ConsoleBench.Gaps frames =
          probe.measure(
              "following",
              seconds,
              null,
              () -> {
                if (seconds > 60) {
                  Thread minute =
                      new Thread(
                          () -> {
                            try {
                              Thread.sleep(60_000);
                              heapAfterMinute[0] = heapAfterGc(memory);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          },
                          "bench-heap-at-a-minute");
                  minute.setDaemon(true);
                  minute.start();
                }
              });
      double elapsed = (System.nanoTime() - began) / 1e9;
      long[] figures = new long[5];
      ConsoleBench.onFx(
          () -> {
            figures[0] = view[0].linesShown();
            figures[1] = view[0].linesDropped();
            figures[2] = view[0].linesListed();
            figures[3] = view[0].cellsMade();
            figures[4] = view[0].following() ? 1 : 0;
          });
      long produced = producer.produced() - producedAtStart;
      String heapAtEnd = heapAfterGc(memory);
      out.printf(
          Locale.ROOT,
          "  offered %,.0f lines/s; the view took in %,.0f lines/s (%.1f%% of those offered),"
              + " dropped %,d in all%n",
          produced / elapsed,
          (figures[0] - shownAtStart[0]) / elapsed,
          100.0 * (figures[0] - shownAtStart[0]) / Math.max(1, produced),
          figures[1]);
      out.printf(
          Locale.ROOT,
          "  frames: median %.1f ms, p99 %.1f ms, max %.1f ms, %d over 50 ms of %d%n",
          frames.median(),
          frames.p99(),
          frames.max(),
          frames.over(50),
          frames.millis().length);
      out.printf(
          Locale.ROOT,
          "  list %,d lines, %d cells made, %s%n",
          figures[2],
          figures[3],
          figures[4] == 1 ? "still following" : "NOT following");
      out.printf(
          Locale.ROOT,
          "  heap after GC (3 samples a second apart): %s at 1 min, %s at %d s%n",
          heapAfterMinute[0],
          heapAtEnd,
          seconds);
      out.flush();
    } finally {
      producer.stop();
      ConsoleBench.onFx(
          () -> {
            probe.stop();
            view[0].close();
            stage[0].close();
          });
    }
  }

  /**
   * The heap after a full GC, three times a second apart while the lines keep flowing: the least
   * and the most, since what is in flight between a source and the list (up to a ring's worth per
   * stream) depends on the moment.
   */
  private static String heapAfterGc(MemoryMXBean memory) throws InterruptedException {
    double least = Double.MAX_VALUE;
    double most = 0;
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        Thread.sleep(1000);
      }
      System.gc();
      double used = memory.getHeapMemoryUsage().getUsed() / 1e6;
      least = Math.min(least, used);
      most = Math.max(most, used);
    }
    return String.format(Locale.ROOT, "%.1f–%.1f MB", least, most);
  }

  /**
   * A log source that, once a tail is opened, writes each wanted container's lines at an equal
   * share of the rate on a thread of its own, in batches every 10 ms, as a busy source would.
   */
  private static final class Producer implements LogTails {
    private final int rate;
    private final int replicas;
    private final CountDownLatch opened = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicLong produced =
        new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;
    private volatile int streams;

    Producer(int rate, int replicas) {
      this.rate = rate;
      this.replicas = replicas;
    }

    @Override
    public boolean serves(Workload workload) {
      return true;
    }

    @Override
    public Tail open(LogTailRequest request, Sink sink) {
      List<LogStream> all = new ArrayList<>();
      List<String[]> texts = new ArrayList<>();
      for (Workload w : request.workloads()) {
        for (int r = 0; r < replicas; r++) {
          String pod = "checkout-7c9d6b5f4-" + (10_000 + r);
          for (Container c : w.containers()) {
            if (request.wants(c)) {
              LogStream stream =
                  new LogStream(
                      LogStream.KUBERNETES, w.id() + "/" + pod, pod, c.spec().name(), false);
              all.add(stream);
              texts.add(texts(c.spec().name(), pod, all.size()));
              sink.state(LogStreamState.of(stream, LogStreamState.Phase.LIVE, "live"));
            }
          }
        }
      }
      streams = all.size();
      Thread t = new Thread(() -> produce(all, texts, sink), "bench-log-producer");
      t.setDaemon(true);
      t.start();
      opened.countDown();
      return () -> running = false;
    }

    private void produce(List<LogStream> all, List<String[]> texts, Sink sink) {
      double perStreamPerTick = rate / (double) all.size() * TICK_NANOS / 1e9;
      double[] owed = new double[all.size()];
      int[] next = new int[all.size()];
      long tick = System.nanoTime();
      while (running) {
        Instant now = Instant.now();
        for (int s = 0; s < all.size(); s++) {
          owed[s] += perStreamPerTick;
          int n = (int) owed[s];
          owed[s] -= n;
          List<LogLine> batch = new ArrayList<>(n);
          String[] mine = texts.get(s);
          for (int i = 0; i < n; i++) {
            batch.add(new LogLine(now, all.get(s), mine[next[s]++ % mine.length]));
          }
          sink.lines(batch);
          produced.addAndGet(n);
        }
        tick += TICK_NANOS;
        long wait = tick - System.nanoTime();
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    int awaitStreams() throws InterruptedException {
      if (!opened.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the Logs view did not open its tail within 30 s");
      }
      return streams;
    }

    long produced() {
      return produced.get();
    }

    void stop() {
      running = false;
    }
  }

  /** {@link #TEXTS} lines in the container's own format, varied as a busy container's are. */
  private static String[] texts(String container, String pod, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Instant t = Instant.parse("2026-12-08T02:00:00Z");
    String[] out = new String[TEXTS];
    for (int i = 0; i < TEXTS; i++) {
      t = t.plusMillis(1 + random.nextInt(20));
      int code = random.nextInt(100) == 0 ? 503 : random.nextInt(30) == 0 ? 404 : 200;
      int ms = 2 + random.nextInt(180);
      String requestId = Long.toHexString(random.nextLong());
      out[i] =
          switch (container) {
            case "envoy" ->
                "["
                    + t
                    + "] \"GET /api/cart/"
                    + random.nextInt(100_000)
                    + " HTTP/1.1\" "
                    + code
                    + (code == 503 ? " UF,URX " : " - ")
                    + "0 "
                    + (120 + random.nextInt(4000))
                    + " "
                    + ms
                    + " "
                    + Math.max(1, ms - 1)
                    + " \"10.0.3.7\" \"okhttp/4.12.0\" \""
                    + requestId
                    + "\" \"cart.shop.svc.cluster.local:8080\" \"10.0.34."
                    + random.nextInt(250)
                    + ":8080\"";
            case "fluent-bit" ->
                "["
                    + FLUENT_BIT_TIME.format(t)
                    + "] [ info] [output:cloudwatch_logs:cloudwatch_logs.0] Sent "
                    + (1 + random.nextInt(60))
                    + " events to CloudWatch";
            case "xray-daemon" ->
                t
                    + " [Info] Successfully sent batch of "
                    + (1 + random.nextInt(30))
                    + " segments (0.0"
                    + (10 + random.nextInt(89))
                    + " seconds)";
            default ->
                "{\"timestamp\":\""
                    + t
                    + "\",\"level\":\""
                    + (code >= 500 ? "ERROR" : "INFO")
                    + "\",\"logger\":\"http\",\"host\":\""
                    + pod
                    + "\",\"message\":\"GET /api/cart "
                    + code
                    + " ("
                    + ms
                    + " ms)\",\"requestId\":\""
                    + requestId
                    + "\",\"traceId\":\"1-"
                    + Long.toHexString(t.getEpochSecond())
                    + "-"
                    + String.format(Locale.ROOT, "%024x", random.nextLong() & Long.MAX_VALUE)
                    + "\"}";
          };
    }
    return out;
  }
}
