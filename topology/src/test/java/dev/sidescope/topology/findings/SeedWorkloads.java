package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.running;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.Workload;
import java.util.Optional;

/** The seed document's two order-service workloads (shared/seed/sidecar-pattern.md), running. */
final class SeedWorkloads {
  static final String LOG_VOLUME = "log-volume";
  static final String LOG_DIR = "/var/log/app";

  private SeedWorkloads() {}

  /** The ECS task: the app logs to a file on log-volume, which Fluent Bit also mounts. */
  static Workload orderServiceTask() {
    return orderServiceTask(fluentBit().mount(new VolumeMount(LOG_VOLUME, LOG_DIR, false)));
  }

  /** The ECS task with the given Fluent Bit sidecar. */
  static Workload orderServiceTask(ContainerSpec.Builder fluentBit) {
    return WorkloadBuilder.task("5d0f4c6b2a8e4b1f9c3a7e6d2b1c0a9f")
        .owner("Service/order-service")
        .app(
            ContainerSpec.builder(
                    "order-service",
                    "123456789.dkr.ecr.us-east-1.amazonaws.com/order-service:latest")
                .essential(true)
                .port(Port.tcp(8080))
                .env("LOG_OUTPUT", "/var/log/app/app.log")
                .mount(new VolumeMount(LOG_VOLUME, LOG_DIR, false))
                .state(running()))
        .sidecar(SidecarKind.FLUENT_BIT, fluentBit)
        .build();
  }

  /** The seed's Fluent Bit sidecar, non-essential, running, with no mounts yet. */
  static ContainerSpec.Builder fluentBit() {
    return ContainerSpec.builder("fluent-bit-sidecar", "amazon/aws-for-fluent-bit:stable")
        .essential(false)
        .env("FLB_LOG_LEVEL", "info")
        .state(running());
  }

  /** The Kubernetes pod: the app sends traces to the X-Ray daemon sidecar on localhost. */
  static Workload orderServicePod() {
    return WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
        .owner("Deployment/order-service")
        .label("app", "order-service")
        .app(
            container("order-service")
                .port(Port.tcp(8080))
                .env("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000")
                .limits(new Resources(Optional.of("1"), Optional.of("1Gi")))
                .state(running()))
        .sidecar(
            SidecarKind.XRAY_DAEMON,
            ContainerSpec.builder("xray-daemon", "amazon/aws-xray-daemon:latest")
                .port(Port.udp(2000))
                .limits(new Resources(Optional.of("100m"), Optional.of("64Mi")))
                .state(running()))
        .build();
  }
}
