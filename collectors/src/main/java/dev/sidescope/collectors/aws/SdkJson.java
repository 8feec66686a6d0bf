package dev.sidescope.collectors.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Renders an SDK model object as the JSON tree the service sent: each field under its wire name
 * ({@code containerDefinitions}, not {@code ContainerDefinitions}), timestamps as epoch seconds.
 * That lets code written for the JSON the AWS CLI prints and for files (task definitions) read what
 * the SDK returns, through one path.
 *
 * <p>Unset fields are left out; binary and document fields too (ECS has none that Sidescope reads).
 * Stateless and thread-safe.
 */
public final class SdkJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SdkJson() {}

  /** The object as a JSON tree. */
  public static ObjectNode tree(SdkPojo pojo) {
    ObjectNode node = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      JsonNode json = value(value);
      if (json != null) {
        node.set(field.locationName(), json);
      }
    }
    return node;
  }

  private static JsonNode value(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof SdkPojo pojo) {
      return tree(pojo);
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return NODES.numberNode(f);
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Short s) {
      return NODES.numberNode(s);
    }
    if (value instanceof Instant t) {
      return NODES.numberNode(BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3));
    }
    if (value instanceof List<?> list) {
      // The SDK hands out an auto-construct list for a list the service did not send.
      if (value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>) {
        return null;
      }
      ArrayNode array = NODES.arrayNode();
      for (Object element : list) {
        JsonNode json = value(element);
        array.add(json == null ? NODES.nullNode() : json);
      }
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      if (value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>) {
        return null;
      }
      ObjectNode object = NODES.objectNode();
      map.forEach(
          (k, v) -> {
            JsonNode json = value(v);
            if (json != null) {
              object.set(String.valueOf(k), json);
            }
          });
      return object;
    }
    // SdkBytes, Document: nothing Sidescope reads.
    return null;
  }
}
