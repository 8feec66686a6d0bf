package dev.sidescope.samples.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns JSON as the AWS CLI prints it back into what the wire carries. The only difference that
 * matters for ECS: the CLI shows timestamps as ISO-8601 text ({@code "registeredAt":
 * "2024-06-21T11:15:12.669000-05:00"}), AWS JSON 1.1 sends epoch seconds. A sample may hold a
 * {@code DescribeTaskDefinition} output pasted from the CLI; the endpoint serves it as AWS would.
 */
final class CliJson {
  private CliJson() {}

  /** Rewrites, in place, every text field named {@code *At} that reads as a timestamp. */
  static void toWire(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (value.isTextual() && name.endsWith("At")) {
          try {
            object.put(name, epochSeconds(OffsetDateTime.parse(value.asText()).toInstant()));
          } catch (DateTimeParseException notATimestamp) {
            // Leave it as it is.
          }
        } else {
          toWire(value);
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(CliJson::toWire);
    }
  }

  /** A timestamp as AWS JSON 1.1 writes it: seconds, with milliseconds as decimals. */
  static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
  }
}
