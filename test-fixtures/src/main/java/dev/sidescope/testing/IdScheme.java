package dev.sidescope.testing;

/**
 * How the fixtures name what they build, in the shapes of DESIGN.md's snapshot contract: a
 * Kubernetes pod {@code kubernetes/<context>/<namespace>/<pod>}, an ECS task {@code
 * ecs/<region>/<cluster>/<task id>}, a Service {@code service/<context>/<namespace>/<name>}, an ECS
 * service {@code ecs-service/<region>/<cluster>/<name>}, and the sources that report them.
 *
 * <p>{@link #DEFAULT} is the seed's: context {@code kind-dev}, region {@code us-east-1}. A test
 * names another context or region only where its subject is the names themselves.
 */
public record IdScheme(String context, String region) {
  /** Context {@code kind-dev}, region {@code us-east-1}. */
  public static final IdScheme DEFAULT = new IdScheme("kind-dev", "us-east-1");

  /** The same region in another Kubernetes context. */
  public IdScheme inContext(String otherContext) {
    return new IdScheme(otherContext, region);
  }

  /** The same context in another AWS region. */
  public IdScheme inRegion(String otherRegion) {
    return new IdScheme(context, otherRegion);
  }

  /** The Kubernetes source: {@code kubernetes/<context>}. */
  public String kubernetesSource() {
    return "kubernetes/" + context;
  }

  /** The ECS source: {@code ecs/<region>}. */
  public String ecsSource() {
    return "ecs/" + region;
  }

  public String pod(String namespace, String name) {
    return kubernetesSource() + "/" + namespace + "/" + name;
  }

  public String task(String cluster, String taskId) {
    return ecsSource() + "/" + cluster + "/" + taskId;
  }

  public String service(String namespace, String name) {
    return "service/" + context + "/" + namespace + "/" + name;
  }

  public String ecsService(String cluster, String name) {
    return "ecs-service/" + region + "/" + cluster + "/" + name;
  }
}
