package dev.sidescope.bench;

import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.fx.ConsoleWindow;
import dev.sidescope.views.fx.PictureDriver;
import dev.sidescope.views.picture.Geometry;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Measures the console while the numbers on a large picture's arrows change every second, as X-Ray
 * and Envoy figures do: every measured arrow gets new figures (some crossing the warning and bad
 * bounds, so their colours, widths and dashes change), the topology stays as it is. The FX thread's
 * pulse gaps are recorded at 100% zoom while the view pans (labels drawn) and with the whole
 * picture in view, after a floor of the same pan with no update coming; how many times the picture
 * was laid out again while the numbers changed is counted by its geometry, which must stay the
 * same.
 *
 * <p>Blocks its caller, which must not be the FX thread; starts the toolkit itself.
 */
final class LiveTrafficBench {
  private LiveTrafficBench() {}

  /**
   * @param updates live updates applied (distinct snapshots shown)
   * @param relayouts times the geometry changed during the live phases: 0 when numbers alone are
   *     restyled
   * @param measuredEdges arrows whose figures change
   */
  record Result(
      List<ConsoleBench.Gaps> phases,
      int updates,
      int relayouts,
      int delivered,
      int measuredEdges) {}

  /** The base snapshot with new figures on its measured arrows, the {@code tick}-th second. */
  static TopologySnapshot withFigures(TopologySnapshot base, int tick, long seed) {
    List<Edge> edges = new ArrayList<>(base.edges().size());
    int i = 0;
    for (Edge e : base.edges()) {
      edges.add(measured(e) ? e.withMetrics(figures(i++, tick, seed)) : e);
    }
    return new TopologySnapshot(
        base.takenAt().plusSeconds(tick),
        base.grouping(),
        base.sources(),
        base.workloads(),
        base.nodes(),
        edges,
        base.findings(),
        base.overlays());
  }

  static boolean measured(Edge e) {
    return e.kind() == EdgeKind.UPSTREAM
        || e.kind() == EdgeKind.LOCAL
        || e.kind() == EdgeKind.TELEMETRY;
  }

  /**
   * Figures for one arrow at one second: mostly fine, one in eight slow, one in twenty failing, one
   * in thirty idle, and which arrows they are moves every second.
   */
  static EdgeMetrics figures(int edge, int tick, long seed) {
    Random r = new Random(seed * 1_000_003L + edge * 7919L + tick);
    double roll = r.nextDouble();
    if (roll < 1 / 30.0) {
      return new EdgeMetrics(
          OptionalDouble.of(0),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty());
    }
    double p50 = 5 + r.nextDouble() * 60;
    double p99 = p50 * (2 + r.nextDouble() * 2);
    double errors = r.nextDouble() < 0.5 ? 0 : r.nextDouble() * 0.005;
    if (roll < 0.2) {
      p99 = 300 + r.nextDouble() * 600; // warns
    }
    if (roll < 0.08) {
      errors = 0.05 + r.nextDouble() * 0.1; // bad
    }
    return new EdgeMetrics(
        OptionalDouble.of(Math.round(1 + r.nextDouble() * 200)),
        OptionalDouble.of(p50),
        OptionalDouble.of(p99 * 0.8),
        OptionalDouble.of(p99),
        OptionalDouble.of(errors));
  }

