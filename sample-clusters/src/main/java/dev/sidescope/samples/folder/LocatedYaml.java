package dev.sidescope.samples.folder;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML read into plain values (maps, lists, strings, numbers, booleans, null) that remember the
 * line they start on, so that a sample's reader can say where a problem is. Multi-document streams
 * give one node per non-empty document.
 */
final class LocatedYaml {
  private static final YAMLFactory YAML = new YAMLFactory();

  /**
   * A value and the line (from 1) it starts on.
   *
   * @param value a {@code Map<String, Node>}, a {@code List<Node>}, a String, a Number, a Boolean
   *     or null
   */
  record Node(Object value, int line) {
    boolean isMap() {
      return value instanceof Map;
    }

    @SuppressWarnings("unchecked")
    Map<String, Node> map() {
      return value instanceof Map ? (Map<String, Node>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    List<Node> list() {
      return value instanceof List ? (List<Node>) value : List.of();
    }

    /** The value without line numbers: maps, lists and scalars, as JSON would hold them. */
    Object plain() {
      if (value instanceof Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put((String) k, ((Node) v).plain()));
        return out;
      }
      if (value instanceof List<?> l) {
        List<Object> out = new ArrayList<>(l.size());
        l.forEach(v -> out.add(((Node) v).plain()));
        return out;
      }
      return value;
    }
  }

  /** Thrown for text that is not YAML, with the line of the problem. */
  static final class SyntaxError extends IOException {
    private static final long serialVersionUID = 1L;
    final int line;
    final String problem;

    SyntaxError(int line, String problem, Throwable cause) {
      super(problem, cause);
      this.line = line;
      this.problem = problem;
    }
  }

  private LocatedYaml() {}

  /**
   * Every document in the text; empty documents are left out.
   *
   * @throws StreamConstraintsException for a document past the parser's limits (nesting, value
   *     length): not a syntax error, so the caller words it ({@link SampleText#beyondLimits})
   */
  static List<Node> readAll(String text) throws IOException {
    List<Node> documents = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        Node document = read(parser, token);
        if (document.value() != null) {
          documents.add(document);
        }
      }
    } catch (StreamConstraintsException e) {
      throw e;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      String problem = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
      throw new SyntaxError(line, problem.lines().findFirst().orElse(problem).strip(), e);
    }
    return documents;
  }

  private static Node read(JsonParser parser, JsonToken token) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Node> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          map.put(key, read(parser, parser.nextToken()));
        }
        return new Node(Collections.unmodifiableMap(map), line);
      }
      case START_ARRAY -> {
        List<Node> list = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          list.add(read(parser, next));
        }
        return new Node(Collections.unmodifiableList(list), line);
      }
      case VALUE_STRING -> {
        return new Node(parser.getText(), line);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Node(parser.getNumberValue(), line);
      }
      case VALUE_TRUE -> {
        return new Node(Boolean.TRUE, line);
      }
      case VALUE_FALSE -> {
        return new Node(Boolean.FALSE, line);
      }
      case VALUE_NULL -> {
        return new Node(null, line);
      }
      default -> {
        // Embedded binary and the like: keep the text, as Kubernetes would see a string.
        return new Node(parser.getText(), line);
      }
    }
  }
}
