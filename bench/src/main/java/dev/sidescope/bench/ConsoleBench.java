package dev.sidescope.bench;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SnapshotFeed;
import dev.sidescope.views.fx.ConsoleWindow;
import dev.sidescope.views.fx.PictureDriver;
import dev.sidescope.views.picture.IncrementalLayout;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.stage.Stage;

/**
 * Measures the console on one large snapshot: how long a full layout takes on a worker thread, and
 * how long the FX thread stalls while the picture first renders and while the view pans. A stall is
 * the gap between two pulses of an {@link AnimationTimer}, which asks for a pulse every frame, so a
 * gap much longer than a frame (about 16 ms) is time the FX thread spent on something else.
 *
 * <p>Blocks its caller, which must not be the FX thread; starts the toolkit itself and opens a real
 * console window on the snapshot. Numbers for the README, not a test.
 */
final class ConsoleBench {
  /** What one phase measured: the pulse gaps, sorted, in milliseconds. */
  public record Gaps(String phase, double[] millis, double seconds) {
    public double max() {
      return millis.length == 0 ? 0 : millis[millis.length - 1];
    }

    public double median() {
      return millis.length == 0 ? 0 : millis[millis.length / 2];
    }

    public double p99() {
      return millis.length == 0 ? 0 : millis[Math.min(millis.length - 1, millis.length * 99 / 100)];
    }

    /** Gaps longer than a threshold. */
    public long over(double threshold) {
      return Arrays.stream(millis).filter(m -> m > threshold).count();
    }
  }

  /**
   * The results.
   *
   * @param layoutMillis full layouts of the snapshot on a worker thread, sorted
   * @param firstPictureMillis from handing the snapshot to the console to the picture applied on
   *     the FX thread (layout included)
   * @param phases the pulse gaps of each phase
   */
  public record Result(
      double[] layoutMillis,
      double firstPictureMillis,
      int drawnNodes,
      int drawnEdges,
      List<Gaps> phases) {}

  private ConsoleBench() {}

