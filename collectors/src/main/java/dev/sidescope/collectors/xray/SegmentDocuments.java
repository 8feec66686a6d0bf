package dev.sidescope.collectors.xray;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.topology.model.CredentialMask;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads X-Ray segment documents ({@link SegmentDocument}) from JSON. What the X-Ray SDKs send is
 * read leniently: unknown fields are ignored, numbers may come as text, a missing optional part is
 * absent. What no document can lack makes it malformed: an object with a {@code name} (a segment),
 * an {@code id} of hex digits and a numeric {@code start_time}.
 *
 * <p>Annotation values that look like credentials are masked, as env values are. Stateless and
 * thread-safe.
 */
public final class SegmentDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{1,32}");

  private SegmentDocuments() {}

  /**
   * The document in {@code length} bytes of UTF-8 JSON from {@code offset}.
   *
   * @throws MalformedSegmentException when it is not JSON or not a segment document
   */
  public static SegmentDocument parse(byte[] json, int offset, int length)
      throws MalformedSegmentException {
    JsonNode tree;
    try {
      tree = JSON.readTree(json, offset, length);
    } catch (JsonProcessingException e) {
      throw new MalformedSegmentException("The segment document is not JSON.");
    } catch (IOException e) {
      throw new MalformedSegmentException("The segment document could not be read.");
    }
    return read(tree);
  }

  /** As {@link #parse(byte[], int, int)}, from text (a {@code BatchGetTraces} {@code Document}). */
  public static SegmentDocument parse(String json) throws MalformedSegmentException {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedSegmentException("The segment document is not JSON.");
    }
    return read(tree);
  }

  /** A document already read as a JSON tree. */
  public static SegmentDocument read(JsonNode tree) throws MalformedSegmentException {
    if (tree == null || !tree.isObject()) {
      throw new MalformedSegmentException("The segment document is not a JSON object.");
    }
    return document(tree, true);
  }

  private static SegmentDocument document(JsonNode n, boolean top)
      throws MalformedSegmentException {
    boolean standalone = top && "subsegment".equals(text(n, "type").orElse(null));
    String id = text(n, "id").orElse("");
    if (!HEX_ID.matcher(id).matches()) {
      throw new MalformedSegmentException("A segment document has no id of hex digits.");
    }
    Optional<String> name = text(n, "name");
    if (name.isEmpty() || name.get().isBlank()) {
      throw new MalformedSegmentException("The segment " + id + " has no name.");
    }
    OptionalDouble start = number(n, "start_time");
    if (start.isEmpty()) {
      throw new MalformedSegmentException("The segment " + id + " has no start time.");
    }
    boolean inProgress = n.path("in_progress").asBoolean(false);
    OptionalDouble end = inProgress ? OptionalDouble.empty() : number(n, "end_time");
    JsonNode http = n.path("http");
    JsonNode status = http.path("response").path("status");
    OptionalInt httpStatus =
        status.canConvertToInt() || status.isTextual() && status.asText().matches("\\d{3}")
            ? OptionalInt.of(status.asInt())
            : OptionalInt.empty();
    List<SegmentDocument> subsegments = new ArrayList<>();
    JsonNode subs = n.path("subsegments");
    if (subs.isArray()) {
      for (JsonNode s : subs) {
        if (s.isObject()) {
          subsegments.add(document(s, false));
        }
      }
    }
    return new SegmentDocument(
        name.get(),
        id.toLowerCase(Locale.ROOT),
        top ? text(n, "trace_id") : Optional.empty(),
        text(n, "parent_id").map(p -> p.toLowerCase(Locale.ROOT)),
        standalone,
        start.getAsDouble(),
        end,
        text(n, "namespace").map(s -> s.toLowerCase(Locale.ROOT)),
        text(n, "origin"),
        text(http.path("request"), "method"),
        text(http.path("request"), "url"),
        httpStatus,
        n.path("error").asBoolean(false),
        n.path("fault").asBoolean(false),
        n.path("throttle").asBoolean(false),
        text(n.path("aws"), "operation"),
        annotations(n.path("annotations")),
        subsegments);
  }

  private static Map<String, String> annotations(JsonNode node) {
    if (!node.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isValueNode()) {
        out.put(f.getKey(), CredentialMask.shown(f.getKey(), f.getValue().asText()));
      }
    }
    return out;
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isValueNode() && !v.isNull() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static OptionalDouble number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) {
      return OptionalDouble.empty();
    }
    if (v.isNumber()) {
      return OptionalDouble.of(v.asDouble());
    }
    if (v.isTextual()) {
      try {
        double d = Double.parseDouble(v.asText());
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
      } catch (NumberFormatException e) {
        return OptionalDouble.empty();
      }
    }
    return OptionalDouble.empty();
  }

  /** The host a URL names, lower case and without port; empty when it names none. */
  static Optional<String> hostOf(String url) {
    try {
      String host = new URI(url.trim()).getHost();
      return host == null || host.isEmpty()
          ? Optional.empty()
          : Optional.of(host.toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
