package dev.sidescope.samples.aws;

/**
 * The ARNs of a sample account's ECS resources, in the fixed fake account {@value #ACCOUNT_ID} and
 * the sample's region: one place for their shapes, which the folder reader, the API answers and the
 * task descriptions all write.
 *
 * @param region the sample's region, e.g. {@code us-east-1}
 */
record EcsArns(String region) {
  /** The fake account every ARN names. */
  static final String ACCOUNT_ID = "123456789012";

  /** {@code arn:aws:ecs:<region>:<account>:cluster/<name>}. */
  String cluster(String name) {
    return prefix() + "cluster/" + name;
  }

  /** {@code arn:aws:ecs:<region>:<account>:service/<cluster>/<name>}. */
  String service(String cluster, String name) {
    return prefix() + "service/" + cluster + "/" + name;
  }

  /** {@code arn:aws:ecs:<region>:<account>:task/<cluster>/<id>}. */
  String task(String cluster, String id) {
    return prefix() + "task/" + cluster + "/" + id;
  }

  /** {@code arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>}. */
  String taskDefinition(String familyAndRevision) {
    return prefix() + "task-definition/" + familyAndRevision;
  }

  /** {@code arn:aws:ecs:<region>:<account>:container/<cluster>/<task id>/<container id>}. */
  String container(String cluster, String taskId, String containerId) {
    return prefix() + "container/" + cluster + "/" + taskId + "/" + containerId;
  }

  private String prefix() {
    return "arn:aws:ecs:" + region + ":" + ACCOUNT_ID + ":";
  }
}
