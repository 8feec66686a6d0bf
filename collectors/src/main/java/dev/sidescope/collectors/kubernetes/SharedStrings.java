package dev.sidescope.collectors.kubernetes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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

  /**
   * fabric8's default serialization, with string values shared, and the parts of objects that
   * {@link TrimmedItemStore} would drop from its caches skipped while reading: a pod's conditions,
   * tolerations, volumes, affinity and security context, container ids, every object's {@code
   * managedFields}, and the spec and status of the controllers, of which only metadata is read.
   * Skipping a part costs its bytes only; reading it made objects, which were thrown away again.
   * The source's client only reads, so nothing is ever written back without them.
   */
  static KubernetesSerialization serialization() {
    SimpleModule shared = new SimpleModule("sidescope-shared-strings");
    shared.addDeserializer(String.class, new SharedStrings());
    return new KubernetesSerialization(
        JsonMapper.builderWithJackson2Defaults()
            .addModule(new Jackson2JdkTypesModule())
            .addModule(shared)
            .addMixIn(ObjectMeta.class, WithoutManagedFields.class)
            .addMixIn(PodSpec.class, PodSpecRead.class)
            .addMixIn(PodStatus.class, PodStatusRead.class)
            .addMixIn(ContainerStatus.class, ContainerStatusRead.class)
            .addMixIn(ReplicaSet.class, MetadataOnly.class)
            .addMixIn(Deployment.class, MetadataOnly.class)
            .addMixIn(StatefulSet.class, MetadataOnly.class)
            .addMixIn(DaemonSet.class, MetadataOnly.class)
            .addMixIn(Job.class, MetadataOnly.class)
            .addMixIn(CronJob.class, MetadataOnly.class)
            .build(),
        true);
  }

  @JsonIgnoreProperties({"managedFields"})
  private interface WithoutManagedFields {}

  @JsonIgnoreProperties({"tolerations", "volumes", "affinity", "securityContext"})
  private interface PodSpecRead {}

  @JsonIgnoreProperties({"conditions"})
  private interface PodStatusRead {}

  @JsonIgnoreProperties({"containerID"})
  private interface ContainerStatusRead {}

  @JsonIgnoreProperties({"spec", "status"})
  private interface MetadataOnly {}

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) {
    String value = super.deserialize(parser, context);
    return value == null || value.length() > LONGEST_SHARED ? value : value.intern();
  }
}
