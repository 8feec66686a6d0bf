package dev.sidescope.collectors.proxy;

import dev.sidescope.collectors.aws.PassLoop;
import dev.sidescope.collectors.envoy.EnvoyAdmin;
import dev.sidescope.collectors.envoy.EnvoyStats;
import dev.sidescope.collectors.kubernetes.Kubeconfig;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import dev.sidescope.collectors.threads.DaemonThreads;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.StatSeries;
import dev.sidescope.topology.source.OverlaySink;
import dev.sidescope.topology.source.ProxyQueries;
import dev.sidescope.topology.source.Source;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy source ({@code envoy}): polls the admin APIs of proxy sidecars — Envoy's {@code
 * /server_info}, {@code /clusters} and {@code /stats}, Linkerd's {@code /metrics} and {@code
 * /ready} — and publishes one {@link ProxyReading} per sidecar that answered under {@link
 * OverlayKeys#PROXY_READINGS}, with each upstream's requests per second, error rate, response-time
 * percentiles and health over the last interval. It answers the Envoy tab's questions ({@link
 * ProxyQueries}): a sidecar's configuration, redacted, and its stats with their recent values.
 *
 * <p>Which sidecars it reads is set by {@link #targets(ProxyTargets)} at any time: the app passes
 * the sidecars of the picture ({@link ProxyTargets#fromWorkloads}) and the admin URLs given on the
 * command line. A pod's admin port is reached through a port-forward of the Kubernetes API, which
 * needs a client: make the source with {@link #withPortForwards} or {@link #forKubeContext}.
 *
 * <p><b>Threading.</b> The app calls {@link #start()}, {@link #targets} and {@link #close()} from
 * any thread; they return at once (close waits up to a few seconds for polls to stop). After start,
 * a round runs at once and then every {@link ProxySettings#interval()}, each delay jittered by up
 * to 10%, on the source's loop thread ({@code sidescope-envoy}); a round hands each sidecar's poll
 * to a pool of {@link ProxySettings#parallelism()} threads ({@code sidescope-envoy-poll-N}) and
 * waits for them, each request bounded by {@link ProxySettings#timeout()}. A sidecar is never
 * polled twice at once: one still busy from the last round counts as not answering. Rounds never
 * overlap; {@link #pollNow()} runs one on the caller's thread. Questions run one at a time on
 * {@code sidescope-envoy-questions}, apart from the rounds.
 *
 * <p>The {@link OverlaySink} is called on the thread that ran the round, one call at a time: {@link
 * OverlaySink#publishStatus} at start and whenever the status changes, {@link OverlaySink#publish}
 * after every round with the readings of the sidecars that answered, replacing the last. A sidecar
 * that refuses, hangs or prints something unreadable is left out of that round and named in the
 * status; the others publish. The first poll of a sidecar gives no rates ({@link
 * ProxyReading#measuring()}): they need two. A sink that throws is logged and does not stop the
 * source.
 *
 * <p>Read-only: every request is a GET of an allowed read-only path ({@link
 * EnvoyAdmin#READ_ONLY_PATHS}, {@link LinkerdAdmin#READ_ONLY_PATHS}); {@code /config_dump} only
 * when a person asks, and every secret in it is redacted before it leaves the source.
 */
public final class ProxySource implements Source, ProxyQueries {
  private static final Logger LOG = LoggerFactory.getLogger(ProxySource.class);

  /** The source's id in snapshots. */
  public static final String ID = "envoy";

  /** At most this many sidecars' stats are kept for the Envoy tab at once. */
  static final int KEPT_SUBJECTS = 3;

  /** The stats kept for a sidecar span this many polls. */
  static final int KEPT_POLLS = 60;

  private final OverlaySink sink;
  private final ProxySettings settings;
  private final Clock clock;
  private final HttpClient http;
  private final PortForwards forwards;
  private final KubernetesClient ownedClient; // closed with the source; null when the app owns it
  private final StatHistory history = new StatHistory(KEPT_SUBJECTS, KEPT_POLLS);
  private final PassLoop loop;
  private final ExecutorService polls;
  private final ExecutorService questions;

  private final Object targetsLock = new Object();
  private final Map<String, Sidecar> sidecars = new ConcurrentHashMap<>();
  private volatile Chosen chosen = new Chosen(List.of(), 0, 0);

  private volatile SourceStatus status;
  private volatile boolean started;
  private volatile boolean closed;

  /** The sidecars a round reads, how many were left out, and the ECS proxies counted. */
  private record Chosen(List<ProxyTarget> targets, int notRead, int ecsProxies) {}

  private ProxySource(
      OverlaySink sink, ProxySettings settings, KubernetesClient client, boolean ownsClient) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = settings.clock();
    this.http = EnvoyAdmin.httpClient(settings.timeout());
    this.forwards = new PortForwards(client);
    this.ownedClient = ownsClient ? client : null;
    this.loop =
        new PassLoop(
            "sidescope-" + ID,
            settings.interval(),
            this::pass,
            // A round catches what a sidecar does; if something else throws, polling goes on.
            e -> LOG.warn("A round of the proxy source failed unexpectedly", e));
    AtomicInteger threads = new AtomicInteger();
    this.polls =
        Executors.newFixedThreadPool(
            settings.parallelism(),
            DaemonThreads.named(() -> "sidescope-" + ID + "-poll-" + threads.incrementAndGet()));
    this.questions =
        Executors.newSingleThreadExecutor(
            DaemonThreads.named(() -> "sidescope-" + ID + "-questions"));
    this.status =
        SourceStatus.of(
            ID, SourceState.CONNECTING, "No proxy sidecars to read yet.", clock.instant());
  }

  /** A source that reads admin URLs this machine reaches; pods' ports cannot be forwarded. */
  public ProxySource(OverlaySink sink, ProxySettings settings) {
    this(sink, settings, null, false);
  }

  /**
   * A source that reaches pods' admin ports through port-forwards of {@code client}, a client the
   * app already has; the app keeps owning it (the source closes its forwards, not the client).
   */
  public static ProxySource withPortForwards(
      OverlaySink sink, ProxySettings settings, KubernetesClient client) {
    return new ProxySource(sink, settings, Objects.requireNonNull(client, "client"), false);
  }

  /**
   * A source that reaches pods' admin ports through port-forwards of its own client of {@code
   * context}, made as the Kubernetes source makes its own (the kubeconfig's server, TLS and
   * credentials; an exec credential plugin is run, so call it off the UI thread); it is closed with
   * the source.
   *
   * @throws KubeconfigException when the context cannot be used; its message is one sentence
   */
  public static ProxySource forKubeContext(
      OverlaySink sink, ProxySettings settings, Kubeconfig kubeconfig, String context)
      throws KubeconfigException {
    Config config = kubeconfig.clientConfig(context);
    config.setRequestRetryBackoffLimit(0);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    return new ProxySource(sink, settings, client, true);
  }

  /** {@code envoy}. */
  @Override
  public String id() {
    return ID;
  }

  /** The current status; safe to read from any thread. */
  public SourceStatus status() {
    return status;
  }

  /** How many port-forwards are open now. */
  public int openPortForwards() {
    return forwards.openCount();
  }

  /**
   * Replaces the sidecars to read with {@code targets} (no ECS proxies counted). See {@link
   * #targets(ProxyTargets)}.
   */
  public void targets(Collection<ProxyTarget> targets) {
    targets(new ProxyTargets(List.copyOf(targets), 0));
  }

  /**
   * Replaces the sidecars to read: new ones are polled from the next round, gone ones forgotten
   * (their counters, their kept stats) and their port-forwards closed. A sidecar whose subject
   * stays but whose kind or address changed starts afresh. Where two targets share a subject, the
   * first stands; beyond {@link ProxySettings#maxTargets()}, the first by subject are read and the
   * rest counted in the status. Safe from any thread; returns at once.
   */
  public void targets(ProxyTargets targets) {
    Objects.requireNonNull(targets, "targets");
    Map<String, ProxyTarget> bySubject = new LinkedHashMap<>();
    targets.targets().stream()
        .sorted((a, b) -> a.subject().compareTo(b.subject()))
        .forEach(t -> bySubject.putIfAbsent(t.subject(), t));
    List<ProxyTarget> all = new ArrayList<>(bySubject.values());
    List<ProxyTarget> read = all.subList(0, Math.min(all.size(), settings.maxTargets()));
    synchronized (targetsLock) {
      if (closed) {
        return;
      }
      Set<String> keep = new HashSet<>();
      Set<ProxyTarget.PodPort> pods = new HashSet<>();
      for (ProxyTarget t : read) {
        keep.add(t.subject());
        if (t.reach() instanceof ProxyTarget.PodPort pod) {
          pods.add(pod);
        }
        Sidecar known = sidecars.get(t.subject());
        if (known == null || !known.target.equals(t)) {
          sidecars.put(
              t.subject(), new Sidecar(t, settings.timeout(), http, forwards, history, clock));
          history.forget(t.subject());
        }
      }
      for (String subject : new ArrayList<>(sidecars.keySet())) {
        if (!keep.contains(subject)) {
          sidecars.remove(subject);
          history.forget(subject);
        }
      }
      chosen = new Chosen(List.copyOf(read), all.size() - read.size(), targets.ecsProxies());
      forwards.retain(pods);
    }
  }

  /**
   * Starts polling on the source's own threads: a round at once, then every interval. A second
   * call, or one after {@link #close()}, has no effect.
   */
  @Override
  public synchronized void start() {
    if (loop.started() || closed) {
      return;
    }
    started = true;
    SourceStatus first = status;
    tell(() -> sink.publishStatus(first));
    loop.start();
  }

  /**
   * Runs one round now on the calling thread (after a running one ends) and waits for it: every
   * sidecar polled, the readings and status published when the source has started. Returns what the
   * round measured. For a benchmark, or a person's "now"; blocks on the network, so never on a UI
   * thread.
   *
   * @throws IllegalStateException when the source is closed
   */
  public OverlayData pollNow() {
    if (closed) {
      throw new IllegalStateException("the proxy source is closed");
    }
    return loop.now(this::round);
  }

  private Duration pass() {
    round();
    return loop.succeeded();
  }

  /** One round: every chosen sidecar polled, at most parallelism at once; then publish. */
  private OverlayData round() {
    Chosen now = chosen;
    List<Sidecar> round = new ArrayList<>(now.targets().size());
    for (ProxyTarget t : now.targets()) {
      Sidecar s = sidecars.get(t.subject());
      if (s != null) {
        round.add(s);
      }
    }
    Map<Sidecar, Future<Sidecar.Outcome>> running = new LinkedHashMap<>();
    Map<Sidecar, Sidecar.Outcome> outcomes = new LinkedHashMap<>();
    Sidecar.Outcome stillBusy =
        new Sidecar.Outcome.Failed("no answer within " + ProxyWording.seconds(settings.timeout()));
    for (Sidecar s : round) {
      if (!s.busy.compareAndSet(false, true)) {
        outcomes.put(s, stillBusy);
        continue;
      }
      try {
        running.put(
            s,
            polls.submit(
                () -> {
                  try {
                    return s.poll();
                  } finally {
                    s.busy.set(false);
                  }
                }));
      } catch (RejectedExecutionException e) {
        s.busy.set(false);
        return OverlayData.EMPTY; // closed
      }
    }
    // Each poll makes at most three requests, each given the timeout for its headers and again
    // for its body; polls beyond the pool wait their turn. The deadline only catches what those
    // bounds miss (a port-forward that takes long to open).
    long waves = (running.size() + settings.parallelism() - 1) / settings.parallelism();
    long deadline = System.nanoTime() + settings.timeout().toNanos() * (6 * Math.max(1, waves) + 1);
    for (Map.Entry<Sidecar, Future<Sidecar.Outcome>> e : running.entrySet()) {
      Sidecar.Outcome outcome;
      try {
        outcome = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException late) {
        e.getValue().cancel(true); // interrupts a read stalled inside an answer
        outcome = stillBusy;
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        running.values().forEach(f -> f.cancel(true));
        return OverlayData.EMPTY; // closing
      } catch (ExecutionException failed) {
        LOG.warn("Polling {} failed unexpectedly", e.getKey().target.subject(), failed.getCause());
        outcome = new Sidecar.Outcome.Failed("its answer could not be read");
      }
      outcomes.put(e.getKey(), outcome);
    }
    return finish(now, outcomes);
  }

  /** The round's readings and status, published. */
  private OverlayData finish(Chosen now, Map<Sidecar, Sidecar.Outcome> outcomes) {
    OverlayData.Builder data = OverlayData.builder();
    Map<ProxyTarget.Kind, Integer> byKind = new EnumMap<>(ProxyTarget.Kind.class);
    List<ProxyWording.Silent> silent = new ArrayList<>();
    boolean measuring = false;
    for (Map.Entry<Sidecar, Sidecar.Outcome> e : outcomes.entrySet()) {
      Sidecar s = e.getKey();
      if (sidecars.get(s.target.subject()) != s) {
        continue; // left the targets during the round
      }
      byKind.merge(s.target.kind(), 1, Integer::sum);
      if (e.getValue() instanceof Sidecar.Outcome.Answered a) {
        data.put(s.target.subject(), OverlayKeys.PROXY_READINGS, a.reading());
        measuring |= a.reading().measuring();
      } else {
        silent.add(
            new ProxyWording.Silent(
                s.target.displayName(), ((Sidecar.Outcome.Failed) e.getValue()).reason()));
      }
    }
    int total = byKind.values().stream().mapToInt(Integer::intValue).sum();
    SourceState state =
        silent.isEmpty()
            ? SourceState.LIVE
            : silent.size() == total ? SourceState.DOWN : SourceState.DEGRADED;
    String message =
        ProxyWording.status(
            byKind,
            silent,
            measuring,
            settings.interval(),
            now.notRead(),
            settings.maxTargets(),
            now.ecsProxies());
    SourceStatus before = status;
    setStatus(state, message);
    OverlayData measured = data.build();
    if (started && !closed) {
      tell(() -> sink.publish(ID, measured));
      SourceStatus after = status;
      if (!after.equals(before)) {
        tell(() -> sink.publishStatus(after));
      }
    }
    return measured;
  }

  // ---------------------------------------------------------------------------------- questions

  @Override
  public CompletableFuture<ConfigTree> configDump(String subject) {
    Objects.requireNonNull(subject, "subject");
    return ask(
        () -> {
          Sidecar s = envoySidecar(subject, "configuration");
          try {
            return s.envoyAdmin(s.base()).configDump();
          } catch (IOException e) {
            throw failed(s, "its configuration", e);
          }
        });
  }

  @Override
  public CompletableFuture<List<StatSeries>> stats(String subject, String search, int limit) {
    Objects.requireNonNull(subject, "subject");
    return ask(
        () -> {
          Sidecar s = envoySidecar(subject, "stats");
          history.keep(subject);
          if (!history.recorded(subject)) {
            try {
              EnvoyStats all = s.envoyAdmin(s.base()).stats(false, null);
              history.record(subject, all.values());
            } catch (IOException e) {
              throw failed(s, "its stats", e);
            }
          }
          return history.answer(subject, search, limit);
        });
  }

  /** The Envoy sidecar read as {@code subject}; else the question fails with a sentence. */
  private Sidecar envoySidecar(String subject, String what) {
    Sidecar s = sidecars.get(subject);
    if (s == null) {
      throw new ProxyQueryException("No proxy sidecar " + subject + " is being read.", null);
    }
    if (s.target.kind() != ProxyTarget.Kind.ENVOY) {
      throw new ProxyQueryException(
          s.target.displayName()
              + " runs Linkerd's proxy, whose "
              + what
              + " Sidescope does not read.",
          null);
    }
    return s;
  }

  private ProxyQueryException failed(Sidecar s, String what, IOException e) {
    return new ProxyQueryException(
        s.target.displayName()
            + " did not give "
            + what
            + ": "
            + ProxyWording.reason(e, settings.timeout())
            + ".",
        e);
  }

  /** Runs a question on the question thread. Never throws: a closed source answers failed. */
  private <T> CompletableFuture<T> ask(Supplier<T> work) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    if (closed) {
      answer.completeExceptionally(closedFailure());
      return answer;
    }
    Runnable body =
        () -> {
          try {
            answer.complete(work.get());
          } catch (ProxyQueryException e) {
            answer.completeExceptionally(e);
          } catch (RuntimeException e) {
            LOG.warn("A question to the proxy source failed", e);
            answer.completeExceptionally(
                new ProxyQueryException("The proxy sidecar's answer could not be read.", e));
          }
        };
    try {
      questions.execute(new Question(answer, body));
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(closedFailure());
    }
    return answer;
  }

  /** A question waiting for the question thread, which {@link #close} fails if it never runs. */
  private record Question(CompletableFuture<?> answer, Runnable body) implements Runnable {
    @Override
    public void run() {
      body.run();
    }
  }

  private static ProxyQueryException closedFailure() {
    return new ProxyQueryException("The proxy source is closed.", null);
  }

  // ---------------------------------------------------------------------------------- shared

  /** Calls the sink; one that throws is logged and does not stop the source. */
  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("The sink of the proxy source failed", e);
    }
  }

  private void setStatus(SourceState state, String message) {
    status = status.then(state, message, clock.instant());
  }

  /**
   * Stops polling and answering, fails the questions not yet answered, closes every port-forward
   * and, when the source made it, its Kubernetes client; the sink hears nothing more. Idempotent.
   */
  @Override
  public void close() {
    synchronized (targetsLock) {
      closed = true;
    }
    loop.close();
    polls.shutdownNow();
    for (Runnable never : questions.shutdownNow()) {
      if (never instanceof Question q) {
        q.answer.completeExceptionally(closedFailure());
      }
    }
    try {
      polls.awaitTermination(5, TimeUnit.SECONDS);
      questions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    forwards.close();
    if (ownedClient != null) {
      try {
        ownedClient.close();
      } catch (RuntimeException e) {
        LOG.debug("Closing the Kubernetes client of the proxy source failed", e);
      }
    }
  }
}
