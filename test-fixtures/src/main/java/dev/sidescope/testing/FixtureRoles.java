package dev.sidescope.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every container of the real payloads in {@code fixtures/kubernetes} and {@code fixtures/ecs},
 * with the role a person reading the file gives it (in {@link Roles}' words). topology's classifier
 * test checks it on workloads written by hand from the files; app's end-to-end test on the same
 * files read by the manifest reader, so the two must agree.
 */
public final class FixtureRoles {
  public static final String ISTIO_DEPLOYMENT = "kubernetes/istio_injected_deployment_hello.yaml";
  public static final String ISTIO_NATIVE = "kubernetes/istio_injected_pod_native_sidecar.yaml";
  public static final String LINKERD = "kubernetes/linkerd_injected_pod.yaml";
  public static final String LINKERD_NATIVE = "kubernetes/linkerd_injected_pod_native_sidecar.yaml";
  public static final String CRASHLOOP = "kubernetes/pod_crashloopbackoff_status.yaml";
  public static final String IMAGEPULL = "kubernetes/pod_imagepullbackoff_status.yaml";
  public static final String INIT_STATUS = "kubernetes/pod_init_container_with_status.json";
  public static final String NATIVE_STATUS = "kubernetes/pod_native_sidecar_with_status.json";
  public static final String NOT_READY = "kubernetes/pod_running_not_ready_status.yaml";
  public static final String APPMESH_FIRELENS = "ecs/taskdef_appmesh_envoy_firelens.json";
  public static final String CWAGENT = "ecs/taskdef_cloudwatch_agent_sidecar_fargate.json";
  public static final String FIRELENS_CWLOGS = "ecs/taskdef_firelens_cloudwatch_logs.json";
  public static final String FIRELENS_CUSTOM = "ecs/taskdef_firelens_fargate_custom_config.json";
  public static final String FIRELENS_HEALTH = "ecs/taskdef_firelens_healthcheck.json";
  public static final String XRAY_FARGATE = "ecs/taskdef_xray_daemon_sidecar_fargate.json";
  public static final String DESCRIBE_TASKDEF = "ecs/describe_task_definition_awscli.json";
  public static final String BOTOCORE = "ecs/botocore_ecs_examples-1.json";
  public static final String TASKS_EC2 = "ecs/describe_tasks_ec2_single.json";
  public static final String TASKS_FARGATE = "ecs/describe_tasks_fargate_multiple.json";

  private FixtureRoles() {}

  /** Rows of (fixture path under {@code fixtures/}, container name, expected role line). */
  public static Stream<Arguments> containers() {
    return Stream.of(
        row(ISTIO_DEPLOYMENT, "istio-init", "init"),
        row(ISTIO_DEPLOYMENT, "istio-proxy", "sidecar istio-proxy sidecar"),
        row(ISTIO_DEPLOYMENT, "hello", "app"),
        row(ISTIO_NATIVE, "istio-init", "init"),
        row(ISTIO_NATIVE, "istio-proxy", "sidecar istio-proxy sidecar"),
        row(ISTIO_NATIVE, "other-sidecar", "sidecar unknown sidecar"),
        row(ISTIO_NATIVE, "hello", "app"),
        row(LINKERD, "linkerd-init", "init"),
        row(LINKERD, "linkerd-proxy", "sidecar linkerd-proxy sidecar"),
        row(LINKERD, "vote-bot", "app"),
        row(LINKERD_NATIVE, "linkerd-init", "init"),
        row(LINKERD_NATIVE, "linkerd-proxy", "sidecar linkerd-proxy sidecar"),
        row(LINKERD_NATIVE, "vote-bot", "app"),
        row(CRASHLOOP, "main", "app"),
        row(IMAGEPULL, "errimagepullbackoff", "app"),
        row(INIT_STATUS, "ic1", "init"),
        row(INIT_STATUS, "nginx", "app"),
        row(NATIVE_STATUS, "init", "init"),
        row(NATIVE_STATUS, "sidecar", "sidecar unknown sidecar"),
        row(NATIVE_STATUS, "sleep", "app"),
        row(NOT_READY, "main", "app"),
        row(APPMESH_FIRELENS, "log_router", "sidecar fluent-bit sidecar"),
        row(APPMESH_FIRELENS, "app", "app"),
        row(APPMESH_FIRELENS, "envoy", "sidecar appmesh-envoy sidecar"),
        row(CWAGENT, "demo-app", "app"),
        row(CWAGENT, "cloudwatch-agent", "sidecar cloudwatch-agent sidecar"),
        row(FIRELENS_CWLOGS, "log_router", "sidecar fluent-bit sidecar"),
        row(FIRELENS_CWLOGS, "app", "app"),
        row(FIRELENS_CUSTOM, "log_router", "sidecar fluent-bit sidecar"),
        row(FIRELENS_CUSTOM, "app", "app"),
        row(FIRELENS_HEALTH, "log_router", "sidecar fluent-bit sidecar"),
        row(FIRELENS_HEALTH, "app", "app"),
        row(XRAY_FARGATE, "service-a", "app"),
        row(XRAY_FARGATE, "xray-sidecar", "sidecar xray-daemon sidecar"),
        row(DESCRIBE_TASKDEF, "wordpress", "app"),
        row(DESCRIBE_TASKDEF, "mysql", "app"),
        row(BOTOCORE, "wordpress", "app"),
        row(BOTOCORE, "mysql", "app"),
        row(BOTOCORE, "sleep", "app"),
        row(TASKS_EC2, "simple-app", "app"),
        row(TASKS_FARGATE, "web", "app"));
  }

  private static Arguments row(String fixture, String container, String expected) {
    return Arguments.of(fixture, container, expected);
  }
}
