package dev.sidescope.topology.classify;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ProxyConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The sidecar table compiled for lookup once, so that classifying a container costs one image parse
 * and a few hash lookups rather than a walk over every row. Matching gives the same answer as
 * reading the table top to bottom: within one {@link EvidenceType}, the earliest row wins.
 *
 * <p>Immutable once built, so safe to share between threads; the one thing it remembers, which rows
 * an image reference's patterns match, is a function of the reference alone and kept in a
 * concurrent map.
 */
final class RuleIndex {

  private record Entry<P>(P pattern, int row) {}

  private record PortKey(int number, String protocol) {}

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final List<Rule> rules;

  /** For each row, its match on each kind of evidence: made once, as every container has one. */
  private final List<Map<EvidenceType, Optional<Match>>> matches;

  private final int[] declaredRows;
  private final Map<String, List<Entry<ImagePattern>>> imagesByName = new HashMap<>();
  private final List<Entry<ImagePattern>> imagesByShape = new ArrayList<>();
  private final Map<String, List<Entry<NamePattern>>> namesExact = new HashMap<>();
  private final List<Entry<NamePattern>> namesByShape = new ArrayList<>();
  private final Map<PortKey, List<Integer>> rowsByPort = new HashMap<>();
  private final Map<String, List<Integer>> rowsByAddressEnv = new HashMap<>();

  /**
   * For each image reference as written, the rows whose image patterns match it, in table order. A
   * cluster runs far fewer distinct images than containers (replicas share theirs), so each is
   * parsed and matched once; the map is emptied should it ever hold {@value #MAX_REMEMBERED_IMAGES}
   * of them. Most images match no row and share one empty array.
   */
  private final Map<String, int[]> imageRows = new ConcurrentHashMap<>();

  private static final int MAX_REMEMBERED_IMAGES = 65_536;
  private static final int[] NO_ROWS = {};

