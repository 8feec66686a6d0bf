package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogVolumeUnsharedRuleTest {
  private final LogVolumeUnsharedRule rule = new LogVolumeUnsharedRule();

  private List<Finding> examine(Workload workload) {
    return rule.examine(workload, new DoctorContext(List.of(workload), List.of()));
  }

  private static VolumeMount mount(String volume, String path) {
    return new VolumeMount(volume, path, false);
  }

  @Test
  void seedTaskSharesItsLogVolumeWithFluentBit() {
    assertThat(examine(SeedSample.orderServiceTask().build())).isEmpty();
  }

  @Test
  void seedTaskWithoutTheSidecarsMountIsAWarningNamingFileVolumeAndSidecar() {
    Workload task = SeedSample.orderServiceTask(SeedSample.fluentBitUnmounted()).build();

    assertThat(examine(task))
        .containsExactly(
            new Finding(
                Severity.WARNING,
                "LOG_VOLUME_UNSHARED",
                task.id(),
                Optional.of("order-service"),
                "App order-service in task 5d0f4c6b2a8e4b1f9c3a7e6d2b1c0a9f writes its log file"
                    + " /var/log/app/app.log (LOG_OUTPUT) to volume log-volume, which log sidecar"
                    + " fluent-bit-sidecar does not mount, so those logs are never shipped."));
  }

  @Test
  void sidecarMountingAnotherVolumeAtTheSamePathDoesNotShareIt() {
    Workload task =
        SeedSample.orderServiceTask(
                SeedSample.fluentBitUnmounted().mount(mount("other-volume", SeedSample.LOG_DIR)))
            .build();

    assertThat(examine(task)).hasSize(1);
  }

  @Test
  void sidecarMountingTheVolumeElsewhereSharesIt() {
    Workload task =
        SeedSample.orderServiceTask(
                SeedSample.fluentBitUnmounted()
                    .mount(mount(SeedSample.LOG_VOLUME, "/fluent-bit/tail")))
            .build();

    assertThat(examine(task)).isEmpty();
  }

  @Test
  void logFileOnTheAppsOwnFilesystemCannotBeRead() {
    Workload pod =
        WorkloadBuilder.pod("web-6c5d-abcde")
            .app(container("web").env("LOG_FILE", "/app/logs/web.log"))
            .sidecar(SidecarKind.FLUENTD, container("fluentd").mount(mount("varlog", "/var/log")))
            .build();

    assertThat(examine(pod))
        .singleElement()
        .extracting(Finding::message)
        .isEqualTo(
            "App web in pod web-6c5d-abcde writes its log file /app/logs/web.log (LOG_FILE) to its"
                + " own filesystem, which log sidecar fluentd cannot read, so those logs are never"
                + " shipped.");
  }

  @Test
  void deepestMountHoldsTheFile() {
    WorkloadBuilder pod =
        WorkloadBuilder.pod("web-6c5d-abcde")
            .app(
                container("web")
                    .env("LOG_OUTPUT", "/var/log/app/app.log")
                    .mount(mount("outer", "/var/log"))
                    .mount(mount("inner", "/var/log/app/")));

    Workload sharesInner =
        pod.sidecar(SidecarKind.FLUENT_BIT, container("fluent-bit").mount(mount("inner", "/logs")))
            .build();
    assertThat(examine(sharesInner)).isEmpty();

    Workload sharesOuter =
        WorkloadBuilder.pod("web-6c5d-abcde")
            .app(
                container("web")
                    .env("LOG_OUTPUT", "/var/log/app/app.log")
                    .mount(mount("outer", "/var/log"))
                    .mount(mount("inner", "/var/log/app/")))
            .sidecar(
                SidecarKind.FLUENT_BIT, container("fluent-bit").mount(mount("outer", "/var/log")))
            .build();
    assertThat(examine(sharesOuter))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("to volume inner,");
  }

  @Test
  void mountWithASimilarPrefixDoesNotHoldTheFile() {
    Workload pod =
        WorkloadBuilder.pod("web-6c5d-abcde")
            .app(
                container("web")
                    .env("LOG_OUTPUT", "/var/log/app.log")
                    .mount(mount("logs", "/var/lo")))
            .sidecar(
                SidecarKind.FLUENT_BIT, container("fluent-bit").mount(mount("logs", "/var/lo")))
            .build();

    assertThat(examine(pod))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("to its own filesystem");
  }

  @Test
  void withoutALogSidecarNothingIsExpectedToReadTheFile() {
    Workload pod =
        WorkloadBuilder.pod("web-6c5d-abcde")
            .app(container("web").env("LOG_FILE", "/app/logs/web.log"))
            .sidecar(SidecarKind.XRAY_DAEMON, "xray-daemon")
            .build();

    assertThat(examine(pod)).isEmpty();
  }

  @Test
  void collectorWithoutVolumesIsNoLogSidecar() {
    Workload pod =
        WorkloadBuilder.pod("web-6c5d-abcde")
            .app(container("web").env("LOG_FILE", "/app/logs/web.log"))
            .sidecar(SidecarKind.OTEL_COLLECTOR, "otel-collector")
            .build();

    assertThat(examine(pod)).isEmpty();
  }

  @Test
  void cloudWatchAgentTailingAnotherVolumeIsReported() {
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .app(
                container("orders")
                    .env("LOG_PATH", "/var/log/orders/orders.log")
                    .mount(mount("orders-logs", "/var/log/orders")))
            .sidecar(
                SidecarKind.CLOUDWATCH_AGENT,
                container("cloudwatch-agent").mount(mount("nginx-logs", "/var/log/nginx")))
            .build();

    assertThat(examine(task))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("to volume orders-logs, which log sidecar cloudwatch-agent does not mount");
  }

  @Test
  void severalLogSidecarsAreNamedAndAnyOfThemMayShareTheVolume() {
    WorkloadBuilder base =
        WorkloadBuilder.pod("web-6c5d-abcde")
            .app(
                container("web")
                    .env("LOG_DIR", "/var/log/web")
                    .mount(mount("logs", "/var/log/web")))
            .sidecar(SidecarKind.FLUENT_BIT, "fluent-bit");

    assertThat(examine(base.sidecar(SidecarKind.FLUENTD, "fluentd").build()))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("which log sidecars fluent-bit and fluentd do not mount");
    assertThat(
            examine(
                WorkloadBuilder.pod("web-6c5d-abcde")
                    .app(
                        container("web")
                            .env("LOG_DIR", "/var/log/web")
                            .mount(mount("logs", "/var/log/web")))
                    .sidecar(SidecarKind.FLUENT_BIT, "fluent-bit")
                    .sidecar(SidecarKind.FLUENTD, container("fluentd").mount(mount("logs", "/in")))
                    .build()))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/stdout", "/dev/stderr", "/proc/self/fd/1", "stdout", "app.log"})
  void streamsAndRelativePathsAreNotLogFiles(String value) {
    Workload pod =
        WorkloadBuilder.pod("web-6c5d-abcde")
            .app(container("web").env("LOG_OUTPUT", value))
            .sidecar(SidecarKind.FLUENT_BIT, "fluent-bit")
            .build();

    assertThat(examine(pod)).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "LOG_OUTPUT, true",
    "LOG_FILE, true",
    "LOGFILE, true",
    "LOGGING_FILE_NAME, true",
    "LOGGING_FILE_PATH, true",
    "APP_LOG_DIR, true",
    "ACCESS_LOG_PATH, true",
    "log.file, true",
    "LOG_LEVEL, false",
    "FLB_LOG_LEVEL, false",
    "CATALOG_PATH, false",
    "DATA_DIR, false",
    "OUTPUT_FORMAT, false"
  })
  void variableNamesThatSayLogFile(String name, boolean says) {
    assertThat(LogVolumeUnsharedRule.namesLogFile(name)).isEqualTo(says);
  }
}
