package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.aws.AwsProfiles;
import dev.sidescope.collectors.aws.AwsRegions;
import dev.sidescope.collectors.ecs.EcsSettings;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.collectors.kubernetes.Kubeconfig;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import dev.sidescope.collectors.kubernetes.KubernetesSource;
import dev.sidescope.collectors.proxy.ProxySettings;
import dev.sidescope.collectors.proxy.ProxySource;
import dev.sidescope.collectors.xray.api.XRayApiSource;
import dev.sidescope.collectors.xray.api.XRaySettings;
import dev.sidescope.collectors.xray.daemon.XRayDaemonSettings;
import dev.sidescope.samples.SampleClusterServer;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.source.EventFeeds;
import dev.sidescope.topology.source.LogTails;
import dev.sidescope.topology.source.ProxyQueries;
import dev.sidescope.topology.source.TraceQueries;
import dev.sidescope.views.SnapshotFeed;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.sources.SourceCatalog;
import dev.sidescope.views.sources.SourceChoice;
import dev.sidescope.views.sources.SourceOffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live sources: one {@link SidescopeRuntime} whose store feeds the console for the
 * whole run, and the sources that publish into it now — the chosen kube contexts and ECS region, or
 * the built-in sample served on loopback. Choosing other sources stops the ones in use, withdraws
 * what they said from the store and starts the new ones; the console keeps its subscription
 * throughout.
 *
 * <p>Reads the kubeconfig and the AWS profile files from the environment it is given ({@code
 * KUBECONFIG}, {@code HOME}, {@code AWS_CONFIG_FILE}, ...), never from the process's own, so that
 * tests and second profiles stay apart from the user's files.
 *
 * <p>Threading: the methods block (files, the network, starting and stopping sources) and are
 * serialised; call them off the FX thread. The store and the sources work on their own threads.
 */
final class LiveSourceSet implements SourceCatalog, AutoCloseable {
  /** How often the demo reads its sample's X-Ray: on loopback, far more often than an account. */
  private static final java.time.Duration DEMO_XRAY_REFRESH = java.time.Duration.ofSeconds(5);

  /** The most proxy sidecars read at once: {@code envoy.sidecars.max} in the settings file. */
  private volatile int envoySidecars = ConsoleSettings.DEFAULT_ENVOY_SIDECARS;

  private static final Logger LOG = LoggerFactory.getLogger(LiveSourceSet.class);
  private static final Pattern EXPORT = Pattern.compile("(?m)^export ([A-Z_]+)='([^']*)'$");

  private final Map<String, String> env;
  private final Clock clock;
  private final SidescopeRuntime runtime;

  private SampleClusterServer sample;
  private Path scratch;
  private SourceChoice inUse = SourceChoice.NONE;

  LiveSourceSet(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.runtime = SidescopeRuntime.create(Grouping.POD, clock);
  }

  /** What the console subscribes to: the store, whichever sources feed it. */
  SnapshotFeed feed() {
    return runtime.feed();
  }

  /** Questions about a selection, asked of whichever tracing sources run now. */
  TraceQueries tracing() {
    return runtime.tracing();
  }

  /** The Envoy tab's questions, asked of the proxy source that runs now. */
  ProxyQueries proxies() {
    return runtime.proxyFollower();
  }

  /** The Logs tab's tails, read from whichever log sources run now. */
  LogTails logs() {
    return runtime.logs();
  }

  /** The Events tab's feeds, read from whichever event sources run now. */
  EventFeeds events() {
    return runtime.events();
  }

  /** Sources started from now on read at most this many proxy sidecars at once. */
  void readEnvoysAtMost(int sidecars) {
    envoySidecars = sidecars;
  }

  /**
   * Reads the proxy sidecars of the pods in {@code context} through port-forwards, at most {@link
   * #readEnvoysAtMost} at a time; a context that cannot be used only leaves Envoy unread.
   */
  private void followProxies(Kubeconfig kubeconfig, String context) {
    try {
      ProxySource proxies =
          runtime.proxies(
              ProxySettings.console().withMaxTargets(envoySidecars), kubeconfig, context);
      runtime.add(proxies);
      runtime.proxyFollower().follow(proxies);
    } catch (KubeconfigException e) {
      LOG.warn("Envoy sidecars are not read: {}", e.getMessage());
    }
  }

  /**
   * The pod logs and events of {@code context}, for the Logs and Events tabs, read while someone
   * looks; a context that cannot be used has none.
   */
  private void readOnDemand(Kubeconfig kubeconfig, String context) {
    try {
      runtime.kubernetesLogs(kubeconfig, context);
      runtime.kubernetesEvents(kubeconfig, context);
    } catch (KubeconfigException e) {
      LOG.warn("Pod logs and events of {} are not read: {}", context, e.getMessage());
    }
  }