  RuleIndex(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    List<Map<EvidenceType, Optional<Match>>> byRow = new ArrayList<>();
    for (Rule rule : this.rules) {
      Map<EvidenceType, Optional<Match>> byEvidence = new EnumMap<>(EvidenceType.class);
      for (EvidenceType evidence : EvidenceType.values()) {
        byEvidence.put(evidence, Optional.of(new Match(rule, evidence)));
      }
      byRow.add(byEvidence);
    }
    this.matches = List.copyOf(byRow);
    List<Integer> declared = new ArrayList<>();
    for (int row = 0; row < this.rules.size(); row++) {
      Rule rule = this.rules.get(row);
      if (rule.isDeclared()) {
        declared.add(row);
      }
      for (ImagePattern image : rule.images()) {
        Entry<ImagePattern> entry = new Entry<>(image, row);
        if (image.name().isExact()) {
          imagesByName.computeIfAbsent(image.name().text(), k -> new ArrayList<>()).add(entry);
        } else {
          imagesByShape.add(entry);
        }
      }
      for (NamePattern name : rule.names()) {
        Entry<NamePattern> entry = new Entry<>(name, row);
        if (name.isExact()) {
          namesExact.computeIfAbsent(name.text(), k -> new ArrayList<>()).add(entry);
        } else {
          namesByShape.add(entry);
        }
      }
      for (Port port : rule.ports()) {
        rowsByPort
            .computeIfAbsent(new PortKey(port.number(), port.protocol()), k -> new ArrayList<>())
            .add(row);
      }
      if (rule.addressEnv().isPresent()) {
        rowsByAddressEnv.computeIfAbsent(rule.addressEnv().get(), k -> new ArrayList<>()).add(row);
      }
    }
    this.declaredRows = declared.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The strongest row that matches a container, if any.
   *
   * @param addressRow the row whose address variable, set in another container, points at this one;
   *     -1 when none does
   */
  Optional<Match> match(ContainerSpec spec, int addressRow, WorkloadContext context) {
    int row = declaredRow(spec, context);
    if (row >= 0) {
      return matches.get(row).get(EvidenceType.DECLARED);
    }
    row = imageRow(spec, context);
    if (row >= 0) {
      return matches.get(row).get(EvidenceType.IMAGE);
    }
    if (addressRow >= 0) {
      return matches.get(addressRow).get(EvidenceType.ADDRESS);
    }
    row = nameRow(spec, context);
    if (row >= 0) {
      return matches.get(row).get(EvidenceType.NAME);
    }
    row = portRow(spec, context);
    if (row >= 0) {
      return matches.get(row).get(EvidenceType.PORT);
    }
    return Optional.empty();
  }

  private int declaredRow(ContainerSpec spec, WorkloadContext context) {
    for (int row : declaredRows) {
      Rule rule = rules.get(row);
      if (declares(rule, spec, context) && allows(rule, spec, context)) {
        return row;
      }
    }
    return -1;
  }

  /** True when the workload itself says the container is this row's kind. */
  private static boolean declares(Rule rule, ContainerSpec spec, WorkloadContext context) {
    if (rule.proxyType().isPresent()) {
      Optional<ProxyConfig> proxy = context.workload().proxy();
      if (proxy.isPresent()
          && proxy.get().type().equalsIgnoreCase(rule.proxyType().get())
          && proxy.get().containerName().equals(spec.name())) {
        return true;
      }
    }
    if (rule.firelensType().isPresent()
        && spec.firelens().isPresent()
        && spec.firelens().get().driver().equalsIgnoreCase(rule.firelensType().get())) {
      return true;
    }
    return rule.listingAnnotation().isPresent()
        && context.listedIn(rule.listingAnnotation().get(), spec.name());
  }

  private int imageRow(ContainerSpec spec, WorkloadContext context) {
    for (int row : imageRows(spec.image())) {
      if (allows(rules.get(row), spec, context)) {
        return row;
      }
    }
    return -1;
  }

  /** The rows with an image pattern that matches this reference, in table order. */
  private int[] imageRows(String reference) {
    int[] rows = imageRows.get(reference);
    if (rows == null) {
      rows = matchingImageRows(ImageReference.parse(reference));
      if (imageRows.size() >= MAX_REMEMBERED_IMAGES) {
        imageRows.clear();
      }
      imageRows.put(reference, rows);
    }
    return rows;
  }

  private int[] matchingImageRows(ImageReference image) {
    boolean[] matched = new boolean[rules.size()];
    int count = 0;
    for (Entry<ImagePattern> entry : imagesByName.getOrDefault(image.name(), List.of())) {
      if (!matched[entry.row()] && entry.pattern().matches(image)) {
        matched[entry.row()] = true;
        count++;
      }
    }
    for (Entry<ImagePattern> entry : imagesByShape) {
      if (!matched[entry.row()] && entry.pattern().matches(image)) {
        matched[entry.row()] = true;
        count++;
      }
    }
    if (count == 0) {
      return NO_ROWS;
    }
    int[] rows = new int[count];
    for (int row = 0, i = 0; row < matched.length; row++) {
      if (matched[row]) {
        rows[i++] = row;
      }
    }
    return rows;
  }

  private int nameRow(ContainerSpec spec, WorkloadContext context) {
    String name = spec.name().toLowerCase(Locale.ROOT);
    int best = Integer.MAX_VALUE;
    List<Entry<NamePattern>> exact = namesExact.get(name);
    if (exact != null) {
      for (Entry<NamePattern> entry : exact) {
        if (entry.row() < best && allows(entry, spec, context)) {
          best = entry.row();
        }
      }
    }
    for (Entry<NamePattern> entry : namesByShape) {
      if (entry.row() < best && entry.pattern().matches(name) && allows(entry, spec, context)) {
        best = entry.row();
      }
    }
    return best == Integer.MAX_VALUE ? -1 : best;
  }

  private int portRow(ContainerSpec spec, WorkloadContext context) {
    int best = Integer.MAX_VALUE;
    List<Port> ports = spec.ports();
    for (int i = 0; i < ports.size(); i++) {
      Port port = ports.get(i);
      for (int row :
          rowsByPort.getOrDefault(new PortKey(port.number(), port.protocol()), List.of())) {
        if (row < best && allows(rules.get(row), spec, context)) {
          best = row;
        }
      }
    }
    return best == Integer.MAX_VALUE ? -1 : best;
  }

  /**
   * For each container, the row whose address variable another container of the workload sets to
   * it: {@code AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000} points at the container declaring port 2000,
   * {@code xray-daemon:2000} (an ECS link) at the container named {@code xray-daemon}. -1 where
   * nothing points.
   */
  int[] addressRows(List<ContainerSpec> specs, WorkloadContext context) {
    int[] rows = new int[specs.size()];
    Arrays.fill(rows, -1);
    if (rowsByAddressEnv.isEmpty()) {
      return rows;
    }
    for (int from = 0; from < specs.size(); from++) {
      List<EnvVar> envs = specs.get(from).env();
      for (int i = 0; i < envs.size(); i++) {
        EnvVar env = envs.get(i);
        List<Integer> envRows = rowsByAddressEnv.get(env.name());
        if (envRows != null && env.literal().isPresent()) {
          for (int row : envRows) {
            pointAt(specs, from, env.literal().get(), row, rows, context);
          }
        }
      }
    }
    return rows;
  }

  /** Marks the containers an address value points at; the value may list several addresses. */
  private void pointAt(
      List<ContainerSpec> specs,
      int from,
      String value,
      int row,
      int[] rows,
      WorkloadContext context) {
    // The X-Ray SDKs accept "host:port" and "tcp:host:port udp:host:port".
    for (String address : splitOnWhitespace(value.trim())) {
      String hostPort =
          address.startsWith("tcp:") || address.startsWith("udp:") ? address.substring(4) : address;
      int colon = hostPort.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        continue;
      }
      boolean loopback = isLoopback(host);
      for (int to = 0; to < specs.size(); to++) {
        ContainerSpec target = specs.get(to);
        if (to == from || target.initContainer() && !target.restartAlways()) {
          continue;
        }
        boolean pointed =
            loopback ? declaresPort(target, port) : target.name().equalsIgnoreCase(host);
        if (pointed
            && (rows[to] < 0 || row < rows[to])
            && allows(rules.get(row), target, context)) {
          rows[to] = row;
        }
      }
    }
  }

