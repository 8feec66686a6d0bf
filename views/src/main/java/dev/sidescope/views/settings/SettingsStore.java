package dev.sidescope.views.settings;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.picture.TrafficThresholds;
import dev.sidescope.views.sources.SourceChoice;
import dev.sidescope.views.sources.XRayChoice;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads and writes {@link ConsoleSettings} as {@code console.properties} in the config folder,
 * including the sources remembered from the Sources dialog ({@code sources.kube.context.0=...}). A
 * missing file gives the defaults; a file that cannot be read or holds a bad value gives the
 * defaults and one sentence saying so, and the next save replaces it: settings are never a reason
 * not to start. Writes go to a temporary file that is then renamed over the old one.
 *
 * <p>Does file I/O: call it off the FX thread. Not thread-safe; one writer at a time.
 */
public final class SettingsStore {
  public static final String FILE_NAME = "console.properties";

  private final Path file;

  public SettingsStore(Path configDir) {
    this.file = configDir.resolve(FILE_NAME);
  }

  public Path file() {
    return file;
  }

  /** The settings read, and why the file was not used when it was not. */
  public record Loaded(ConsoleSettings settings, Optional<String> problem) {}

  public Loaded load() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Loaded(ConsoleSettings.DEFAULTS, Optional.empty());
    } catch (IOException | RuntimeException e) {
      return corrupt("it could not be read (" + e.getClass().getSimpleName() + ")");
    }
    try {
      return new Loaded(parse(text), Optional.empty());
    } catch (IllegalArgumentException e) {
      return corrupt(e.getMessage());
    }
  }

  private Loaded corrupt(String why) {
    return new Loaded(
        ConsoleSettings.DEFAULTS,
        Optional.of(
            "Settings file "
                + file
                + " was not used because "
                + why
                + "; defaults are in use and it will be replaced."));
  }

  static ConsoleSettings parse(String text) {
    Properties p = new Properties();
    try (Reader r = new StringReader(text)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("it is not a properties file");
    }
    ThemeChoice theme = ThemeChoice.valueOf(upper(p.getProperty("theme", "system"), "theme"));
    Grouping grouping = Grouping.valueOf(upper(p.getProperty("grouping", "pod"), "grouping"));
    Optional<ConsoleSettings.WindowBounds> window = Optional.empty();
    if (p.containsKey("window.width")) {
      try {
        window =
            Optional.of(
                new ConsoleSettings.WindowBounds(
                    Double.parseDouble(p.getProperty("window.x", "0")),
                    Double.parseDouble(p.getProperty("window.y", "0")),
                    Double.parseDouble(p.getProperty("window.width")),
                    Double.parseDouble(p.getProperty("window.height", "0"))));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the window size is not a number");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the window size is not usable");
      }
    }
    boolean maximized = Boolean.parseBoolean(p.getProperty("window.maximized", "false"));
    return new ConsoleSettings(
        theme,
        grouping,
        window,
        maximized,
        sources(p),
        traffic(p),
        envoySidecars(p),
        logBufferLines(p),
        exportFolder(p));
  }

  /**
   * {@code export.folder}: where the last export went. A value that is not a path is dropped rather
   * than making the whole file unusable: the dialog then opens in the Pictures or home folder.
   */
  private static Optional<Path> exportFolder(Properties p) {
    String value = p.getProperty("export.folder");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(value.strip()));
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * Where measured traffic on an arrow starts to warn and to be bad: p99 in milliseconds, error
   * rates in percent, as a person writes them.
   */
  private static TrafficThresholds traffic(Properties p) {
    TrafficThresholds d = TrafficThresholds.DEFAULTS;
    try {
      return new TrafficThresholds(
          number(p, "traffic.p99.warn.ms", d.p99WarnMs()),
          number(p, "traffic.p99.bad.ms", d.p99BadMs()),
          number(p, "traffic.errors.warn.percent", d.errorWarn() * 100) / 100,
          number(p, "traffic.errors.bad.percent", d.errorBad() * 100) / 100);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the traffic thresholds are not usable: " + e.getMessage());
    }
  }

  /** {@code envoy.sidecars.max}: how many Envoy sidecars the console reads at once. */
  private static int envoySidecars(Properties p) {
    double n = number(p, "envoy.sidecars.max", ConsoleSettings.DEFAULT_ENVOY_SIDECARS);
    if (n < 1 || n > 10_000 || n != Math.rint(n)) {
      throw new IllegalArgumentException("envoy.sidecars.max is a whole number from 1 to 10000");
    }
    return (int) n;
  }

  /** {@code logs.buffer.lines}: the log lines kept per stream tailed. */
  private static int logBufferLines(Properties p) {
    double n = number(p, "logs.buffer.lines", ConsoleSettings.DEFAULT_LOG_BUFFER_LINES);
    if (n < 100 || n > 1_000_000 || n != Math.rint(n)) {
      throw new IllegalArgumentException("logs.buffer.lines is a whole number from 100 to 1000000");
    }
    return (int) n;
  }

  private static double number(Properties p, String key, double fallback) {
    String value = p.getProperty(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " \"" + value + "\" is not a number");
    }
  }

  /** The remembered sources: indexed keys, since context and cluster names may hold commas. */
  private static Optional<SourceChoice> sources(Properties p) {
    List<String> contexts = indexed(p, "sources.kube.context.");
    Optional<String> profile = Optional.ofNullable(p.getProperty("sources.aws.profile"));
    if (contexts.isEmpty() && profile.filter(s -> !s.isBlank()).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SourceChoice(
            contexts,
            Optional.ofNullable(p.getProperty("sources.kube.namespace")),
            profile,
            Optional.ofNullable(p.getProperty("sources.aws.region")),
            indexed(p, "sources.ecs.cluster."),
            xray(p)));
  }

  /** The X-Ray settings: written only where they differ from {@link XRayChoice#DEFAULT}. */
  private static XRayChoice xray(Properties p) {
    boolean api = !"false".equalsIgnoreCase(p.getProperty("sources.xray.api", "true").strip());
    Duration window = XRayChoice.DEFAULT_WINDOW;
    String w = p.getProperty("sources.xray.window");
    if (w != null) {
      try {
        window = Duration.parse(w.strip());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("the X-Ray window is not a duration");
      }
    }
    try {
      return new XRayChoice(api, window, Optional.ofNullable(p.getProperty("sources.xray.daemon")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the X-Ray settings are not usable");
    }
  }

  private static List<String> indexed(Properties p, String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 0; p.containsKey(prefix + i); i++) {
      values.add(p.getProperty(prefix + i));
    }
    return values;
  }

  private static String upper(String value, String key) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    boolean known =
        key.equals("theme")
            ? java.util.Arrays.stream(ThemeChoice.values()).anyMatch(t -> t.name().equals(v))
            : java.util.Arrays.stream(Grouping.values()).anyMatch(g -> g.name().equals(v));
    if (!known) {
      throw new IllegalArgumentException(key + " \"" + value + "\" is not known");
    }
    return v;
  }

  static String format(ConsoleSettings s) {
    StringBuilder out = new StringBuilder("# Sidescope console settings; rewritten on exit.\n");
    out.append("theme=").append(s.theme().wireName()).append('\n');
    out.append("grouping=").append(s.grouping().wireName()).append('\n');
    s.window()
        .ifPresent(
            w -> {
              out.append(String.format(Locale.ROOT, "window.x=%.0f%n", w.x()));
              out.append(String.format(Locale.ROOT, "window.y=%.0f%n", w.y()));
              out.append(String.format(Locale.ROOT, "window.width=%.0f%n", w.width()));
              out.append(String.format(Locale.ROOT, "window.height=%.0f%n", w.height()));
            });
    out.append("window.maximized=").append(s.maximized()).append('\n');
    // Written out even at their defaults, so that a person finds them to change.
    TrafficThresholds t = s.traffic();
    out.append("traffic.p99.warn.ms=").append(plain(t.p99WarnMs())).append('\n');
    out.append("traffic.p99.bad.ms=").append(plain(t.p99BadMs())).append('\n');
    out.append("traffic.errors.warn.percent=").append(plain(t.errorWarn() * 100)).append('\n');
    out.append("traffic.errors.bad.percent=").append(plain(t.errorBad() * 100)).append('\n');
    out.append("envoy.sidecars.max=").append(s.envoySidecars()).append('\n');
    out.append("logs.buffer.lines=").append(s.logBufferLines()).append('\n');
    s.exportFolder().ifPresent(f -> out.append(line("export.folder", f.toString())));
    s.sources()
        .ifPresent(
            c -> {
              for (int i = 0; i < c.kubeContexts().size(); i++) {
                out.append(line("sources.kube.context." + i, c.kubeContexts().get(i)));
              }
              c.namespace().ifPresent(n -> out.append(line("sources.kube.namespace", n)));
              c.awsProfile().ifPresent(n -> out.append(line("sources.aws.profile", n)));
              c.awsRegion().ifPresent(n -> out.append(line("sources.aws.region", n)));
              for (int i = 0; i < c.ecsClusters().size(); i++) {
                out.append(line("sources.ecs.cluster." + i, c.ecsClusters().get(i)));
              }
              XRayChoice x = c.xray();
              if (!x.api()) {
                out.append("sources.xray.api=false\n");
              }
              if (!x.window().equals(XRayChoice.DEFAULT_WINDOW)) {
                out.append(line("sources.xray.window", x.window().toString()));
              }
              x.daemon().ifPresent(d -> out.append(line("sources.xray.daemon", d)));
            });
    return out.toString();
  }

  /** A number as a person writes it: {@code 250}, {@code 0.5}. */
  private static String plain(double value) {
    String text = String.format(Locale.ROOT, "%.4f", value);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** One key and value, escaped as {@link Properties} reads them back. */
  private static String line(String key, String value) {
    Properties one = new Properties();
    one.setProperty(key, value);
    java.io.StringWriter w = new java.io.StringWriter();
    try {
      one.store(w, null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // store() writes a date comment first; keep only the entry.
    return w.toString().lines().filter(l -> !l.startsWith("#")).findFirst().orElse("") + "\n";
  }

  /** Writes the settings, replacing the file whole. */
  public void save(ConsoleSettings settings) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.writeString(tmp, format(settings), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