  /**
   * The CloudWatch Logs and the ECS events of the tasks these settings read, for the Logs and
   * Events tabs.
   */
  private void readOnDemand(EcsSettings ecs) {
    runtime.cloudwatchLogs(ecs).ifPresent(why -> LOG.warn("CloudWatch Logs are not read: {}", why));
    runtime.ecsEvents(ecs).ifPresent(why -> LOG.warn("ECS events are not read: {}", why));
  }

  // ---- what can be chosen

  @Override
  public SourceOffer offer() {
    Path home = LiveSnapshots.home(env);
    List<Path> files = Kubeconfig.locate(Optional.empty(), env, home);
    String described =
        files.isEmpty()
            ? Kubeconfig.defaultFile(home).toString()
            : files.stream().map(Path::toString).collect(Collectors.joining(", "));
    List<String> contexts = List.of();
    Optional<String> current = Optional.empty();
    Optional<String> kubeProblem = Optional.empty();
    if (files.isEmpty()) {
      kubeProblem = Optional.of(capitalised(Kubeconfig.noneFound(env, home)) + ".");
    } else {
      try {
        Kubeconfig kubeconfig = Kubeconfig.load(files);
        contexts = kubeconfig.contexts();
        current = kubeconfig.currentContext();
      } catch (KubeconfigException e) {
        kubeProblem = Optional.of(capitalised(e.getMessage()));
      }
    }

    AwsEnvironment aws = AwsEnvironment.of(env, home);
    List<String> profiles = new ArrayList<>();
    Map<String, String> regions = new LinkedHashMap<>();
    Optional<String> awsProblem = Optional.empty();
    try {
      AwsProfiles read = AwsProfiles.read(aws);
      profiles.addAll(read.names());
      for (String p : profiles) {
        read.region(p).ifPresent(r -> regions.put(p, r));
      }
    } catch (AwsProfiles.UnreadableProfilesException e) {
      awsProblem = Optional.of(capitalised(e.getMessage()));
    }
    Optional<String> named = aws.get("AWS_PROFILE");
    if (profiles.isEmpty() && named.isEmpty() && EcsDiscovery.awsConfigured(env)) {
      // Credentials from the environment alone: the CLI's default profile uses them.
      profiles.add(AwsProfiles.DEFAULT);
    }
    named.filter(p -> !profiles.contains(p)).ifPresent(profiles::add);
    Optional<String> envRegion = aws.get("AWS_REGION").or(() -> aws.get("AWS_DEFAULT_REGION"));
    envRegion.ifPresent(r -> profiles.forEach(p -> regions.putIfAbsent(p, r)));
    if (profiles.isEmpty() && awsProblem.isEmpty()) {
      awsProblem =
          Optional.of(
              "No AWS profile in "
                  + aws.configFile()
                  + " or "
                  + aws.credentialsFile()
                  + ", and no AWS credentials in the environment.");
    }
    Optional<String> defaultProfile =
        named.or(() -> Optional.of(AwsProfiles.DEFAULT)).filter(profiles::contains);
    return new SourceOffer(
        described,
        contexts,
        current,
        kubeProblem,
        profiles,
        regions,
        defaultProfile,
        AwsRegions.names(),
        awsProblem);
  }

  @Override
  public synchronized SourceChoice inUse() {
    return inUse;
  }

  @Override
  public List<String> ecsClusters(String profile, Optional<String> region) {
    EcsSource.Resolution resolution = EcsSource.resolve(ecsSettings(profile, region, List.of()));
    EcsSource source =
        resolution.available().orElseThrow(() -> new Unavailable(resolution.whyAbsent().get()));
    try (source) {
      return source.listClusterNames();
    } catch (EcsSource.ListingFailedException e) {
      throw new Unavailable(e.getMessage(), e);
    }
  }

  // ---- connecting

  /**
   * The choice Sidescope starts on when nothing is remembered: the kubeconfig's current context,
   * and ECS through {@code AWS_PROFILE} or the default profile when AWS is configured with a
   * region. Empty, with why, when neither is found.
   */
  record Defaults(SourceChoice choice, String whyNothing) {}

