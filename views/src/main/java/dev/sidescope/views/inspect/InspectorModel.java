package dev.sidescope.views.inspect;

import dev.sidescope.topology.findings.SidecarRestartingRule;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the {@link Inspection} of a picture node from the snapshot: for a container, its pod or
 * task's containers with the selected one first; for a box, all of its containers; for an outside
 * node, the arrows that reach it. Environment values that look like credentials are masked with
 * {@link CredentialMask}; values taken from secrets are never known and say where they come from.
 * Pure.
 */
public final class InspectorModel {
  private InspectorModel() {}

  public static Optional<Inspection> of(
      TopologySnapshot snapshot, TopologyPicture picture, String id) {
    for (PictureBox box : picture.boxes()) {
      Optional<Workload> w = snapshot.workload(box.id());
      if (w.isEmpty()) {
        continue;
      }
      if (box.id().equals(id)) {
        return Optional.of(ofWorkload(snapshot, box, w.get(), Optional.empty()));
      }
      Optional<Container> c =
          w.get().containers().stream().filter(x -> x.id().equals(id)).findFirst();
      if (c.isPresent()) {
        return Optional.of(ofWorkload(snapshot, box, w.get(), c));
      }
    }
    return picture.outside().stream()
        .filter(n -> n.id().equals(id))
        .findFirst()
        .map(n -> ofOutside(snapshot, picture, n));
  }

  private static Inspection ofWorkload(
      TopologySnapshot snapshot, PictureBox box, Workload w, Optional<Container> selected) {
    List<Container> order = new ArrayList<>(w.containers());
    selected.ifPresent(
        s -> {
          order.remove(s);
          order.add(0, s);
        });
    List<Inspection.Section> sections = new ArrayList<>();
    sections.add(
        new Inspection.Section(
            box.title(),
            List.of(
                new Inspection.Row("platform", w.platform().wireName()),
                new Inspection.Row(
                    w.platform() == dev.sidescope.topology.model.Platform.ECS
                        ? "cluster"
                        : "namespace",
                    w.namespace()),
                new Inspection.Row("owner", w.owner().orElse("none")),
                new Inspection.Row("replicas", Integer.toString(w.replicas())),
                new Inspection.Row("phase", w.spec().phase().orElse("unknown")))));
    for (Container c : order) {
      sections.add(containerSection(c));
    }
    Inspection.Section calls = arrowsOut(snapshot, w);
    if (!calls.rows().isEmpty()) {
      sections.add(calls);
    }
    List<Finding> findings = new ArrayList<>(snapshot.findingsFor(w.id()));
    // Worst first, as the findings list reads: an error is never below a warning. Within a
    // severity, the selected container's findings first, then the pod's own, then its other
    // containers'.
    findings.sort(
        Comparator.comparing(Finding::severity)
            .thenComparing(
                (Finding f) ->
                    selected.isPresent() && f.container().equals(Optional.of(selected.get().name()))
                        ? 0
                        : f.container().isEmpty() ? 1 : 2)
            .thenComparing(Finding.ORDER));
    String title = selected.map(Container::name).orElse(box.title());
    String subtitle =
        selected.isPresent()
            ? box.title() + " · " + w.namespace()
            : w.platform().wireName() + " · " + w.namespace();
    return new Inspection(title, subtitle, sections, lines(findings));
  }

  static Inspection.Section containerSection(Container c) {
    List<Inspection.Row> rows = new ArrayList<>();
    rows.add(new Inspection.Row("image", c.image()));
    rows.add(new Inspection.Row("role", c.role().wireName()));
    c.kind().ifPresent(k -> rows.add(new Inspection.Row("kind", k.id())));
    c.variant().ifPresent(v -> rows.add(new Inspection.Row("variant", v.wireName())));
    ContainerState s = c.state();
    rows.add(new Inspection.Row("ready", s.ready().map(r -> r ? "yes" : "no").orElse("unknown")));
    rows.add(new Inspection.Row("restarts", s.restarts().map(String::valueOf).orElse("unknown")));
    String state = s.phase().name().toLowerCase(java.util.Locale.ROOT);
    if (s.reason().isPresent()) {
      state += " (" + s.reason().get() + ")";
    }
    if (s.exitCode().isPresent()) {
      state += ", exit code " + s.exitCode().get();
    }
    rows.add(new Inspection.Row("state", state));
    s.health().ifPresent(h -> rows.add(new Inspection.Row("health", h)));
    List<Port> ports = c.spec().ports();
    rows.add(
        new Inspection.Row(
            "ports",
            ports.isEmpty()
                ? "none"
                : ports.stream()
                    .map(
                        p ->
                            p.number()
                                + "/"
                                + p.protocol().toLowerCase(java.util.Locale.ROOT)
                                + p.name().map(n -> " (" + n + ")").orElse(""))
                    .collect(Collectors.joining(", "))));
    String cpu = c.spec().limits().cpuLimit().orElse("none");
    String mem = c.spec().limits().memoryLimit().orElse("none");
    rows.add(new Inspection.Row("limits", "cpu " + cpu + ", memory " + mem));
    for (EnvVar env : c.spec().env()) {
      rows.add(new Inspection.Row("env " + env.name(), envValue(env)));
    }
    String title =
        c.name()
            + " — "
            + c.kind()
                .map(k -> k.label() + " " + c.variant().map(v -> v.wireName()).orElse("sidecar"))
                .orElse(c.role().wireName());
    return new Inspection.Section(title, rows);
  }