  /**
   * Runs the benchmark.
   *
   * @param configDir a scratch folder for the window's settings
   * @param layoutRuns full layouts to time (after two warm-up layouts)
   * @param panSeconds how long each pan phase lasts
   * @param progress told what is happening, one line at a time (on the caller's thread)
   */
  public static Result run(
      TopologySnapshot snapshot,
      Path configDir,
      int layoutRuns,
      double panSeconds,
      Consumer<String> progress)
      throws InterruptedException {
    if (Platform.isFxApplicationThread()) {
      throw new IllegalStateException("run the console benchmark from main, not the FX thread");
    }
    double[] layouts = timeLayouts(snapshot, layoutRuns, progress);
    LaidOutPicture once = new IncrementalLayout().next(snapshot, Optional.empty(), true);
    int nodes = (int) (once.picture().boxes().size() + once.picture().nodes().count());
    int edges = once.picture().edges().size();

    Probe probe = new Probe();
    startFx();
    OneShotFeed feed = new OneShotFeed();
    ConsoleWindow[] window = new ConsoleWindow[1];
    Stage[] stage = new Stage[1];
    onFx(
        () -> {
          ConsoleSettings settings =
              ConsoleSettings.DEFAULTS.withTheme(ThemeChoice.LIGHT).withGrouping(Grouping.POD);
          window[0] =
              new ConsoleWindow(
                  ConsoleOptions.of("Sidescope — console benchmark", configDir, feed),
                  new SettingsStore(configDir),
                  settings,
                  Optional.empty(),
                  Theme.LIGHT);
          stage[0] = new Stage();
          window[0].show(stage[0]);
          probe.start();
        });
    List<Gaps> phases = new ArrayList<>();
    try {
      Thread.sleep(1500);
      progress.accept("idle window, 2 s");
      phases.add(probe.measure("idle (empty window)", 2.0, null));

      PictureDriver view = window[0].picture();
      progress.accept("panning the empty picture, 2 s");
      phases.add(probe.measure("pan, nothing drawn yet (this machine's floor)", 2.0, pan(view)));

      progress.accept("rendering the picture");
      long[] handedOver = new long[1];
      double[] firstPicture = {-1};
      Gaps render =
          probe.measure(
              "first render (layout running, picture applied, 2 s after)",
              120,
              new Phase() {
                long shownAt;

                @Override
                public boolean frame(long now) {
                  if (shownAt == 0 && view.shown().isPresent()) {
                    shownAt = now;
                    firstPicture[0] = (now - handedOver[0]) / 1e6;
                  }
                  return shownAt != 0 && now - shownAt > 2_000_000_000L;
                }
              },
              () -> {
                handedOver[0] = System.nanoTime();
                feed.deliver(snapshot);
              });
      phases.add(render);

      progress.accept("panning, whole picture in view");
      onFx(view::fit);
      Thread.sleep(500);
      phases.add(probe.measure("pan, whole picture in view", panSeconds, pan(view)));

      progress.accept("panning at 100% zoom");
      onFx(
          () -> {
            view.fit();
            view.actualSize();
          });
      Thread.sleep(500);
      phases.add(probe.measure("pan at 100% zoom", panSeconds, pan(view)));

      progress.accept("sweeping across at 100% zoom");
      onFx(
          () -> {
            view.fit();
            view.actualSize();
            // From the left edge of the picture, so the sweep stays over it.
            Rect b = view.shown().orElseThrow().geometry().bounds();
            view.setViewCenter(b.x() + 600, view.viewCenter().getY());
          });
      Thread.sleep(500);
      phases.add(
          probe.measure(
              "sweep across at 100% zoom (new ground each frame)", panSeconds, sweep(view)));

      progress.accept("panning at 40% zoom");
      onFx(
          () -> {
            view.fit();
            view.actualSize();
            view.zoom(1 / 0.4);
          });
      Thread.sleep(500);
      phases.add(probe.measure("pan at 40% zoom", panSeconds, pan(view)));

      progress.accept("a live update: one box gone");
      TopologySnapshot next = withoutLast(snapshot);
      phases.add(
          probe.measure(
              "a live update (one box gone; applied, 2 s after)",
              120,
              new Phase() {
                long appliedAt;

                @Override
                public boolean frame(long now) {
                  if (appliedAt == 0 && view.shown().map(p -> p.snapshot() == next).orElse(false)) {
                    appliedAt = now;
                  }
                  return appliedAt != 0 && now - appliedAt > 2_000_000_000L;
                }
              },
              () -> feed.deliver(next)));
      return new Result(layouts, firstPicture[0], nodes, edges, phases);
    } finally {
      onFx(
          () -> {
            probe.stop();
            stage[0].hide();
          });
      Platform.exit();
    }
  }

  /** The snapshot without its last workload, and the edges and findings of it. */
  static TopologySnapshot withoutLast(TopologySnapshot s) {
    List<Workload> workloads = s.workloads().subList(0, s.workloads().size() - 1);
    String gone = s.workloads().get(s.workloads().size() - 1).id();
    String inside = gone + "/";
    return new TopologySnapshot(
        s.takenAt(),
        s.grouping(),
        s.sources(),
        workloads,
        s.nodes(),
        s.edges().stream()
            .filter(e -> !e.from().startsWith(inside) && !e.to().startsWith(inside))
            .toList(),
        s.findings().stream().filter(f -> !f.subject().equals(gone)).toList());
  }

