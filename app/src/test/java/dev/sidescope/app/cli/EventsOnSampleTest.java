package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.views.console.EventRow;
import dev.sidescope.views.console.EventsViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Events tab's model on the served {@code broken} sample, read through the production event
 * sources the console uses: the not-ready X-Ray daemon's probe failures and the crash-looping
 * Fluent Bit's restarts, from the sample Kubernetes API's Events and the pods' own statuses; the
 * ECS task whose log router was killed for memory, from the sample AWS endpoint.
 */
class EventsOnSampleTest {
  @TempDir Path home;

  /** The view model's thread: what the sources deliver waits here until the test runs it. */
  private final BlockingQueue<Runnable> window = new LinkedBlockingQueue<>();

  private TopologySnapshot broken(LiveSourceSet sources, Predicate<TopologySnapshot> ready)
      throws Exception {
    CompletableFuture<TopologySnapshot> found = new CompletableFuture<>();
    try (AutoCloseable subscription =
        sources
            .feed()
            .subscribe(
                s -> {
                  if (ready.test(s)) {
                    found.complete(s);
                  }
                })) {
      sources.openDemo(BuiltInSamples.folder("broken").orElseThrow(), "broken");
      return found.get(60, TimeUnit.SECONDS);
    }
  }

  private static Optional<Workload> named(TopologySnapshot s, String prefix) {
    return s.workloads().stream().filter(w -> w.name().startsWith(prefix)).findFirst();
  }

  /** Runs what the sources delivered until the model holds what is wanted, or 30 s passed. */
  private void until(EventsViewModel model, Predicate<EventsViewModel> holds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!holds.test(model) && System.nanoTime() < end) {
      Runnable r = window.poll(1, TimeUnit.SECONDS);
      if (r != null) {
        r.run();
      }
    }
  }

  private static boolean has(EventsViewModel m, String container, String reason) {
    return m.rows().get().stream()
        .anyMatch(
            r -> r.reason().equals(reason) && r.event().container().equals(Optional.of(container)));
  }

  @Test
  void theNotReadyDaemonsProbeFailureAndTheCrashLoopingFluentBitsRestartsAreRead()
      throws Exception {
    try (LiveSourceSet sources =
        new LiveSourceSet(Map.of("HOME", home.toString()), Clock.systemUTC())) {
      TopologySnapshot s =
          broken(
              sources,
              x ->
                  named(x, "ledger-").isPresent()
                      && named(x, "invoices-").isPresent()
                      && x.workloads().stream().anyMatch(w -> w.id().startsWith("ecs/")));
      EventsViewModel model =
          new EventsViewModel(Optional.of(sources.events()), window::add, Clock.systemUTC());
      model.showing(true);

      Workload ledger = named(s, "ledger-").orElseThrow();
      model.inspect(s, Optional.of(ledger.id()));
      until(model, m -> has(m, "xray-daemon", "Unhealthy"));
      EventRow probe =
          model.rows().get().stream()
              .filter(r -> r.reason().equals("Unhealthy"))
              .findFirst()
              .orElseThrow();
      assertThat(probe.warning()).isTrue();
      assertThat(probe.message()).startsWith("Readiness probe failed");
      assertThat(model.why().get())
          .anySatisfy(w -> assertThat(w).startsWith("xray-daemon is not ready: Readiness probe"));
      assertThat(model.state().get()).isNotEmpty();

      Workload invoices = named(s, "invoices-").orElseThrow();
      model.inspect(s, Optional.of(invoices.id() + "/fluent-bit"));
      until(model, m -> has(m, "fluent-bit", "BackOff") && has(m, "fluent-bit", "LastTermination"));
      assertThat(model.rows().get())
          .filteredOn(r -> r.reason().equals("BackOff"))
          .singleElement()
          .satisfies(r -> assertThat(r.warning()).isTrue())
          .satisfies(r -> assertThat(r.times()).startsWith("×"));
      // Said once, with how the last run ended and how long it has been backing off.
      assertThat(model.why().get())
          .anySatisfy(
              w ->
                  assertThat(w)
                      .startsWith("fluent-bit restarted 7 times")
                      .containsOnlyOnce("restarted")
                      .contains("exit code 1")
                      .contains("Backing off"));
    }
  }

  @Test
  void anEcsTasksStoppedLogRouterIsRead() throws Exception {
    try (LiveSourceSet sources =
        new LiveSourceSet(Map.of("HOME", home.toString()), Clock.systemUTC())) {
      TopologySnapshot s =
          broken(
              sources,
              x ->
                  x.workloads().stream()
                      .anyMatch(w -> w.owner().equals(Optional.of("Service/statements"))));
      EventsViewModel model =
          new EventsViewModel(Optional.of(sources.events()), window::add, Clock.systemUTC());
      model.showing(true);
      List<Workload> statements =
          s.workloads().stream()
              .filter(w -> w.owner().equals(Optional.of("Service/statements")))
              .toList();
      Workload hit =
          statements.stream()
              .filter(
                  w ->
                      w.container("log-router")
                          .map(c -> c.spec().state().reason().isPresent())
                          .orElse(false))
              .findFirst()
              .orElse(statements.get(0));
      model.inspect(s, Optional.of(hit.id()));
      until(
          model,
          m ->
              has(m, "log-router", "ContainerStopped")
                  && m.rows().get().stream().anyMatch(r -> r.reason().equals("ServiceEvent")));
      assertThat(model.rows().get())
          .anySatisfy(
              r -> {
                assertThat(r.reason()).isEqualTo("ContainerStopped");
                assertThat(r.message()).contains("OutOfMemoryError");
              });
    }
  }
}
