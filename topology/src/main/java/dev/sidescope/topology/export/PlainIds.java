package dev.sidescope.topology.export;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Gives each model id a plain identifier ({@code [A-Za-z][A-Za-z0-9_]*}) for output formats that
 * cannot quote ids, such as Mermaid. Model ids hold {@code /}, {@code .}, {@code :} and any other
 * character a name may hold. Names are readable ({@code n_aws_xray}) and unique; where two ids
 * flatten to the same name, the later one (in the order asked) gets a numeric suffix, so the same
 * sequence of requests always gives the same names. Not thread-safe: one instance per export.
 */
final class PlainIds {
  private final Map<String, String> byId = new HashMap<>();
  private final Set<String> taken = new HashSet<>();

  /** The identifier for {@code id}, made from {@code prefix} and {@code readable} on first use. */
  String of(String id, String prefix, String readable) {
    String existing = byId.get(id);
    if (existing != null) {
      return existing;
    }
    String flat = flatten(readable);
    String base = prefix + (flat.isEmpty() ? "unnamed" : flat);
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      name = base + "_" + n;
    }
    byId.put(id, name);
    return name;
  }

  /** The identifier already given to {@code id}. */
  String get(String id) {
    String name = byId.get(id);
    if (name == null) {
      throw new IllegalStateException("no identifier given yet to " + id);
    }
    return name;
  }

  private static String flatten(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (plain) {
        out.append(c);
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '_') {
      end--;
    }
    return out.substring(0, end);
  }
}
