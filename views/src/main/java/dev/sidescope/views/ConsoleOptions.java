package dev.sidescope.views;

import dev.sidescope.topology.source.EventFeeds;
import dev.sidescope.topology.source.LogTails;
import dev.sidescope.topology.source.ProxyQueries;
import dev.sidescope.topology.source.TraceQueries;
import dev.sidescope.views.sources.SourceCatalog;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the app gives the console: the window title, the folder its settings live in ({@code
 * console.properties}), the snapshot feed, and optionally the file chooser and clipboard (the
 * defaults use the real ones), the catalog of sources behind the Sources dialog, and — when the app
 * found nothing to show — the sentence that says so, which opens the console on its call to action
 * (open the demo, or choose sources). The Traffic tab asks its questions about a selection (time
 * series, traces) through {@code traces}; without one it says that no tracing source is running.
 * The Envoy tab asks a proxy sidecar for its stats and configuration through {@code proxies};
 * without one it says that the proxy source is off. The Logs tab tails the selection's containers
 * through {@code logs}; without one (a manifest-only run) it says that there is no log source. The
 * Events tab reads the selection's platform events through {@code events}, likewise.
 */
public record ConsoleOptions(
    String title,
    Path configDir,
    SnapshotFeed feed,
    Optional<ExportFileChooser> fileChooser,
    Optional<TextClipboard> clipboard,
    Optional<SourceCatalog> sources,
    Optional<String> nothingFound,
    TraceQueries traces,
    ProxyQueries proxies,
    Optional<LogTails> logs,
    Optional<EventFeeds> events) {

  public ConsoleOptions {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(feed, "feed");
    fileChooser = fileChooser == null ? Optional.empty() : fileChooser;
    clipboard = clipboard == null ? Optional.empty() : clipboard;
    sources = sources == null ? Optional.empty() : sources;
    nothingFound = nothingFound == null ? Optional.empty() : nothingFound;
    traces = traces == null ? NoTracing.INSTANCE : traces;
    proxies = proxies == null ? NoProxies.INSTANCE : proxies;
    logs = logs == null ? Optional.empty() : logs;
    events = events == null ? Optional.empty() : events;
  }

  /** Options without an event source, as before the Events tab. */
  public ConsoleOptions(
      String title,
      Path configDir,
      SnapshotFeed feed,
      Optional<ExportFileChooser> fileChooser,
      Optional<TextClipboard> clipboard,
      Optional<SourceCatalog> sources,
      Optional<String> nothingFound,
      TraceQueries traces,
      ProxyQueries proxies,
      Optional<LogTails> logs) {
    this(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        sources,
        nothingFound,
        traces,
        proxies,
        logs,
        Optional.empty());
  }

  /** Options without a log source, as before the Logs tab. */
  public ConsoleOptions(
      String title,
      Path configDir,
      SnapshotFeed feed,
      Optional<ExportFileChooser> fileChooser,
      Optional<TextClipboard> clipboard,
      Optional<SourceCatalog> sources,
      Optional<String> nothingFound,
      TraceQueries traces,
      ProxyQueries proxies) {
    this(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        sources,
        nothingFound,
        traces,
        proxies,
        Optional.empty());
  }

  /** Options without proxy questions, as before the Envoy tab. */
  public ConsoleOptions(
      String title,
      Path configDir,
      SnapshotFeed feed,
      Optional<ExportFileChooser> fileChooser,
      Optional<TextClipboard> clipboard,
      Optional<SourceCatalog> sources,
      Optional<String> nothingFound,
      TraceQueries traces) {
    this(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        sources,
        nothingFound,
        traces,
        NoProxies.INSTANCE);
  }

  /** Options without tracing, as before the Traffic tab. */
  public ConsoleOptions(
      String title,
      Path configDir,
      SnapshotFeed feed,
      Optional<ExportFileChooser> fileChooser,
      Optional<TextClipboard> clipboard,
      Optional<SourceCatalog> sources,
      Optional<String> nothingFound) {
    this(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        sources,
        nothingFound,
        NoTracing.INSTANCE,
        NoProxies.INSTANCE);
  }

  /** Options with the real file chooser and clipboard. */
  public static ConsoleOptions of(String title, Path configDir, SnapshotFeed feed) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        NoTracing.INSTANCE,
        NoProxies.INSTANCE);
  }

  public ConsoleOptions withFileChooser(ExportFileChooser chooser) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        Optional.of(chooser),
        clipboard,
        sources,
        nothingFound,
        traces,
        proxies,
        logs,
        events);
  }

  public ConsoleOptions withClipboard(TextClipboard value) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        fileChooser,
        Optional.of(value),
        sources,
        nothingFound,
        traces,
        proxies,
        logs,
        events);
  }

  /** The Sources dialog (Ctrl+O) chooses and connects sources through this catalog. */
  public ConsoleOptions withSources(SourceCatalog catalog) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        Optional.of(catalog),
        nothingFound,
        traces,
        proxies,
        logs,
        events);
  }

  /**
   * Opens on an empty picture with this sentence ("No kubeconfig at ~/.kube/config and no AWS
   * profile.") and a call to action: the demo in one click, or the Sources dialog.
   */
  public ConsoleOptions withNothingFound(String sentence) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        sources,
        Optional.of(sentence),
        traces,
        proxies,
        logs,
        events);
  }

  /**
   * The Traffic tab asks the tracing sources through {@code queries}: time series, the slowest and
   * the failed traces, one trace. Its futures may complete on any thread; the console hands the
   * answers to the FX thread itself.
   */
  public ConsoleOptions withTraces(TraceQueries queries) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        sources,
        nothingFound,
        Objects.requireNonNull(queries, "queries"),
        proxies,
        logs,
        events);
  }

  /**
   * The Envoy tab asks the proxy source through {@code queries}: a sidecar's stats with their
   * recent values, and its configuration when a person asks for it. Its futures may complete on any
   * thread; the console hands the answers to the FX thread itself.
   */
  public ConsoleOptions withProxies(ProxyQueries queries) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        sources,
        nothingFound,
        traces,
        Objects.requireNonNull(queries, "queries"),
        logs);
  }

  /**
   * The Logs tab tails the containers of the node selected through {@code tails}, only while the
   * tab shows; lines and states arrive on the source's threads, and the console drains them on the
   * FX thread's pulse.
   */
  public ConsoleOptions withLogs(LogTails tails) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        sources,
        nothingFound,
        traces,
        proxies,
        Optional.of(tails),
        events);
  }

  /**
   * The Events tab reads the selection's platform events through {@code feeds}: the Kubernetes
   * Events of a pod and its owners, an ECS task's service events and stopped reasons.
   */
  public ConsoleOptions withEvents(EventFeeds feeds) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        fileChooser,
        clipboard,
        sources,
        nothingFound,
        traces,
        proxies,
        logs,
        Optional.of(feeds));
  }
}