  /**
   * The arrows that leave the workload's containers for somewhere else, each with who knows of it
   * (the manifests, X-Ray, Envoy) and what was measured on it: where a source said which figures
   * are its own, each figure with its source on a line of its own, and what the calling proxy knows
   * of the upstream ({@link EdgeFigures}).
   */
  static Inspection.Section arrowsOut(TopologySnapshot snapshot, Workload w) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    w.containers().forEach(c -> ids.add(c.id()));
    List<Inspection.Row> rows = new ArrayList<>();
    for (Edge e : snapshot.edges()) {
      if (!ids.contains(e.from()) || ids.contains(e.to())) {
        continue;
      }
      String to = snapshot.node(e.to()).map(n -> n.label()).orElse(e.to());
      StringBuilder value = new StringBuilder("to ").append(to);
      if (!e.evidence().isEmpty()) {
        value
            .append(" · ")
            .append(
                e.evidence().stream()
                    .sorted()
                    .map(Evidence::wireName)
                    .collect(Collectors.joining(", ")));
      }
      List<String> figures = EdgeFigures.lines(e);
      if (e.measuredBy().isEmpty() && e.upstream().isEmpty()) {
        // One source that did not say which: its figures on the same line, as before.
        figures.forEach(m -> value.append(" · ").append(m));
      } else {
        figures.forEach(m -> value.append('\n').append(m));
      }
      rows.add(new Inspection.Row(e.kind().wireName(), value.toString()));
    }
    return new Inspection.Section("Arrows out", rows);
  }

  /** What an environment variable may show: a masked or plain literal, or where it comes from. */
  static String envValue(EnvVar env) {
    if (env.literal().isPresent()) {
      return CredentialMask.shown(env.name(), env.literal().get());
    }
    return env.reference().map(r -> "from " + r).orElse("(unset)");
  }

  private static Inspection ofOutside(
      TopologySnapshot snapshot, TopologyPicture picture, PictureNode node) {
    List<Inspection.Row> in = new ArrayList<>();
    for (PictureEdge e : picture.edges()) {
      if (e.to().equals(node.id())) {
        String from = picture.node(e.from()).map(n -> n.lines().get(0)).orElse(e.from());
        Optional<Edge> edge =
            snapshot.edges().stream()
                .filter(
                    x -> x.from().equals(e.from()) && x.to().equals(e.to()) && x.kind() == e.kind())
                .findFirst();
        String detail = e.lines().isEmpty() ? "" : " — " + String.join(", ", e.lines());
        if (edge.isPresent()
            && (!edge.get().measuredBy().isEmpty() || edge.get().upstream().isPresent())) {
          // Each figure with its source, under the arrow's own detail.
          detail =
              edge.get().detail().filter(d -> !d.isBlank()).map(d -> " — " + d).orElse("")
                  + "\n"
                  + String.join("\n", EdgeFigures.lines(edge.get()));
        }
        String known =
            edge.filter(x -> !x.evidence().isEmpty())
                .map(
                    x ->
                        " ("
                            + x.evidence().stream()
                                .sorted()
                                .map(Evidence::wireName)
                                .collect(Collectors.joining(", "))
                            + ")")
                .orElse("");
        detail = known + detail;
        in.add(new Inspection.Row(e.kind().wireName(), "from " + from + detail));
      } else if (e.from().equals(node.id())) {
        String to = picture.node(e.to()).map(n -> n.lines().get(0)).orElse(e.to());
        in.add(new Inspection.Row(e.kind().wireName(), "to " + to));
      }
    }
    String kind =
        switch (node.style()) {
          case SERVICE -> "service";
          case AWS -> "AWS service";
          case VAULT -> "HashiCorp Vault";
          default -> "external host";
        };
    List<Finding> findings = snapshot.findingsFor(node.id());
    return new Inspection(
        node.lines().get(0),
        kind + " · " + node.id(),
        List.of(new Inspection.Section("Arrows", in)),
        lines(findings));
  }

  private static List<Inspection.FindingLine> lines(List<Finding> findings) {
    return findings.stream()
        .map(f -> new Inspection.FindingLine(f.severity(), f.code(), f.message(), previousLogs(f)))
        .toList();
  }

  /** A restarting sidecar's container, whose previous run's logs say why it stopped. */
  private static Optional<String> previousLogs(Finding f) {
    if (!f.code().equals(SidecarRestartingRule.CODE)) {
      return Optional.empty();
    }
    return f.container().map(c -> f.subject() + "/" + c);
  }
}
