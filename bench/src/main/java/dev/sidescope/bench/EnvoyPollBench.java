package dev.sidescope.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.proxy.ProxySettings;
import dev.sidescope.collectors.proxy.ProxySource;
import dev.sidescope.collectors.proxy.ProxyTarget;
import dev.sidescope.topology.model.Grouping;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU Sidescope spends polling Envoy sidecars: a generated sample is served by a child process
 * ({@code sidescope sample-cluster serve --generate}), so that this process's CPU time is the proxy
 * source's alone, and {@code sidecars} of its Envoy admin APIs are read every 5 s for {@code
 * seconds}. Beside it, in the same process and over the same time: the JVM idle, and the floor of
 * only fetching the same three admin answers per sidecar and round with the JDK's HTTP client,
 * bodies read and dropped.
 */
final class EnvoyPollBench {
  private static final Pattern EXPORT = Pattern.compile("(?m)^export ([A-Z_]+)='([^']*)'$");
  private static final Duration INTERVAL = ProxySettings.DEFAULT_INTERVAL;

  /** What the proxy source asks each Envoy every round. */
  private static final List<String> PATHS =
      List.of("/server_info", "/clusters?format=json", "/stats?usedonly&filter=%5Ecluster%5C.");

  private EnvoyPollBench() {}

  static void run(PrintWriter out, int sidecars, int seconds) throws Exception {
    Path dir = Files.createTempDirectory("sidescope-envoy-poll");
    Path env = dir.resolve("sample.env");
    int pods = Math.max(300, sidecars * 3);
    out.printf("Serving a generated sample of %d pods in a child process...%n", pods);
    out.flush();
    Process sample =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.sidescope.app.Main",
                "--config-dir",
                dir.resolve("config").toString(),
                "sample-cluster",
                "serve",
                "--generate",
                "pods=" + pods,
                "--write-env",
                env.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sample.log").toFile())
            .start();
    try {
      List<URI> admins = admins(env, sample, sidecars);
      out.printf(
          "%d Envoy admin APIs; each part runs %d s after a 10 s warm-up.%n",
          admins.size(), seconds);
      out.flush();
      double idle = cpuPercent(seconds, () -> () -> {});
      double floor = cpuPercent(seconds, () -> fetchOnly(admins));
      double plain = cpuPercent(seconds, () -> fetchPlain(admins));
      double source = cpuPercent(seconds, () -> polling(admins));
      out.printf("idle JVM                       %6.2f%% of one core%n", idle);
      out.printf("fetch only, JDK HttpClient     %6.2f%% of one core%n", floor);
      out.printf("fetch only, HttpURLConnection  %6.2f%% of one core (the floor)%n", plain);
      out.printf("proxy source, %3d sidecars     %6.2f%% of one core%n", admins.size(), source);
      out.flush();
    } finally {
      sample.destroy();
      if (!sample.waitFor(10, TimeUnit.SECONDS)) {
        sample.destroyForcibly();
      }
    }
  }

  /** The first {@code wanted} admin URLs the served sample lists, once its env file is written. */
  private static List<URI> admins(Path env, Process sample, int wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!Files.exists(env)) {
      if (!sample.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("the generated sample did not start; its log says why");
      }
      Thread.sleep(200);
    }
    Matcher m = EXPORT.matcher(Files.readString(env));
    while (m.find()) {
      if (m.group(1).equals("SIDESCOPE_SAMPLE_ENVOY_ADMIN")) {
        List<URI> urls = new ArrayList<>();
        for (String u : m.group(2).split(" ")) {
          if (!u.isBlank() && urls.size() < wanted) {
            urls.add(URI.create(u));
          }
        }
        return urls;
      }
    }
    throw new IOException("the generated sample lists no Envoy admin API");
  }

  /** Something that runs while measured, and stops when closed. */
  private interface Running extends AutoCloseable {
    @Override
    void close();
  }

  private interface Starter {
    Running start() throws Exception;
  }

  /** This process's CPU over {@code seconds}, after a 10 s warm-up, in percent of one core. */
  private static double cpuPercent(int seconds, Starter what) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (Running running = what.start()) {
      Thread.sleep(10_000);
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long cpu = os.getProcessCpuTime() - cpu0;
      long wall = System.nanoTime() - t0;
      return 100.0 * cpu / wall;
    }
  }

  private static Running polling(List<URI> admins) {
    SidescopeRuntime runtime = SidescopeRuntime.create(Grouping.POD, Clock.systemUTC());
    ProxySource source = runtime.proxies(ProxySettings.commandLine().withInterval(INTERVAL));
    List<ProxyTarget> targets = new ArrayList<>();
    for (URI u : admins) {
      targets.add(ProxyTarget.direct(ProxyTarget.Kind.ENVOY, u));
    }
    source.targets(targets);
    runtime.add(source);
    return runtime::close;
  }

  private static Running fetchOnly(List<URI> admins) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor();
    every.scheduleAtFixedRate(
        () -> {
          List<CompletableFuture<?>> all = new ArrayList<>();
          for (URI admin : admins) {
            for (String p : PATHS) {
              all.add(
                  http.sendAsync(
                          HttpRequest.newBuilder(admin.resolve(p)).GET().build(),
                          HttpResponse.BodyHandlers.ofInputStream())
                      .thenAccept(EnvoyPollBench::drain));
            }
          }
          CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        },
        0,
        INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    return every::shutdownNow;
  }

  /** The same answers with the JDK's older, leaner client: kept-alive connections, one thread. */
  private static Running fetchPlain(List<URI> admins) {
    ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor();
    every.scheduleAtFixedRate(
        () -> {
          for (URI admin : admins) {
            for (String p : PATHS) {
              try {
                java.net.HttpURLConnection c =
                    (java.net.HttpURLConnection) admin.resolve(p).toURL().openConnection();
                c.setConnectTimeout(2000);
                c.setReadTimeout(2000);
                try (InputStream in = c.getInputStream()) {
                  in.transferTo(java.io.OutputStream.nullOutputStream());
                }
              } catch (IOException e) {
                // a floor that missed a body is a lower floor
              }
            }
          }
        },
        0,
        INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    return every::shutdownNow;
  }

  private static void drain(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // a floor that missed a body is a lower floor; nothing to say
    }
  }
}
