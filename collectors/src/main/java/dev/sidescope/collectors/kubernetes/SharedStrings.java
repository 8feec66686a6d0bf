package dev.sidescope.collectors.kubernetes;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads every short JSON string value as one shared instance ({@link String#intern()}): the pods of
 * a cluster repeat their images, env vars, ports, mounts, labels, annotations and statuses
 * thousands of times over, and the informer caches keep them all. On a generated cluster of 20,000
 * pods this is most of the strings, and most of the heap (see the README's performance section).
 * Field names are shared by Jackson already.
 *
 * <p>Interned strings that nothing refers to any more are collected, so a long-running source does
 * not accumulate the names of pods long gone. Stateless; thread-safe.
 */
final class SharedStrings extends StringDeserializer {
  /** Longer strings (certificates, last-applied configurations) are rarely repeated. */
  private static final int LONGEST_SHARED = 256;

  private SharedStrings() {}

  /** fabric8's default serialization, with string values shared. */
  static KubernetesSerialization serialization() {
    SimpleModule shared = new SimpleModule("sidescope-shared-strings");
    shared.addDeserializer(String.class, new SharedStrings());
    return new KubernetesSerialization(
        JsonMapper.builderWithJackson2Defaults()
            .addModule(new Jackson2JdkTypesModule())
            .addModule(shared)
            .build(),
        true);
  }

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) {
    String value = super.deserialize(parser, context);
    return value == null || value.length() > LONGEST_SHARED ? value : value.intern();
  }
}
