package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code LOG_VOLUME_UNSHARED}, severity {@code warning}: the workload has a log sidecar, and an app
 * writes a log file where that sidecar cannot read it — on a volume the sidecar does not mount, or
 * on no volume at all (the app's own filesystem). Those logs are never shipped, and vanish with the
 * container.
 *
 * <p>Log sidecars are Fluent Bit and Fluentd; a CloudWatch agent or an OpenTelemetry Collector
 * counts too when it mounts a volume (without one it cannot tail files, so it is there for metrics
 * or traces). The log file is read from the app's environment: a literal, absolute path in a
 * variable whose name says log plus file, output, path or directory ({@code LOG_OUTPUT}, {@code
 * LOG_FILE}, {@code LOGGING_FILE_NAME}, {@code LOG_DIR}); {@code /dev/stdout} and the like are
 * streams, not files, and are left alone.
 */
public final class LogVolumeUnsharedRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "LOG_VOLUME_UNSHARED";

  private static final Set<SidecarKind> LOG_SHIPPERS =
      Set.of(SidecarKind.FLUENT_BIT, SidecarKind.FLUENTD);
  private static final Set<SidecarKind> FILE_TAILERS_WHEN_MOUNTED =
      Set.of(SidecarKind.CLOUDWATCH_AGENT, SidecarKind.OTEL_COLLECTOR);
  private static final Set<String> LOG_WORDS =
      Set.of("LOG", "LOGS", "LOGGING", "LOGFILE", "LOGDIR", "LOGPATH");
  private static final Set<String> FILE_WORDS =
      Set.of(
          "FILE",
          "FILENAME",
          "OUTPUT",
          "PATH",
          "DIR",
          "DIRECTORY",
          "DEST",
          "DESTINATION",
          "LOCATION",
          "LOGFILE",
          "LOGDIR",
          "LOGPATH");
  private static final Pattern WORD_SEPARATORS = Pattern.compile("[_.-]+");
  private static final List<String> STREAM_PREFIXES = List.of("/dev/", "/proc/");

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Finding> examine(Workload workload, DoctorContext context) {
    List<Container> shippers = new ArrayList<>();
    List<Container> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      if (c.isSidecar() && ships(c)) {
        shippers.add(c);
      }
    }
    if (shippers.isEmpty()) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < containers.size(); i++) {
      Container app = containers.get(i);
      if (app.isApp()) {
        unreadableLogFile(workload, app, shippers).ifPresent(findings::add);
      }
    }
    return findings;
  }

  private static boolean ships(Container sidecar) {
    SidecarKind kind = sidecar.kind().orElseThrow();
    return LOG_SHIPPERS.contains(kind)
        || (FILE_TAILERS_WHEN_MOUNTED.contains(kind) && !sidecar.spec().mounts().isEmpty());
  }

  private static Optional<Finding> unreadableLogFile(
      Workload workload, Container app, List<Container> shippers) {
    List<EnvVar> envs = app.spec().env();
    for (int i = 0; i < envs.size(); i++) {
      EnvVar var = envs.get(i);
      if (var.literal().isEmpty() || !namesLogFile(var.name())) {
        continue;
      }
      String path = var.literal().get().strip();
      if (!path.startsWith("/") || STREAM_PREFIXES.stream().anyMatch(path::startsWith)) {
        continue;
      }
      Optional<VolumeMount> mount = mountHolding(app, path);
      boolean shared =
          mount.isPresent()
              && shippers.stream()
                  .flatMap(s -> s.spec().mounts().stream())
                  .anyMatch(m -> m.volume().equals(mount.get().volume()));
      if (!shared) {
        return Optional.of(finding(workload, app, var.name(), path, mount, shippers));
      }
    }
    return Optional.empty();
  }

  /** True for a name that says log plus file, output, path or directory. */
  static boolean namesLogFile(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!upper.contains("LOG")) {
      return false; // every log word holds LOG
    }
    List<String> words = Arrays.asList(WORD_SEPARATORS.split(upper));
    boolean log = words.stream().anyMatch(LOG_WORDS::contains);
    boolean file = words.stream().anyMatch(FILE_WORDS::contains);
    return log && file;
  }

  /** The app's mount that holds the path: the deepest one, as nested mounts shadow outer ones. */
  private static Optional<VolumeMount> mountHolding(Container app, String path) {
    VolumeMount best = null;
    int bestLength = -1;
    for (VolumeMount mount : app.spec().mounts()) {
      String dir = trimSlash(mount.path());
      boolean holds = dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
      if (holds && dir.length() > bestLength) {
        best = mount;
        bestLength = dir.length();
      }
    }
    return Optional.ofNullable(best);
  }

  private static String trimSlash(String path) {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static Finding finding(
      Workload workload,
      Container app,
      String variable,
      String path,
      Optional<VolumeMount> mount,
      List<Container> shippers) {
    String names = Wording.list(shippers.stream().map(Container::name).toList());
    String sidecars = (shippers.size() == 1 ? "log sidecar " : "log sidecars ") + names;
    String where =
        mount
            .map(
                m ->
                    "to volume "
                        + m.volume()
                        + ", which "
                        + sidecars
                        + (shippers.size() == 1 ? " does" : " do")
                        + " not mount")
            .orElse("to its own filesystem, which " + sidecars + " cannot read");
    String message =
        "App "
            + app.name()
            + " in "
            + Wording.place(workload)
            + " writes its log file "
            + CredentialMask.shown(variable, path)
            + " ("
            + variable
            + ") "
            + where
            + ", so those logs are never shipped.";
    return new Finding(Severity.WARNING, CODE, workload.id(), Optional.of(app.name()), message);
  }
}