  /**
   * {@code WHITESPACE.split(text)}, without a matcher for the usual text that holds no whitespace
   * ({@code \s}: space, tab, line feed, vertical tab, form feed, carriage return).
   */
  private static String[] splitOnWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        return WHITESPACE.split(text);
      }
    }
    return new String[] {text};
  }

  private static boolean isLoopback(String host) {
    return host.isEmpty()
        || host.equalsIgnoreCase("localhost")
        || host.startsWith("127.")
        || host.equals("0.0.0.0")
        || host.equals("::1");
  }

  private static boolean declaresPort(ContainerSpec spec, int number) {
    List<Port> ports = spec.ports();
    for (int i = 0; i < ports.size(); i++) {
      Port port = ports.get(i);
      if (port.number() == number) {
        return true;
      }
    }
    return false;
  }

  private boolean allows(Entry<?> entry, ContainerSpec spec, WorkloadContext context) {
    return allows(rules.get(entry.row()), spec, context);
  }

  /** The row's conditions: an annotation on the pod, a word in the command. */
  private static boolean allows(Rule rule, ContainerSpec spec, WorkloadContext context) {
    if (rule.requiredAnnotation().isPresent()
        && !context.hasAnnotation(rule.requiredAnnotation().get())) {
      return false;
    }
    return rule.requiredCommandWord().isEmpty()
        || mentions(spec.command(), rule.requiredCommandWord().get());
  }

  /** True when a word of the command is {@code word}, as in {@code vault agent -config=...}. */
  private static boolean mentions(List<String> command, String word) {
    for (String part : command) {
      if (part.equals(word)) {
        return true;
      }
      if (part.contains(word)) {
        for (String token : WHITESPACE.split(part)) {
          if (token.equals(word)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
