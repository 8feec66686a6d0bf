package dev.sidescope.testing.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Validates JSON text against the published {@code docs/snapshot-v1.schema.json}. */
public final class SnapshotSchema {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema schema;

  private SnapshotSchema() {}

  /** The repository's {@code docs/} folder, found from any module's working directory. */
  public static Path docs() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docs/snapshot-v1.schema.json"))) {
        return p.resolve("docs");
      }
    }
    throw new IllegalStateException("no docs/snapshot-v1.schema.json above " + here);
  }

  /** The schema violations of this JSON text, as readable lines; empty when valid. */
  public static List<String> violations(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      Set<ValidationMessage> messages = schema().validate(node);
      return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
  }

  private static synchronized JsonSchema schema() {
    if (schema == null) {
      try {
        String text = Files.readString(docs().resolve("snapshot-v1.schema.json"));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema;
  }
}
