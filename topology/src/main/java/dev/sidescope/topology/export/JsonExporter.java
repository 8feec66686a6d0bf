package dev.sidescope.topology.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.proxy.UpstreamHealth;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes a snapshot as {@code sidescope.snapshot/v1} JSON, the contract that scripts, tests and the
 * demo share ({@code docs/snapshot-v1.schema.json}). Field by field, in a fixed order, so that the
 * output is stable and diffs well. No environment values are written: names only.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonExporter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final boolean includeTakenAt;

  /**
   * @param includeTakenAt false for golden files, whose only changing field would be the time
   */
  public JsonExporter(boolean includeTakenAt) {
    this.includeTakenAt = includeTakenAt;
  }

  public JsonExporter() {
    this(true);
  }

  /** The snapshot as pretty-printed JSON, ending in a newline. */
  public String export(TopologySnapshot snapshot) {
    StringWriter out = new StringWriter();
    write(snapshot, out);
    return out.toString();
  }

  /** Writes the snapshot to {@code out}; the caller closes it. */
  public void write(TopologySnapshot snapshot, Writer out) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      DefaultPrettyPrinter pretty =
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      g.setPrettyPrinter(pretty);
      g.writeStartObject();
      g.writeStringField("schema", TopologySnapshot.SCHEMA);
      if (includeTakenAt) {
        g.writeStringField("takenAt", snapshot.takenAt().toString());
      }
      g.writeStringField("grouping", snapshot.grouping().wireName());
      g.writeArrayFieldStart("sources");
      for (SourceStatus s : snapshot.sources()) {
        source(g, s);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("workloads");
      for (Workload w : snapshot.workloads()) {
        workload(g, w);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("nodes");
      for (Node n : snapshot.nodes()) {
        g.writeStartObject();
        g.writeStringField("id", n.id());
        g.writeStringField("kind", n.kind().wireName());
        g.writeStringField("label", n.label());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("edges");
      for (Edge e : snapshot.edges()) {
        edge(g, e);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("findings");
      for (Finding f : snapshot.findings()) {
        finding(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void source(JsonGenerator g, SourceStatus s) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeStringField("status", s.status().wireName());
    nullable(g, "message", s.message());
    nullable(g, "since", s.since().map(Object::toString));
    g.writeEndObject();
  }

  private static void workload(JsonGenerator g, Workload w) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", w.id());
    g.writeStringField("platform", w.platform().wireName());
    g.writeStringField("namespace", w.namespace());
    g.writeStringField("name", w.name());
    nullable(g, "owner", w.owner());
    g.writeNumberField("replicas", w.replicas());
    nullable(g, "phase", w.spec().phase());
    g.writeArrayFieldStart("containers");
    for (Container c : w.containers()) {
      container(g, c);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void container(JsonGenerator g, Container c) throws IOException {
    ContainerState state = c.state();
    g.writeStartObject();
    g.writeStringField("name", c.name());
    g.writeStringField("image", c.image());
    g.writeStringField("role", c.role().wireName());
    nullable(g, "sidecar", c.kind().map(k -> k.id()));
    nullable(g, "variant", c.variant().map(v -> v.wireName()));
    g.writeFieldName("ready");
    if (state.ready().isPresent()) {
      g.writeBoolean(state.ready().get());
    } else {
      g.writeNull();
    }
    g.writeFieldName("restarts");
    if (state.restarts().isPresent()) {
      g.writeNumber(state.restarts().get());
    } else {
      g.writeNull();
    }
    g.writeStringField("state", state.phase().name().toLowerCase(java.util.Locale.ROOT));
    nullable(g, "reason", state.reason());
    if (!c.spec().ports().isEmpty()) {
      g.writeArrayFieldStart("ports");
      for (Port p : c.spec().ports()) {
        g.writeString(p.number() + "/" + p.protocol().toLowerCase(java.util.Locale.ROOT));
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void edge(JsonGenerator g, Edge e) throws IOException {
    g.writeStartObject();
    g.writeStringField("from", e.from());
    g.writeStringField("to", e.to());
    g.writeStringField("kind", e.kind().wireName());
    g.writeArrayFieldStart("evidence");
    for (Evidence ev : e.evidence().stream().sorted(Comparator.naturalOrder()).toList()) {
      g.writeString(ev.wireName());
    }
    g.writeEndArray();
    if (e.detail().isPresent()) {
      g.writeStringField("detail", e.detail().get());
    }
    if (!e.metrics().isEmpty()) {
      metrics(g, "metrics", e.metrics());
    }
    if (!e.measuredBy().isEmpty()) {
      g.writeObjectFieldStart("measuredBy");
      for (Map.Entry<Evidence, EdgeMetrics> by : e.measuredBy().entrySet()) {
        metrics(g, by.getKey().wireName(), by.getValue());
      }
      g.writeEndObject();
    }
    if (e.upstream().isPresent()) {
      UpstreamHealth u = e.upstream().get();
      g.writeObjectFieldStart("upstream");
      g.writeNumberField("healthyHosts", u.healthyHosts());
      g.writeNumberField("totalHosts", u.totalHosts());
      g.writeNumberField("ejectedHosts", u.ejectedHosts());
      g.writeNumberField("activeConnections", u.activeConnections());
      g.writeNumberField("retriesPerSecond", u.retriesPerSecond());
      g.writeNumberField("openCircuitBreakers", u.openCircuitBreakers());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void metrics(JsonGenerator g, String field, EdgeMetrics m) throws IOException {
    g.writeObjectFieldStart(field);
    number(g, "rps", m.rps());
    number(g, "p50Ms", m.p50Ms());
    number(g, "p90Ms", m.p90Ms());
    number(g, "p99Ms", m.p99Ms());
    number(g, "errorRate", m.errorRate());
    g.writeEndObject();
  }

  private static void finding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("severity", f.severity().wireName());
    g.writeStringField("code", f.code());
    g.writeStringField("subject", f.subject());
    if (f.container().isPresent()) {
      g.writeStringField("container", f.container().get());
    }
    g.writeStringField("message", f.message());
    g.writeEndObject();
  }

  private static void nullable(JsonGenerator g, String field, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, value.get());
    } else {
      g.writeNullField(field);
    }
  }

  private static void number(JsonGenerator g, String field, OptionalDouble value)
      throws IOException {
    if (value.isPresent()) {
      g.writeNumberField(field, value.getAsDouble());
    }
  }
}
