package dev.sidescope.samples.kubernetes;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the fabric8 model objects the server makes by the tens of thousands.
 *
 * <p>Jackson 3 reads each bean property through its own method handle, which on Java 17 costs a
 * generated class and a JIT compilation per property and makes a cold start of a 20,000-pod cluster
 * take many seconds. {@link #write} walks the model instead: the fields fabric8 annotates with
 * {@code @JsonProperty}, its inclusion rules ({@code NON_NULL}, {@code NON_EMPTY}) and its
 * any-getter, written with Jackson's streaming generator; {@link Quantity} and {@link AnyType}
 * ({@code IntOrString}) as their serializers write them, and any other class with its own
 * serializer through Jackson. The output is the same JSON as fabric8's (a test compares every
 * served object), in at most the same order of fields.
 *
 * <p>Thread-safe.
 */
final class ModelJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonFactory STREAMS = new JsonFactory();
  private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();
  private static final Map<Class<?>, BeanShape> SHAPES = new ConcurrentHashMap<>();

  private ModelJson() {}

  /** The object as the API server would write it. */
  static String write(Object object) {
    StringWriter out = new StringWriter(2048);
    try (JsonGenerator g = STREAMS.createGenerator(out)) {
      value(object, g);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  /** A deep copy, through JSON. */
  static <T> T copy(T object, Class<T> type) {
    return MAPPER.readValue(MAPPER.writeValueAsString(object), type);
  }

  /** Reads {@code json} as a {@code type}. */
  static <T> T read(String json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }

  /**
   * A shallow copy: a new object whose fields refer to the same values. For the pods of one
   * controller, which share everything in their spec but the node.
   */
  static <T> T shallowCopy(T object, Class<T> type) {
    try {
      T copy = type.getDeclaredConstructor().newInstance();
      for (Field f : FIELDS.computeIfAbsent(type, ModelJson::instanceFields)) {
        f.set(copy, f.get(object));
      }
      return copy;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy a " + type.getSimpleName(), e);
    }
  }

  private static void value(Object v, JsonGenerator g) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).intValue());
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Float f) {
      g.writeNumber(f);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(e.getValue(), g);
      }
      g.writeEndObject();
    } else if (v instanceof Collection<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        value(item, g);
      }
      g.writeEndArray();
    } else if (v instanceof Quantity q) {
      // Quantity.Serializer: the amount and the format run together, "500m", "1Gi".
      g.writeString(
          (q.getAmount() == null ? "" : q.getAmount())
              + (q.getFormat() == null ? "" : q.getFormat()));
    } else if (v instanceof AnyType any) {
      // AnyType.Serializer (IntOrString and kin): the value itself.
      value(any.getValue(), g);
    } else {
      BeanShape shape = SHAPES.computeIfAbsent(v.getClass(), BeanShape::of);
      if (shape == null) {
        // A type this walker does not know: Jackson writes it as fabric8 would.
        g.writeRawValue(MAPPER.writeValueAsString(v));
      } else {
        shape.write(v, g);
      }
    }
  }

  /** How one model class is written: its properties in order, then its any-getter's entries. */
  private record BeanShape(List<Property> properties, Method anyGetter) {
    /** The shape of a fabric8 model class; null for a class this walker should not write. */
    static BeanShape of(Class<?> type) {
      if (type.isAnnotationPresent(JsonSerialize.class)
          || type.isEnum()
          || type.isArray()
          || !type.getName().startsWith("io.fabric8.")) {
        return null;
      }
      JsonInclude classInclude = type.getAnnotation(JsonInclude.class);
      List<Property> properties = new ArrayList<>();
      Method anyGetter = null;
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        List<Property> own = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
          JsonProperty name = f.getAnnotation(JsonProperty.class);
          if (Modifier.isStatic(f.getModifiers())
              || name == null
              || f.isAnnotationPresent(JsonIgnore.class)) {
            continue;
          }
          JsonInclude include = f.getAnnotation(JsonInclude.class);
          JsonInclude.Include rule =
              include != null
                  ? include.value()
                  : classInclude != null ? classInclude.value() : JsonInclude.Include.ALWAYS;
          f.setAccessible(true);
          own.add(new Property(name.value().isEmpty() ? f.getName() : name.value(), f, rule));
        }
        properties.addAll(0, own);
        if (anyGetter == null) {
          for (Method m : c.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonAnyGetter.class) && m.getParameterCount() == 0) {
              m.setAccessible(true);
              anyGetter = m;
            }
          }
        }
      }
      return new BeanShape(List.copyOf(properties), anyGetter);
    }

    void write(Object bean, JsonGenerator g) throws IOException {
      g.writeStartObject();
      try {
        for (Property p : properties) {
          Object v = p.field().get(bean);
          if (p.included(v)) {
            g.writeFieldName(p.name());
            value(v, g);
          }
        }
        if (anyGetter != null && anyGetter.invoke(bean) instanceof Map<?, ?> extra) {
          for (Map.Entry<?, ?> e : extra.entrySet()) {
            g.writeFieldName(String.valueOf(e.getKey()));
            value(e.getValue(), g);
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read a " + bean.getClass().getSimpleName(), e);
      }
      g.writeEndObject();
    }
  }

  /** One property: its JSON name, its field and when it is written. */
  private record Property(String name, Field field, JsonInclude.Include rule) {
    boolean included(Object v) {
      return switch (rule) {
        case NON_NULL, NON_ABSENT -> v != null;
        case NON_EMPTY -> !empty(v);
        default -> true;
      };
    }

    private static boolean empty(Object v) {
      return v == null
          || (v instanceof Collection<?> c && c.isEmpty())
          || (v instanceof Map<?, ?> m && m.isEmpty())
          || (v instanceof String s && s.isEmpty());
    }
  }

  private static List<Field> instanceFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        fields.add(f);
      }
    }
    return fields;
  }
}