  static Result run(
      TopologySnapshot base, Path configDir, double seconds, Consumer<String> progress)
      throws InterruptedException {
    if (Platform.isFxApplicationThread()) {
      throw new IllegalStateException("run the live benchmark from main, not the FX thread");
    }
    int measuredEdges = (int) base.edges().stream().filter(LiveTrafficBench::measured).count();
    ConsoleBench.Probe probe = new ConsoleBench.Probe();
    ConsoleBench.startFx();
    ConsoleBench.OneShotFeed feed = new ConsoleBench.OneShotFeed();
    ConsoleWindow[] window = new ConsoleWindow[1];
    Stage[] stage = new Stage[1];
    ConsoleBench.onFx(
        () -> {
          window[0] =
              new ConsoleWindow(
                  ConsoleOptions.of("Sidescope — live traffic benchmark", configDir, feed),
                  new SettingsStore(configDir),
                  ConsoleSettings.DEFAULTS.withTheme(ThemeChoice.LIGHT).withGrouping(Grouping.POD),
                  Optional.empty(),
                  Theme.LIGHT);
          stage[0] = new Stage();
          window[0].show(stage[0]);
          probe.start();
        });
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sidescope-bench-ticker"));
    List<ConsoleBench.Gaps> phases = new ArrayList<>();
    try {
      PictureDriver view = window[0].picture();
      progress.accept("first picture");
      TopologySnapshot first = withFigures(base, 0, 42);
      feed.deliver(first);
      waitFor(() -> view.shown().map(p -> p.snapshot() == first).orElse(false), 120);
      Thread.sleep(3000); // the first render's tiles, findings rows and legend are in
      Geometry[] geometry = new Geometry[1];
      ConsoleBench.onFx(() -> geometry[0] = view.shown().orElseThrow().geometry());

      // The floor: the same picture and pan with no update coming.
      double quarter = seconds / 4;
      progress.accept(String.format("no updates, 100%% zoom, panning, %.0f s", quarter));
      ConsoleBench.onFx(
          () -> {
            view.fit();
            view.actualSize();
          });
      Thread.sleep(2000); // the tiles of the new zoom are drawn, as in the live phase below
      phases.add(
          probe.measure(
              "no updates at 100% zoom, panning (the floor)", quarter, ConsoleBench.pan(view)));

      // Every second a new set of figures, from a thread of its own as the store would.
      AtomicInteger tick = new AtomicInteger();
      AtomicInteger delivered = new AtomicInteger();
      ticker.scheduleAtFixedRate(
          () -> {
            feed.deliver(withFigures(base, tick.incrementAndGet(), 42));
            delivered.incrementAndGet();
          },
          0,
          1,
          TimeUnit.SECONDS);

      // Counted on the FX thread, every frame: the updates shown and the layouts among them.
      int[] counts = new int[2];
      TopologySnapshot[] lastShown = {first};
      ConsoleBench.Phase watch =
          now -> {
            view.shown()
                .ifPresent(
                    p -> {
                      if (p.snapshot() != lastShown[0]) {
                        lastShown[0] = p.snapshot();
                        counts[0]++;
                        if (p.geometry() != geometry[0]) {
                          counts[1]++;
                          geometry[0] = p.geometry();
                        }
                      }
                    });
            return false;
          };
      double half = seconds / 2;
      progress.accept(
          String.format("live updates every second, 100%% zoom, panning, %.0f s", half));
      ConsoleBench.onFx(
          () -> {
            view.fit();
            view.actualSize();
          });
      Thread.sleep(2000);
      ConsoleBench.Phase pan = ConsoleBench.pan(view);
      phases.add(
          probe.measure(
              "live updates at 100% zoom, panning",
              half,
              now -> {
                watch.frame(now);
                return pan.frame(now);
              }));
      progress.accept(
          String.format("live updates every second, whole picture in view, %.0f s", half));
      ConsoleBench.onFx(view::fit);
      Thread.sleep(2000);
      phases.add(probe.measure("live updates, whole picture in view", half, watch));
      ticker.shutdownNow();
      int[] seen = new int[2];
      ConsoleBench.onFx(
          () -> {
            seen[0] = counts[0];
            seen[1] = counts[1];
          });
      return new Result(phases, seen[0], seen[1], delivered.get(), measuredEdges);
    } finally {
      ticker.shutdownNow();
      ConsoleBench.onFx(
          () -> {
            probe.stop();
            stage[0].hide();
          });
      Platform.exit();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier onFx, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    boolean[] ok = new boolean[1];
    while (System.nanoTime() < end) {
      ConsoleBench.onFx(() -> ok[0] = onFx.getAsBoolean());
      if (ok[0]) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the first picture did not show within " + seconds + " s");
  }
}
