package dev.sidescope.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The shell file that {@code --write-env} writes: {@code export NAME='value'} lines (values in
 * single quotes, paths absolute) and {@code unset NAME ...} lines, from every endpoint of a served
 * sample. {@code . F} (or {@code source F}) points a shell, and so {@code kubectl} and {@code
 * sidescope}, at the sample.
 *
 * <p>Immutable; thread-safe.
 */
final class EnvFile {
  private final String header;
  private final Map<String, String> exports;
  private final Set<String> unsets;

  private EnvFile(String header, Map<String, String> exports, Set<String> unsets) {
    this.header = header;
    this.exports = exports;
    this.unsets = unsets;
  }

  /** What one endpoint puts in the file. */
  record Contribution(Map<String, String> exports, List<String> unsets) {
    public Contribution {
      exports = new LinkedHashMap<>(exports);
      unsets = List.copyOf(unsets);
    }

    static Contribution exports(Map<String, String> exports) {
      return new Contribution(exports, List.of());
    }
  }

  /** The file for {@code contributions}, in order; a later export of a name replaces an earlier. */
  static EnvFile of(String header, List<Contribution> contributions) {
    Map<String, String> exports = new LinkedHashMap<>();
    Set<String> unsets = new LinkedHashSet<>();
    for (Contribution c : contributions) {
      c.exports()
          .forEach((name, value) -> exports.put(checkName(name), Objects.requireNonNull(value)));
      c.unsets().forEach(name -> unsets.add(checkName(name)));
    }
    unsets.removeAll(exports.keySet());
    return new EnvFile(header, exports, unsets);
  }

  /** The exported variables, in order. */
  Map<String, String> exports() {
    return Map.copyOf(exports);
  }

  /** The file's text. */
  String render() {
    StringBuilder b = new StringBuilder();
    if (header != null && !header.isBlank()) {
      header.lines().forEach(l -> b.append("# ").append(l).append('\n'));
    }
    exports.forEach(
        (name, value) ->
            b.append("export ").append(name).append('=').append(quote(value)).append('\n'));
    if (!unsets.isEmpty()) {
      b.append("unset ").append(String.join(" ", unsets)).append('\n');
    }
    return b.toString();
  }

  /** Writes the file atomically (a temporary file, then a rename); returns its absolute path. */
  Path writeTo(Path file) throws IOException {
    return AtomicFiles.write(file, render());
  }

  /** {@code value} in single quotes, each quote in it written {@code '\''}. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static String checkName(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("'" + name + "' is not a shell variable name");
    }
    return name;
  }

  @Override
  public String toString() {
    return render();
  }
}