  /** Full layouts on a thread of their own, like the console's layout worker. */
  private static double[] timeLayouts(
      TopologySnapshot snapshot, int runs, Consumer<String> progress) throws InterruptedException {
    ExecutorService worker =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "sidescope-layout-bench"));
    try {
      Future<double[]> f =
          worker.submit(
              () -> {
                IncrementalLayout layout = new IncrementalLayout();
                for (int i = 0; i < 2; i++) {
                  layout.next(snapshot, Optional.empty(), true);
                }
                double[] millis = new double[runs];
                for (int i = 0; i < runs; i++) {
                  long start = System.nanoTime();
                  layout.next(snapshot, Optional.empty(), true);
                  millis[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(millis);
                return millis;
              });
      progress.accept("timing " + runs + " full layouts after 2 warm-up layouts");
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the layout failed: " + e.getCause(), e.getCause());
    } finally {
      worker.shutdownNow();
    }
  }

  /** Moves the view to and fro, a little each frame, around where it was. */
  static Phase pan(PictureDriver view) {
    // 400 px to either side, one to-and-fro in 2 s.
    return moving(view, t -> 400 * Math.sin(t * Math.PI));
  }

  /**
   * Moves the view steadily across the picture, to the right and a little to and fro, so that every
   * frame shows some of it not seen before.
   */
  private static Phase sweep(PictureDriver view) {
    // 600 px a second to the right.
    return moving(view, t -> 600 * t);
  }

  /**
   * Moves the view from where it was by {@code dx(t)} screen pixels across after {@code t} seconds,
   * and 150 px up and down in 2.9 s.
   */
  private static Phase moving(PictureDriver view, DoubleUnaryOperator dx) {
    return new Phase() {
      long start;
      Point2D centre;

      @Override
      public boolean frame(long now) {
        if (start == 0) {
          start = now;
          centre = view.viewCenter();
        }
        double t = (now - start) / 1e9;
        double s = Math.max(view.scale(), 1e-6);
        double dy = 150 * Math.sin(t * Math.PI * 0.7) / s;
        view.setViewCenter(centre.getX() + dx.applyAsDouble(t) / s, centre.getY() - dy);
        return false;
      }
    };
  }

  /** Starts the FX toolkit for a benchmark run from main, once; later calls find it running. */
  static void startFx() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Platform.setImplicitExit(false);
    try {
      Platform.startup(started::countDown);
    } catch (IllegalStateException alreadyStarted) {
      started.countDown();
    }
    started.await();
  }

  static void onFx(Runnable r) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    RuntimeException[] failed = new RuntimeException[1];
    Platform.runLater(
        () -> {
          try {
            r.run();
          } catch (RuntimeException e) {
            failed[0] = e;
          } finally {
            done.countDown();
          }
        });
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the FX thread did not answer within 60 s");
    }
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  /** Something done each frame of a phase; true when the phase is over. */
  interface Phase {
    boolean frame(long now);
  }

  /** Records the gaps between pulses, per phase. FX thread, except {@link #measure}. */
  static final class Probe extends AnimationTimer {
    private final List<Double> gaps = new ArrayList<>();
    private long last;
    private long phaseStart;
    private double limitSeconds;
    private Phase phase;
    private CountDownLatch over;

    @Override
    public void handle(long ignoredPulseTime) {
      // The pulse's own timestamp is when the pulse began; the stall shows in the wall clock.
      long now = System.nanoTime();
      if (over != null) {
        if (last != 0) {
          gaps.add((now - last) / 1e6);
        }
        boolean done = phase != null && phase.frame(now);
        if (done || now - phaseStart > limitSeconds * 1e9) {
          over.countDown();
          over = null;
        }
      }
      last = now;
    }

    /** Runs one phase from the caller's thread and returns its gaps. */
    Gaps measure(String name, double seconds, Phase p) throws InterruptedException {
      return measure(name, seconds, p, () -> {});
    }

    Gaps measure(String name, double seconds, Phase p, Runnable atStart)
        throws InterruptedException {
      CountDownLatch done = new CountDownLatch(1);
      long[] began = new long[1];
      onFx(
          () -> {
            gaps.clear();
            phase = p;
            limitSeconds = seconds;
            phaseStart = System.nanoTime();
            began[0] = phaseStart;
            last = 0;
            over = done;
          });
      atStart.run();
      if (!done.await((long) (seconds + 60), TimeUnit.SECONDS)) {
        throw new IllegalStateException("the phase '" + name + "' did not end");
      }
      double[][] copy = new double[1][];
      onFx(() -> copy[0] = gaps.stream().mapToDouble(Double::doubleValue).sorted().toArray());
      return new Gaps(name, copy[0], (System.nanoTime() - began[0]) / 1e9);
    }
  }

  /** A feed that hands over one snapshot when told to. */
  static final class OneShotFeed implements SnapshotFeed {
    private volatile Consumer<TopologySnapshot> listener;

    @Override
    public AutoCloseable subscribe(Consumer<TopologySnapshot> l) {
      this.listener = l;
      return () -> listener = null;
    }

    @Override
    public void setGrouping(Grouping grouping) {}

    void deliver(TopologySnapshot snapshot) {
      Consumer<TopologySnapshot> l = listener;
      if (l != null) {
        l.accept(snapshot);
      }
    }
  }
}