  Defaults defaults() {
    Path home = LiveSnapshots.home(env);
    List<String> why = new ArrayList<>();
    List<String> contexts = List.of();
    List<Path> files = Kubeconfig.locate(Optional.empty(), env, home);
    if (files.isEmpty()) {
      why.add(Kubeconfig.noneFound(env, home));
    } else {
      try {
        contexts = Kubeconfig.load(files).select(List.of());
      } catch (KubeconfigException e) {
        why.add(LiveSnapshots.withoutPeriod(e.getMessage()));
      }
    }
    SourceChoice choice = SourceChoice.kubernetes(contexts, Optional.empty());
    if (!EcsDiscovery.awsConfigured(env)) {
      why.add("no AWS profile or credentials");
    } else {
      String profile = AwsEnvironment.of(env, home).get("AWS_PROFILE").orElse(AwsProfiles.DEFAULT);
      EcsSource.Resolution resolution =
          EcsSource.resolve(ecsSettings(profile, Optional.empty(), List.of()));
      if (resolution.available().isPresent()) {
        resolution.available().get().close();
        choice = choice.withEcs(profile, Optional.empty(), List.of());
      } else {
        why.add(LiveSnapshots.withoutPeriod(resolution.whyAbsent().orElse("AWS is not usable")));
      }
    }
    return new Defaults(choice, capitalised(String.join("; ", why)) + ".");
  }

  @Override
  public synchronized String apply(SourceChoice choice) {
    if (choice.isEmpty()) {
      throw new Unavailable(
          "Nothing was chosen: tick a kube context or an AWS profile, or open a daemon port.");
    }
    // Everything that can fail is checked before the sources in use are stopped.
    Kubeconfig kubeconfig = null;
    if (!choice.kubeContexts().isEmpty()) {
      Path home = LiveSnapshots.home(env);
      List<Path> files = Kubeconfig.locate(Optional.empty(), env, home);
      if (files.isEmpty()) {
        throw new Unavailable(capitalised(Kubeconfig.noneFound(env, home)) + ".");
      }
      try {
        kubeconfig = Kubeconfig.load(files);
        kubeconfig.select(choice.kubeContexts());
      } catch (KubeconfigException e) {
        throw new Unavailable(capitalised(e.getMessage()), e);
      }
    }
    EcsSource newEcs = null;
    XRayApiSource newXRay = null;
    if (choice.ecs()) {
      EcsSettings ecs =
          ecsSettings(choice.awsProfile().get(), choice.awsRegion(), choice.ecsClusters());
      EcsSource.Resolution resolution = runtime.ecs(ecs);
      newEcs =
          resolution.available().orElseThrow(() -> new Unavailable(resolution.whyAbsent().get()));
      if (choice.xray().api()) {
        // X-Ray beside ECS, with the same credentials and region; without it the picture still
        // draws, so a missing X-Ray is not a reason to refuse the choice.
        newXRay =
            runtime.xrayApi(xraySettings(ecs, choice.xray().window())).available().orElse(null);
      }
    }
    XRayDaemonSettings daemon = null;
    if (choice.xray().daemon().isPresent()) {
      try {
        daemon =
            XRayDaemonSettings.builder()
                .listen(
                    XRayOptions.address(
                        "The daemon port", choice.xray().daemon().get(), "127.0.0.1"))
                .window(choice.xray().window())
                .clock(clock)
                .build();
      } catch (UserError e) {
        throw new Unavailable(e.getMessage(), e);
      }
    }
    stopAll();
    try {
      if (daemon != null) {
        runtime.add(runtime.xrayDaemon(daemon));
      }
      KubernetesSource.Settings settings =
          KubernetesSource.Settings.defaults(SidescopeRuntime.userAgent())
              .withNamespace(choice.namespace())
              .withEnvironment(env);
      for (String context : choice.kubeContexts()) {
        runtime.add(runtime.kubernetes(kubeconfig, context, settings));
        readOnDemand(kubeconfig, context);
      }
      if (!choice.kubeContexts().isEmpty()) {
        followProxies(kubeconfig, choice.kubeContexts().get(0));
      }
      if (newEcs != null) {
        EcsSource starting = newEcs;
        newEcs = null; // in the runtime's care from here
        runtime.add(starting);
        readOnDemand(
            ecsSettings(choice.awsProfile().get(), choice.awsRegion(), choice.ecsClusters()));
      }
      if (newXRay != null) {
        XRayApiSource starting = newXRay;
        newXRay = null;
        runtime.add(starting);
      }
    } catch (RuntimeException e) {
      // Nothing half-started stays behind: the clients made above are not yet in the runtime's
      // care.
      if (newEcs != null) {
        newEcs.close();
      }
      if (newXRay != null) {
        newXRay.close();
      }
      stopAll();
      throw e;
    }
    inUse = choice;
    LOG.info("Watching {}", choice.describe());
    return "Sidescope — " + choice.describe();
  }

  @Override
  public String openDemo() {
    try {
      Path folder =
          BuiltInSamples.folder(BuiltInSamples.DEFAULT)
              .orElseThrow(() -> new IOException("the built-in sample is missing from this build"));
      return openDemo(folder, BuiltInSamples.DEFAULT);
    } catch (IOException e) {
      throw new Unavailable("The demo could not start: " + e.getMessage() + ".", e);
    }
  }

