package dev.sidescope.testing.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sidescope.testing.RepositoryFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

/** Validates JSON text against the published {@code docs/snapshot-v1.schema.json}. */
public final class SnapshotSchema {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema schema;

  private SnapshotSchema() {}

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
        String text = Files.readString(RepositoryFolders.docs().resolve("snapshot-v1.schema.json"));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema;
  }
}
