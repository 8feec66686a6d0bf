package dev.sidescope.collectors.manifests;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One document of a manifest file: its text and the line it starts on. YAML files are cut into
 * documents at {@code ---} lines before parsing, so that one broken document does not hide the
 * others; each is parsed into a plain Jackson tree (YAML's aliases resolved by {@link YamlTree}),
 * and line numbers for a problem are found again from the text when they are needed.
 *
 * @param firstLine the 1-based line of the file where {@link #text} starts
 */
record SourceDocument(Format format, int firstLine, String text) {
  /** How the document is written. */
  enum Format {
    YAML,
    JSON
  }

  private static final ObjectMapper YAML = yamlMapper();
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // kubectl and the ECS API refuse a key given twice; the last value must not win quietly.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** The documents of a YAML file, in order; documents with no content are left out. */
  static List<SourceDocument> splitYaml(String text) {
    List<SourceDocument> documents = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentStart = 1;
    boolean hasContent = false;
    boolean hasMarker = false;
    int lineNumber = 0;
    int pos = 0;
    while (pos < text.length()) {
      int end = lineEnd(text, pos);
      int next = nextLine(text, end);
      String line = text.substring(pos, end);
      lineNumber++;
      if (isDocumentStart(line)) {
        if (hasContent) {
          documents.add(new SourceDocument(Format.YAML, currentStart, current.toString()));
        }
        if (hasContent || hasMarker) {
          // Either the previous document is complete or it was empty: start afresh here.
          current.setLength(0);
          currentStart = lineNumber;
          hasContent = false;
        }
        hasMarker = true;
        current.append(line).append('\n');
        // "--- {kind: Pod}" carries content on the marker line itself.
        hasContent |= hasContent(line.substring(3));
      } else if (isDocumentEnd(line)) {
        if (hasContent) {
          documents.add(new SourceDocument(Format.YAML, currentStart, current.toString()));
        }
        current.setLength(0);
        currentStart = lineNumber + 1;
        hasContent = false;
        hasMarker = false;
      } else {
        if (current.length() == 0) {
          currentStart = lineNumber;
        }
        current.append(line).append('\n');
        hasContent |= hasContent(line);
      }
      pos = next;
    }
    if (hasContent) {
      documents.add(new SourceDocument(Format.YAML, currentStart, current.toString()));
    }
    return documents;
  }

  /** A JSON file is one document. */
  static SourceDocument json(String text) {
    return new SourceDocument(Format.JSON, 1, text);
  }

  /**
   * The document as a tree; empty when it holds nothing (only comments, or {@code null}).
   *
   * @throws SyntaxProblem when it does not parse
   */
  Optional<JsonNode> parse() throws SyntaxProblem {
    try {
      JsonNode tree = format == Format.YAML ? yamlTree() : JSON.readTree(text);
      return tree == null || tree.isMissingNode() || tree.isNull()
          ? Optional.empty()
          : Optional.of(tree);
    } catch (JsonProcessingException e) {
      Optional<SyntaxProblem> duplicate = duplicateKey(e);
      if (duplicate.isPresent()) {
        throw duplicate.get();
      }
      throw format == Format.YAML ? yamlProblem(e) : jsonProblem(e);
    } catch (YAMLException e) {
      throw yamlProblem(e);
    } catch (YamlTree.Problem e) {
      throw new SyntaxProblem(fileLine(e.lineInDocument()), e.getMessage());
    } catch (IOException e) {
      throw new SyntaxProblem(OptionalInt.empty(), "not valid YAML");
    }
  }

  /** Jackson's tree reader would give each alias as the anchor's name: resolve them instead. */
  private JsonNode yamlTree() throws IOException, YamlTree.Problem {
    try (YAMLParser parser = (YAMLParser) YAML.createParser(text)) {
      return YamlTree.read(parser);
    }
  }

  /**
   * The file line of the value at {@code pointer}, or of its closest ancestor found; the first line
   * of content for the empty pointer.
   */
  OptionalInt lineOf(JsonPointer pointer) {
    Map<JsonPointer, Integer> lines = new HashMap<>();
    try (JsonParser parser = mapper().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        JsonPointer at =
            token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY
                ? null
                : parser.getParsingContext().pathAsPointer();
        if (at != null && isPrefixOf(at, pointer)) {
          lines.putIfAbsent(at, parser.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException | RuntimeException e) {
      // The text parsed once already; if it does not now, fall back to what was found.
    }
    for (JsonPointer p = pointer; p != null; p = p.head()) {
      Integer line = lines.get(p);
      if (line != null && line > 0) {
        return OptionalInt.of(firstLine + line - 1);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * A key given twice in one mapping, with the lines of both; only the key's name is said, never
   * its values, which may be secrets.
   */
  private Optional<SyntaxProblem> duplicateKey(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null
        || !m.startsWith("Duplicate field")
        || !(e.getProcessor() instanceof JsonParser parser)
        || parser.getParsingContext() == null
        || parser.getParsingContext().getCurrentName() == null) {
      return Optional.empty();
    }
    String key = parser.getParsingContext().getCurrentName();
    // The first time the key is met is the first line found for its path.
    OptionalInt first = lineOf(parser.getParsingContext().pathAsPointer());
    OptionalInt second =
        e.getLocation() == null ? OptionalInt.empty() : fileLine(e.getLocation().getLineNr());
    String where = first.isPresent() ? " (first at line " + first.getAsInt() + ")" : "";
    return Optional.of(new SyntaxProblem(second, "key " + key + " is given twice" + where));
  }

  private ObjectMapper mapper() {
    return format == Format.YAML ? YAML : JSON;
  }

  private static boolean isPrefixOf(JsonPointer prefix, JsonPointer pointer) {
    String p = prefix.toString();
    String full = pointer.toString();
    return full.equals(p) || full.startsWith(p + "/") || p.isEmpty();
  }

  private SyntaxProblem yamlProblem(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked) {
        return yamlProblem(marked);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException j && j.getLocation() != null) {
        return new SyntaxProblem(fileLine(j.getLocation().getLineNr()), jsonMessage(j, "YAML"));
      }
    }
    // The parser's own words may quote the text; the kind of mistake is all that is known here.
    return new SyntaxProblem(OptionalInt.empty(), "not valid YAML");
  }

  private SyntaxProblem yamlProblem(MarkedYAMLException e) {
    String problem = firstLineOf(e.getProblem()).strip();
    String context = e.getContext() == null ? "" : e.getContext().strip();
    Mark at = e.getProblemMark();
    String message;
    if (problem.contains("(TAB)")) {
      message = "a tab is used for indentation; YAML indents with spaces only";
    } else if (problem.startsWith("expected <block end>")) {
      message = "the indentation does not line up with the lines above";
    } else if (problem.startsWith("found unexpected end of stream")
        && context.contains("quoted scalar")) {
      message = "a quoted value is not closed";
      at = e.getContextMark();
    } else if (problem.contains("'<stream end>'")) {
      message = "the document ends in the middle of a value";
    } else if (problem.startsWith("expected ',' or ']'")) {
      message = "a [ list ] is not closed";
      at = e.getContextMark();
    } else if (problem.startsWith("expected ',' or '}'")) {
      message = "a { mapping } is not closed";
      at = e.getContextMark();
    } else {
      message = withoutContent(problem.isEmpty() ? firstLineOf(context) : problem);
    }
    OptionalInt line = at == null ? OptionalInt.empty() : fileLine(at.getLine() + 1);
    return new SyntaxProblem(line, message);
  }

  /**
   * SnakeYAML's wording without the words it quotes from the text (an alias's or an anchor's name,
   * a value): a value may be a secret.
   */
  private static String withoutContent(String problem) {
    if (problem.startsWith("found undefined alias")) {
      return "an alias (*name) refers to no anchor defined before it";
    }
    if (problem.startsWith("found undefined tag handle")) {
      return "a tag handle (!name!) is not declared";
    }
    if (problem.startsWith("found unknown escape character")) {
      return "a quoted value holds a backslash escape YAML does not know";
    }
    if (problem.startsWith("found character") && problem.contains("cannot start any token")) {
      return "a value starts with a character YAML reserves (such as @ or `); quote the value";
    }
    if (problem.startsWith("found duplicate anchor")) {
      return "an anchor (&name) is defined twice";
    }
    // A single quoted character (':', '-') or a token type ('<scalar>') says where the mistake is;
    // a longer quoted word is text from the file.
    String kept = problem.replaceAll("'[^'<][^']{3,}'", "a word").strip();
    return kept.isEmpty() ? "not valid YAML" : kept;
  }

  private SyntaxProblem jsonProblem(JsonProcessingException e) {
    OptionalInt line =
        e.getLocation() == null ? OptionalInt.empty() : fileLine(e.getLocation().getLineNr());
    return new SyntaxProblem(line, jsonMessage(e, "JSON"));
  }

  /**
   * Why JSON does not parse, said for a person. Jackson's own message quotes what it found, which
   * may be a secret written without its quotes, so only the kind of mistake is kept, with the field
   * it is in where known.
   */
  private static String jsonMessage(JsonProcessingException e, String language) {
    String m = firstLineOf(e.getOriginalMessage());
    if (m.startsWith("Unexpected end-of-input: expected close marker for Object")) {
      return "the file ends before an object is closed (a } is missing)";
    }
    if (m.startsWith("Unexpected end-of-input: expected close marker for Array")) {
      return "the file ends before a list is closed (a ] is missing)";
    }
    if (m.contains("nesting depth")) {
      return "the document nests deeper than Sidescope reads";
    }
    if (m.startsWith("Trailing token")) {
      return "there is more text after the end of the first value";
    }
    // Jackson stops on the field before a missing quote, comma or colon, and on the field whose
    // value is wrong otherwise.
    boolean between =
        m.contains("to start field name") || m.contains("comma to separate") || m.contains("colon");
    String where = field(e).map(f -> (between ? " after " : " at ") + f).orElse("");
    return "not valid " + language + where + " (" + jsonMistake(m) + ")";
  }

  /** The kind of mistake a Jackson parse message describes, without what it quotes. */
  private static String jsonMistake(String m) {
    if (m.startsWith("Unrecognized token")) {
      return "an unquoted word where a value was expected";
    }
    if (m.contains("double-quote to start field name")) {
      return "a field name is not in double quotes";
    }
    if (m.contains("comma to separate Object entries")) {
      return "a comma is missing between two fields";
    }
    if (m.contains("comma to separate Array entries")) {
      return "a comma is missing between two list items";
    }
    if (m.contains("colon to separate field name and value")) {
      return "a colon is missing after a field name";
    }
    if (m.startsWith("Unexpected end-of-input")) {
      return m.contains("String") || m.contains("field name")
          ? "a quoted value is not closed"
          : "the file ends in the middle of a value";
    }
    if (m.startsWith("Unexpected close marker")) {
      return "a closing bracket does not match the one opened";
    }
    if (m.startsWith("Illegal unquoted character")) {
      return "a quoted value holds a line break or control character that must be escaped";
    }
    if (m.startsWith("Unrecognized character escape")) {
      return "a quoted value holds a backslash escape JSON does not know";
    }
    if (m.startsWith("Invalid numeric value") || m.contains("Leading zeroes")) {
      return "a number is not written as JSON writes numbers";
    }
    if (m.startsWith("Invalid UTF-8")) {
      return "the text is not valid UTF-8";
    }
    if (m.startsWith("Unexpected character")) {
      return "a character that cannot start a value";
    }
    return "the text does not parse";
  }

  /** The field being read when parsing stopped, as {@code containerDefinitions[0].name}. */
  private static Optional<String> field(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser) || parser.getParsingContext() == null) {
      return Optional.empty();
    }
    StringBuilder shown = new StringBuilder();
    for (JsonPointer p = parser.getParsingContext().pathAsPointer();
        p != null && !p.matches();
        p = p.tail()) {
      if (p.mayMatchElement()) {
        shown.append('[').append(p.getMatchingIndex()).append(']');
      } else {
        shown.append(shown.length() == 0 ? "" : ".").append(p.getMatchingProperty());
      }
    }
    return shown.length() == 0 ? Optional.empty() : Optional.of(shown.toString());
  }

  private OptionalInt fileLine(int lineInDocument) {
    return lineInDocument > 0
        ? OptionalInt.of(firstLine + lineInDocument - 1)
        : OptionalInt.empty();
  }

  private static String firstLineOf(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private static boolean isDocumentStart(String line) {
    return line.startsWith("---") && (line.length() == 3 || Character.isWhitespace(line.charAt(3)));
  }

  private static boolean isDocumentEnd(String line) {
    return line.startsWith("...") && (line.length() == 3 || Character.isWhitespace(line.charAt(3)));
  }

  private static boolean hasContent(String line) {
    String s = line.strip();
    return !s.isEmpty() && !s.startsWith("#") && !s.startsWith("%");
  }

  private static int lineEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  private static int nextLine(String text, int end) {
    if (end < text.length() && text.charAt(end) == '\r') {
      end++;
    }
    if (end < text.length() && text.charAt(end) == '\n') {
      end++;
    }
    return end;
  }

  private static ObjectMapper yamlMapper() {
    LoaderOptions options = new LoaderOptions();
    // The reader caps file size itself; SnakeYAML's default (3 MB) would refuse big CRD bundles.
    options.setCodePointLimit(Math.toIntExact(ManifestReader.MAX_FILE_BYTES) + 1024);
    options.setNestingDepthLimit(500);
    return new YAMLMapper(
        YAMLFactory.builder()
            .loaderOptions(options)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
  }

  /** A document that does not parse: where and why, for a person. */
  static final class SyntaxProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient OptionalInt line;

    SyntaxProblem(OptionalInt line, String message) {
      super(message, null, false, false);
      this.line = line;
    }

    OptionalInt line() {
      return line;
    }
  }
}
