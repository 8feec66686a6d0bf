package dev.sidescope.collectors.kubernetes;

import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kubeconfig files as kubectl reads them: {@code --kubeconfig FILE}, else every file of {@code
 * KUBECONFIG} merged (the first file that names a context, cluster or user wins, and the first
 * {@code current-context} set wins), else {@code ~/.kube/config}.
 *
 * <p>Relative paths (certificates, exec commands) stay relative to the file that holds them, as
 * fabric8's merge resolves them; Sidescope only picks the files and the context.
 *
 * <p>Immutable once loaded and safe to share between threads. {@link #clientConfig(String)} runs
 * the context's exec credential plugin, if any, so it belongs on a source's own thread, never on a
 * UI thread.
 */
public final class Kubeconfig {

  /** A user's exec credential plugin and the kubeconfig file that declares it. */
  public record ExecPlugin(String command, Path declaredIn) {}

  private final List<Path> files;
  private final List<io.fabric8.kubernetes.api.model.Config> parsed;
  private final Map<String, NamedContext> contexts;
  private final Map<String, ExecPlugin> execPlugins;
  private final Optional<String> currentContext;

  private Kubeconfig(
      List<Path> files,
      List<io.fabric8.kubernetes.api.model.Config> parsed,
      Map<String, NamedContext> contexts,
      Map<String, ExecPlugin> execPlugins,
      Optional<String> currentContext) {
    this.files = List.copyOf(files);
    this.parsed = List.copyOf(parsed);
    this.contexts = contexts;
    this.execPlugins = execPlugins;
    this.currentContext = currentContext;
  }

  /**
   * The files kubectl would read, in order: {@code explicit} when given (whether or not it exists,
   * so that loading it says so), else the existing files named by {@code KUBECONFIG} in {@code
   * environment}, else {@code <home>/.kube/config} when it exists. Empty when none is found.
   */
  public static List<Path> locate(
      Optional<Path> explicit, Map<String, String> environment, Path home) {
    if (explicit.isPresent()) {
      return List.of(explicit.get());
    }
    String variable = environment.get("KUBECONFIG");
    if (variable != null && !variable.isBlank()) {
      List<Path> found = new ArrayList<>();
      for (String entry : variable.split(File.pathSeparator)) {
        // kubectl skips the names in KUBECONFIG that do not exist.
        if (!entry.isBlank() && Files.isRegularFile(Path.of(entry))) {
          found.add(Path.of(entry));
        }
      }
      return found;
    }
    Path standard = defaultFile(home);
    return Files.isRegularFile(standard) ? List.of(standard) : List.of();
  }

  /** Why {@link #locate} found nothing, as a phrase: where it looked. */
  public static String noneFound(Map<String, String> environment, Path home) {
    String variable = environment.get("KUBECONFIG");
    return variable != null && !variable.isBlank()
        ? "no kubeconfig found in KUBECONFIG (" + variable + ")"
        : "no kubeconfig found at " + defaultFile(home);
  }

  /** {@code <home>/.kube/config}, where kubectl looks when {@code KUBECONFIG} is not set. */
  public static Path defaultFile(Path home) {
    return home.resolve(".kube").resolve("config");
  }

  /** Reads and merges these files; the first file wins every name. */
  public static Kubeconfig load(List<Path> files) throws KubeconfigException {
    if (files.isEmpty()) {
      throw new KubeconfigException("no kubeconfig file was given.");
    }
    List<io.fabric8.kubernetes.api.model.Config> parsed = new ArrayList<>();
    Map<String, NamedContext> contexts = new LinkedHashMap<>();
    Map<String, ExecPlugin> execPlugins = new LinkedHashMap<>();
    Map<String, Boolean> usersSeen = new LinkedHashMap<>();
    Optional<String> current = Optional.empty();
    for (Path file : files) {
      io.fabric8.kubernetes.api.model.Config config = parse(file);
      parsed.add(config);
      if (current.isEmpty() && config.getCurrentContext() != null) {
        current = Optional.of(config.getCurrentContext()).filter(s -> !s.isBlank());
      }
      if (config.getContexts() != null) {
        for (NamedContext c : config.getContexts()) {
          if (c != null && c.getName() != null && c.getContext() != null) {
            contexts.putIfAbsent(c.getName(), c);
          }
        }
      }
      if (config.getUsers() != null) {
        for (NamedAuthInfo u : config.getUsers()) {
          if (u == null
              || u.getName() == null
              || usersSeen.putIfAbsent(u.getName(), true) != null) {
            continue;
          }
          ExecConfig exec = u.getUser() == null ? null : u.getUser().getExec();
          if (exec != null && exec.getCommand() != null && !exec.getCommand().isBlank()) {
            execPlugins.put(u.getName(), new ExecPlugin(exec.getCommand(), file));
          }
        }
      }
    }
    if (contexts.isEmpty()) {
      throw new KubeconfigException(describe(files) + " names no contexts.");
    }
    return new Kubeconfig(files, parsed, contexts, execPlugins, current);
  }

  private static io.fabric8.kubernetes.api.model.Config parse(Path file)
      throws KubeconfigException {
    if (!Files.exists(file)) {
      throw new KubeconfigException("the kubeconfig " + file + " does not exist.");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new KubeconfigException("the kubeconfig " + file + " is not a readable file.");
    }
    requireUtf8(file);
    io.fabric8.kubernetes.api.model.Config config;
    try {
      // From the file, not its text: fabric8 marks each entry with its file, against which
      // relative certificate and token paths resolve.
      config = KubeConfigUtils.parseConfig(file.toFile());
    } catch (StackOverflowError e) {
      // The YAML parser recurses once per level of nesting and has no limit of its own.
      throw new KubeconfigException(
          "the kubeconfig " + file + " nests deeper than Sidescope reads.", e);
    } catch (RuntimeException e) {
      throw new KubeconfigException(
          "the kubeconfig " + file + " is not valid: " + ApiFailures.rootMessage(e) + ".", e);
    }
    if (config == null) {
      throw new KubeconfigException("the kubeconfig " + file + " is empty.");
    }
    return config;
  }

  /**
   * Refuses a file that is not UTF-8, as kubectl reads it, naming its first byte that is not: the
   * parser would only say "Input length = 1".
   */
  private static void requireUtf8(Path file) throws KubeconfigException {
    ByteBuffer bytes;
    try {
      bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new KubeconfigException("the kubeconfig " + file + " cannot be read.", e);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // UTF-8 never needs more chars than bytes, so one buffer always holds the text.
    CharBuffer text = CharBuffer.allocate(bytes.remaining());
    CoderResult result = decoder.decode(bytes, text, true);
    if (!result.isError()) {
      result = decoder.flush(text);
    }
    if (result.isError()) {
      int offset = bytes.position();
      throw new KubeconfigException(
          String.format(
              Locale.ROOT,
              "the kubeconfig %s is not UTF-8 text (byte 0x%02X at offset %d).",
              file,
              bytes.get(offset) & 0xFF,
              offset));
    }
  }

  public List<Path> files() {
    return files;
  }

  /** Every context, in the order kubectl lists them (file order, first wins). */
  public List<String> contexts() {
    return List.copyOf(contexts.keySet());
  }

  /** The {@code current-context}, as the first file that sets one says. */
  public Optional<String> currentContext() {
    return currentContext;
  }

  /**
   * The contexts to watch: {@code wanted} when given (each must exist), else the current context.
   */
  public List<String> select(List<String> wanted) throws KubeconfigException {
    if (wanted.isEmpty()) {
      String current =
          currentContext.orElseThrow(
              () ->
                  new KubeconfigException(
                      describe(files)
                          + " sets no current-context; pass --context (one of: "
                          + String.join(", ", contexts())
                          + ")."));
      if (!contexts.containsKey(current)) {
        throw new KubeconfigException(
            "the current-context '"
                + current
                + "' is not defined in "
                + describe(files)
                + " (contexts: "
                + String.join(", ", contexts())
                + ").");
      }
      return List.of(current);
    }
    List<String> selected = new ArrayList<>();
    for (String name : wanted) {
      if (!contexts.containsKey(name)) {
        throw new KubeconfigException(
            "there is no context '"
                + name
                + "' in "
                + describe(files)
                + " (contexts: "
                + String.join(", ", contexts())
                + ").");
      }
      if (!selected.contains(name)) {
        selected.add(name);
      }
    }
    return selected;
  }

  /** The exec credential plugin of the context's user, if it uses one. */
  public Optional<ExecPlugin> execPlugin(String context) {
    NamedContext named = contexts.get(context);
    if (named == null || named.getContext().getUser() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(execPlugins.get(named.getContext().getUser()));
  }

  /**
   * Why the context's exec credential plugin cannot run, if it cannot: {@code exec plugin aws not
   * found on PATH}. A command with a path is looked up relative to the kubeconfig that declares it;
   * a bare name on {@code PATH} from {@code environment}, as kubectl does.
   */
  public Optional<String> missingExecPlugin(String context, Map<String, String> environment) {
    Optional<ExecPlugin> plugin = execPlugin(context);
    if (plugin.isEmpty()) {
      return Optional.empty();
    }
    String command = plugin.get().command();
    if (command.contains("/") || command.contains(File.separator)) {
      Path path = Path.of(command);
      if (!path.isAbsolute()) {
        Path dir = plugin.get().declaredIn().toAbsolutePath().getParent();
        path = dir == null ? path : dir.resolve(path);
      }
      return Files.isExecutable(path)
          ? Optional.empty()
          : Optional.of("exec plugin " + command + " not found");
    }
    String searchPath = environment.getOrDefault("PATH", "");
    boolean windows = File.separatorChar == '\\';
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      for (String suffix : windows ? List.of("", ".exe", ".cmd", ".bat") : List.of("")) {
        if (Files.isExecutable(Path.of(dir, command + suffix))) {
          return Optional.empty();
        }
      }
    }
    return Optional.of("exec plugin " + command + " not found on PATH");
  }

  /** The namespace the context names, if any. */
  public Optional<String> namespace(String context) {
    NamedContext named = contexts.get(context);
    return named == null
        ? Optional.empty()
        : Optional.ofNullable(named.getContext().getNamespace()).filter(s -> !s.isBlank());
  }

  /**
   * A fabric8 client configuration for {@code context}: server, TLS, credentials, namespace. Runs
   * the user's exec credential plugin, if it has one.
   */
  public Config clientConfig(String context) throws KubeconfigException {
    if (!contexts.containsKey(context)) {
      throw new KubeconfigException(
          "there is no context '" + context + "' in " + describe(files) + ".");
    }
    Config config = Config.empty();
    try {
      KubeConfigUtils.merge(
          config, context, parsed.toArray(io.fabric8.kubernetes.api.model.Config[]::new));
    } catch (RuntimeException e) {
      throw new KubeconfigException(
          "cannot use the context '" + context + "': " + ApiFailures.rootMessage(e) + ".", e);
    }
    if (config.getCurrentContext() == null
        || !context.equals(config.getCurrentContext().getName())) {
      throw new KubeconfigException(
          "cannot use the context '" + context + "': its cluster or user is not defined.");
    }
    return config;
  }

  private static String describe(List<Path> files) {
    if (files.size() == 1) {
      return "the kubeconfig " + files.get(0);
    }
    return "the kubeconfig files " + String.join(", ", files.stream().map(Path::toString).toList());
  }
}
