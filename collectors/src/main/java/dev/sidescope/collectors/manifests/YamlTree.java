package dev.sidescope.collectors.manifests;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One YAML document read into a Jackson tree with its anchors and aliases resolved, as Kubernetes'
 * YAML parser resolves them: {@code env: *common} takes the list anchored {@code &common} earlier
 * in the same document, and a {@code <<: *base} key merges the anchored mapping's keys under the
 * ones written beside it. Jackson's own tree reader gives an alias as a string holding the anchor's
 * name, so a manifest kubectl applies was refused.
 *
 * <p>Each alias is copied where it is used, so a few lines of nested aliases can grow into a tree
 * of billions of values (the "billion laughs"); the values aliases add to one document are capped
 * at {@link #MAX_ALIASED_VALUES}. Confined to the thread that reads the document.
 */
final class YamlTree {
  /**
   * The most values aliases may add to one document: far beyond shared env lists and labels, far
   * below what would exhaust memory when the tree is copied and written out again.
   */
  static final int MAX_ALIASED_VALUES = 100_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MERGE_KEY = "<<";

  /** An anchor's value and how many values it holds, counted once when it is complete. */
  private record Anchored(JsonNode value, long size) {}

  private final YAMLParser parser;
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final Set<String> open = new HashSet<>();
  private long values;
  private long aliased;

  private YamlTree(YAMLParser parser) {
    this.parser = parser;
  }

  /**
   * The document's value, or null when the parser holds nothing. The parser must not have been
   * advanced.
   *
   * @throws Problem when an alias cannot be resolved or aliases add too much
   */
  static JsonNode read(YAMLParser parser) throws IOException, Problem {
    JsonToken first = parser.nextToken();
    return first == null ? null : new YamlTree(parser).value(first);
  }

  private JsonNode value(JsonToken token) throws IOException, Problem {
    if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
      return alias(parser.getText());
    }
    String anchor = parser.getCurrentAnchor();
    if (anchor != null) {
      open.add(anchor);
    }
    long before = values;
    JsonNode value =
        switch (token) {
          case START_OBJECT -> mapping();
          case START_ARRAY -> list();
          default -> scalar(token);
        };
    values++;
    if (anchor != null) {
      open.remove(anchor);
      // A later anchor of the same name replaces the earlier one for the aliases after it.
      anchors.put(anchor, new Anchored(value, values - before));
    }
    return value;
  }

  private JsonNode alias(String name) throws Problem {
    Anchored anchored = anchors.get(name);
    if (anchored == null) {
      // The names of anchors are not said: they are words from the file.
      throw new Problem(
          line(),
          open.contains(name)
              ? "an alias (*name) refers to the value that holds it"
              : "an alias (*name) refers to no anchor defined before it");
    }
    aliased += anchored.size();
    values += anchored.size();
    if (aliased > MAX_ALIASED_VALUES) {
      throw new Problem(
          line(),
          "aliases (*name) expand to more than "
              + MAX_ALIASED_VALUES
              + " values; Sidescope reads no more from one document");
    }
    return anchored.value().deepCopy();
  }

  private ObjectNode mapping() throws IOException, Problem {
    ObjectNode mapping = NODES.objectNode();
    List<JsonNode> merged = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonNode value = value(parser.nextToken());
      if (key.equals(MERGE_KEY) && isMergeable(value)) {
        merged.add(value);
      } else {
        mapping.set(key, value);
      }
    }
    expect(token, JsonToken.END_OBJECT);
    // Keys written in the mapping win over merged ones; of merged mappings, the first wins.
    for (JsonNode source : merged) {
      for (JsonNode one : source.isArray() ? source : List.of(source)) {
        for (Iterator<Map.Entry<String, JsonNode>> f = one.fields(); f.hasNext(); ) {
          Map.Entry<String, JsonNode> field = f.next();
          if (!mapping.has(field.getKey())) {
            mapping.set(field.getKey(), field.getValue());
          }
        }
      }
    }
    return mapping;
  }

  /** A mapping, or a list of mappings, as a {@code <<} key merges; anything else stays a key. */
  private static boolean isMergeable(JsonNode value) {
    if (value.isObject()) {
      return true;
    }
    if (!value.isArray() || value.isEmpty()) {
      return false;
    }
    for (JsonNode item : value) {
      if (!item.isObject()) {
        return false;
      }
    }
    return true;
  }

  private ArrayNode list() throws IOException, Problem {
    ArrayNode list = NODES.arrayNode();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        expect(null, JsonToken.END_ARRAY);
      }
      list.add(value(token));
    }
    return list;
  }

  /** A scalar as Jackson's own tree reader makes it. */
  private JsonNode scalar(JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT ->
          parser.getNumberTypeFP() == JsonParser.NumberTypeFP.BIG_DECIMAL
              ? NODES.numberNode(parser.getDecimalValue())
              : NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT ->
          parser.getEmbeddedObject() instanceof byte[] bytes
              ? NODES.binaryNode(bytes)
              : NODES.pojoNode(parser.getEmbeddedObject());
      default -> throw new IOException("unexpected " + token + " in a YAML document");
    };
  }

  private void expect(JsonToken found, JsonToken expected) throws IOException {
    if (found != expected) {
      throw new IOException("expected " + expected + " in a YAML document, found " + found);
    }
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  /** An alias that cannot be resolved: the line in the document, and why. */
  static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;
    private final int lineInDocument;

    Problem(int lineInDocument, String message) {
      super(message, null, false, false);
      this.lineInDocument = lineInDocument;
    }

    int lineInDocument() {
      return lineInDocument;
    }
  }
}
