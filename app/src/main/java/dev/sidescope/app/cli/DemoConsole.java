package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.collectors.kubernetes.Kubeconfig;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import dev.sidescope.collectors.kubernetes.KubernetesSource;
import dev.sidescope.samples.SampleClusterServer;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import dev.sidescope.topology.snapshot.TopologyStore;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SidescopeConsole;
import dev.sidescope.views.SnapshotFeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo: a built-in sample served in-process on loopback, read by the production Kubernetes and
 * ECS sources exactly as a real cluster would be, into a store that feeds the console.
 *
 * <p>Runs on the command line's thread, which the console blocks until its window closes; then
 * every source and endpoint is stopped.
 */
final class DemoConsole {
  private static final Pattern EXPORT = Pattern.compile("(?m)^export ([A-Z_]+)='([^']*)'$");

  private DemoConsole() {}

  static void open(Path folder, String name, Path configDir, Map<String, String> processEnv) {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("sidescope-demo-");
    } catch (IOException e) {
      throw new UserError("cannot create a temporary folder for the demo: " + e.getMessage(), e);
    }
    Clock clock = Clock.systemUTC();
    try (SampleClusterServer server = new SampleClusterServer(clock);
        TopologyStore store =
            TopologyStore.onOwnThread(SnapshotBuilder.standard(clock), Grouping.WORKLOAD, clock)) {
      server.start(folder, 0);
      Map<String, String> env =
          sourced(server.writeEnv(scratch.resolve(name + ".env")), processEnv, scratch);
      Kubeconfig kubeconfig = Kubeconfig.load(List.of(Path.of(env.get("KUBECONFIG"))));
      KubernetesSource kubernetes =
          new KubernetesSource(
              kubeconfig,
              kubeconfig.select(List.of()).get(0),
              KubernetesSource.Settings.defaults(LiveSnapshots.userAgent()).withEnvironment(env),
              store,
              clock);
      EcsSource ecs = new EcsOptions().resolve(env).available().orElse(null);
      try {
        kubernetes.start();
        if (ecs != null) {
          ecs.start(
              new EcsSource.Listener() {
                @Override
                public void observations(Observations observations) {
                  store.publish(ecs.id(), observations);
                }

                @Override
                public void status(SourceStatus status) {
                  store.publishStatus(status);
                }
              });
        }
        SidescopeConsole.launch(
            ConsoleOptions.of(
                "Sidescope — DEMO: built-in sample '" + name + "' (not a real cluster)",
                configDir,
                feed(store)));
      } finally {
        kubernetes.close();
        if (ecs != null) {
          ecs.close();
        }
      }
    } catch (IOException | KubeconfigException e) {
      throw new UserError("the demo could not start: " + e.getMessage(), e);
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
        Files.deleteIfExists(scratch);
      } catch (IOException ignored) {
        // A temporary folder left behind is harmless.
      }
    }
  }

  /**
   * The env file as a shell would see it after sourcing it, with HOME kept to the scratch folder.
   */
  private static Map<String, String> sourced(
      Path envFile, Map<String, String> processEnv, Path scratch) throws IOException {
    Map<String, String> env = new HashMap<>(processEnv);
    env.remove("AWS_PROFILE");
    env.remove("AWS_SESSION_TOKEN");
    env.put("HOME", scratch.toString());
    Matcher m = EXPORT.matcher(Files.readString(envFile));
    while (m.find()) {
      env.put(m.group(1), m.group(2));
    }
    return env;
  }

  private static SnapshotFeed feed(TopologyStore store) {
    return new SnapshotFeed() {
      @Override
      public AutoCloseable subscribe(Consumer<TopologySnapshot> listener) {
        TopologyStore.Listener l = listener::accept;
        store.addListener(l);
        store.latest().ifPresent(listener);
        return () -> store.removeListener(l);
      }

      @Override
      public void setGrouping(Grouping grouping) {
        store.setGrouping(grouping);
      }
    };
  }
}