  /**
   * Serves the sample in {@code folder} on loopback and reads it through the production Kubernetes
   * and ECS sources, as {@code sidescope demo} does, instead of the sources in use.
   */
  synchronized String openDemo(Path folder, String name) {
    stopAll();
    try {
      scratch = Files.createTempDirectory("sidescope-demo-");
      sample = new SampleClusterServer(clock);
      sample.start(folder, 0);
      Map<String, String> sampleEnv = sourced(sample.writeEnv(scratch.resolve(name + ".env")));
      Kubeconfig kubeconfig = Kubeconfig.load(List.of(Path.of(sampleEnv.get("KUBECONFIG"))));
      String context = kubeconfig.select(List.of()).get(0);
      runtime.add(
          runtime.kubernetes(
              kubeconfig,
              context,
              KubernetesSource.Settings.defaults(SidescopeRuntime.userAgent())
                  .withEnvironment(sampleEnv)));
      // The sample's Envoys through the sample API's port-forwards, as on a real cluster.
      followProxies(kubeconfig, context);
      readOnDemand(kubeconfig, context);
      EcsSettings sampleEcs = new EcsOptions().settings(sampleEnv);
      runtime.ecs(sampleEcs).available().ifPresent(runtime::add);
      readOnDemand(sampleEcs);
      // The sample's endpoint serves X-Ray from its simulated traffic; on loopback it can be read
      // more often than a real account, so numbers show within seconds of the demo's start.
      runtime
          .xrayApi(
              new EcsOptions()
                  .xraySettings(sampleEnv, XRayOptions.DEFAULT_WINDOW, DEMO_XRAY_REFRESH))
          .available()
          .ifPresent(runtime::add);
    } catch (IOException | KubeconfigException e) {
      stopAll();
      throw new Unavailable(
          "The demo could not start: " + LiveSnapshots.withoutPeriod(e.getMessage()) + ".", e);
    }
    inUse = SourceChoice.NONE;
    return "Sidescope — DEMO: built-in sample '" + name + "' (not a real cluster)";
  }

  /** The env file as a shell would see it after sourcing it, with HOME kept to the scratch. */
  private Map<String, String> sourced(Path envFile) throws IOException {
    Map<String, String> sampleEnv = new HashMap<>(env);
    sampleEnv.remove("AWS_PROFILE");
    sampleEnv.remove("AWS_SESSION_TOKEN");
    sampleEnv.remove("AWS_CONFIG_FILE");
    sampleEnv.remove("AWS_SHARED_CREDENTIALS_FILE");
    sampleEnv.put("HOME", scratch.toString());
    Matcher m = EXPORT.matcher(Files.readString(envFile));
    while (m.find()) {
      sampleEnv.put(m.group(1), m.group(2));
    }
    return sampleEnv;
  }

  private EcsSettings ecsSettings(String profile, Optional<String> region, List<String> clusters) {
    AwsEnvironment aws = AwsEnvironment.of(env, LiveSnapshots.home(env));
    String named = profile;
    if (AwsProfiles.DEFAULT.equals(profile) && !inProfileFiles(aws, profile)) {
      // "default" without a section of its own: the CLI's chain (environment variables, ...), as
      // when no profile is named at all.
      named = null;
    }
    return EcsSettings.builder()
        .profile(named)
        .region(region.orElse(null))
        .clusters(clusters)
        .environment(aws)
        .clock(clock)
        .build();
  }

  private XRaySettings xraySettings(EcsSettings ecs, java.time.Duration window) {
    return XRaySettings.builder()
        .profile(ecs.profile().orElse(null))
        .region(ecs.region().orElse(null))
        .environment(ecs.environment())
        .clock(clock)
        .window(window)
        .build();
  }

  private static boolean inProfileFiles(AwsEnvironment aws, String profile) {
    try {
      return AwsProfiles.read(aws).profile(profile).isPresent();
    } catch (AwsProfiles.UnreadableProfilesException e) {
      return true; // let the resolution say the files cannot be read
    }
  }

  /** Stops every source and the sample, and takes what they said out of the store. */
  private void stopAll() {
    runtime.stopSources();
    if (sample != null) {
      sample.close();
      sample = null;
    }
    if (scratch != null) {
      try (var files = Files.list(scratch)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
        Files.deleteIfExists(scratch);
      } catch (IOException ignored) {
        // A temporary folder left behind is harmless.
      }
      scratch = null;
    }
    inUse = SourceChoice.NONE;
  }

  @Override
  public synchronized void close() {
    stopAll();
    runtime.close();
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
