package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.notReady;
import static dev.sidescope.testing.Containers.running;
import static dev.sidescope.testing.Containers.waiting;
import static dev.sidescope.testing.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SidecarDoctorTest {

  /** A rule that breaks on every workload. */
  private static final class BrokenRule implements FindingRule {
    private final String code;

    BrokenRule(String code) {
      this.code = code;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public List<Finding> examine(Workload workload, DoctorContext context) {
      throw new IllegalStateException("cannot read " + SecretInEnvRuleTest.PASSWORD);
    }
  }

  /** A rule that reports the same finding twice, and one that returns no list at all. */
  private static final class SloppyRule implements FindingRule {
    private final boolean returnNull;

    SloppyRule(boolean returnNull) {
      this.returnNull = returnNull;
    }

    @Override
    public String code() {
      return returnNull ? "SLOPPY_NULL" : "SLOPPY_TWICE";
    }

    @Override
    public List<Finding> examine(Workload workload, DoctorContext context) {
      if (returnNull) {
        return null;
      }
      Finding f =
          new Finding(Severity.INFO, code(), workload.id(), Optional.of("x"), "Said twice.");
      return List.of(f, f);
    }
  }

  private static Workload podWithSecret() {
    return WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
        .app(container("order-service").env("AWS_ACCESS_KEY_ID", SecretInEnvRuleTest.ACCESS_KEY))
        .build();
  }

  @Test
  void throwingRuleBecomesAnInfoFindingWhileTheOthersStillReport() {
    Workload pod = podWithSecret();
    SidecarDoctor doctor =
        new SidecarDoctor(List.of(new BrokenRule("SIDECAR_MISSING"), new SecretInEnvRule()));

    List<Finding> findings = doctor.examine(List.of(pod), List.of());

    assertThat(findings)
        .extracting(Finding::code)
        .containsExactly("SECRET_IN_ENV", "DOCTOR_RULE_FAILED");
    assertThat(findings.get(1))
        .isEqualTo(
            new Finding(
                Severity.INFO,
                "DOCTOR_RULE_FAILED",
                pod.id(),
                Optional.empty(),
                "The doctor's SIDECAR_MISSING check failed on pod order-service-5f7c9-x2k4q"
                    + " (IllegalStateException), so findings of that kind may be missing for"
                    + " it."));
  }

  @Test
  void failuresOfSeveralRulesOnOneWorkloadMakeOneFinding() {
    SidecarDoctor doctor =
        new SidecarDoctor(
            List.of(
                new BrokenRule("SIDECAR_MISSING"),
                new SloppyRule(true),
                new BrokenRule("STARTUP_ORDER")));

    assertThat(doctor.examine(List.of(podWithSecret()), List.of()))
        .singleElement()
        .extracting(Finding::message)
        .isEqualTo(
            "The doctor's SIDECAR_MISSING, SLOPPY_NULL and STARTUP_ORDER checks failed on pod"
                + " order-service-5f7c9-x2k4q (IllegalStateException, NullPointerException), so"
                + " findings of those kinds may be missing for it.");
  }

  @Test
  void failureOnOneWorkloadDoesNotCostTheRuleItsFindingsOnOthers() {
    FindingRule failsOnOne =
        new FindingRule() {
          @Override
          public String code() {
            return SecretInEnvRule.CODE;
          }

          @Override
          public List<Finding> examine(Workload workload, DoctorContext context) {
            if (workload.name().equals("odd")) {
              throw new UnsupportedOperationException();
            }
            return new SecretInEnvRule().examine(workload, context);
          }
        };
    Workload odd = WorkloadBuilder.pod("odd").app("odd").build();

    List<Finding> findings =
        new SidecarDoctor(List.of(failsOnOne)).examine(List.of(odd, podWithSecret()), List.of());

    assertThat(findings)
        .extracting(Finding::code, Finding::subject)
        .containsExactly(
            tuple("SECRET_IN_ENV", podWithSecret().id()), tuple("DOCTOR_RULE_FAILED", odd.id()));
  }

  @Test
  void ruleThatReportsOnAnotherWorkloadHasFailedOnThisOne() {
    Workload other = WorkloadBuilder.pod("other").app("other").build();
    FindingRule aboutOther =
        new FindingRule() {
          @Override
          public String code() {
            return "ABOUT_OTHER";
          }

          @Override
          public List<Finding> examine(Workload workload, DoctorContext context) {
            return List.of(
                new Finding(Severity.INFO, code(), other.id(), Optional.empty(), "Elsewhere."));
          }
        };

    assertThat(new SidecarDoctor(List.of(aboutOther)).examine(List.of(podWithSecret()), List.of()))
        .extracting(Finding::code, Finding::subject)
        .containsExactly(tuple("DOCTOR_RULE_FAILED", podWithSecret().id()));
  }

  @Test
  void sameFindingTwiceIsReportedOnce() {
    assertThat(
            new SidecarDoctor(List.of(new SloppyRule(false)))
                .examine(List.of(podWithSecret()), List.of()))
        .hasSize(1);
  }

  @Test
  void crashLoopingSidecarGetsOneSentenceNotTwo() {
    Workload pod =
        WorkloadBuilder.pod("payment-service-6b8d-q9w2e")
            .app(container("payment-service").state(running()))
            .sidecar(
                SidecarKind.XRAY_DAEMON,
                container("xray-daemon")
                    .port(Port.udp(2000))
                    .limits(new Resources(Optional.of("100m"), Optional.of("64Mi")))
                    .state(waiting("CrashLoopBackOff", 6)))
            .build();

    assertThat(new SidecarDoctor().examine(List.of(pod), List.of()))
        .extracting(Finding::code)
        .containsExactly("SIDECAR_RESTARTING");
  }

  @Test
  void seedWorkloadsAreHealthy() {
    List<Finding> findings =
        new SidecarDoctor()
            .examine(
                List.of(SeedSample.xrayExamplePod().build(), SeedSample.orderServiceTask().build()),
                List.of(service("order-service").port(8080).build()));

    assertThat(findings).isEmpty();
  }

  @Test
  void findingsComeWorstFirst() {
    Workload noMount = SeedSample.orderServiceTask(SeedSample.fluentBitUnmounted()).build();
    Workload broken =
        WorkloadBuilder.pod("checkout-7d9f-aaaaa")
            .app(container("checkout").state(running()))
            .sidecar(SidecarKind.ENVOY, container("envoy").state(notReady()))
            .build();

    List<Finding> findings = new SidecarDoctor().examine(List.of(noMount, broken), List.of());

    assertThat(findings).isSortedAccordingTo(Finding.ORDER);
    assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
  }

  @Test
  void rulesRunInTheDeclaredOrder() {
    assertThat(new SidecarDoctor().codes())
        .containsExactly(
            "SIDECAR_EXITED",
            "SIDECAR_RESTARTING",
            "SIDECAR_NOT_READY",
            "SIDECAR_MISSING",
            "STARTUP_ORDER",
            "XRAY_DAEMON_UNREACHABLE",
            "LOG_VOLUME_UNSHARED",
            "SIDECAR_NO_LIMITS",
            "SECRET_IN_ENV",
            "APPMESH_END_OF_SUPPORT");
  }

  @Test
  void noMessageEverHoldsASecretUsedHere() {
    String urlWithPassword = "postgres://app:" + SecretInEnvRuleTest.PASSWORD + "@db:5432/orders";
    Workload leaky =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .owner("Deployment/order-service")
            .app(
                container("order-service")
                    .env("AWS_ACCESS_KEY_ID", SecretInEnvRuleTest.ACCESS_KEY)
                    .env("AWS_SECRET_ACCESS_KEY", SecretInEnvRuleTest.SECRET_KEY)
                    .env("DB_PASSWORD", SecretInEnvRuleTest.PASSWORD)
                    .env("DATABASE_URL", urlWithPassword)
                    .env("AWS_XRAY_DAEMON_ADDRESS", SecretInEnvRuleTest.PASSWORD)
                    .env("LOG_FILE_TOKEN", SecretInEnvRuleTest.ACCESS_KEY)
                    .state(running()))
            .sidecar(
                SidecarKind.FLUENT_BIT,
                container("fluent-bit")
                    .env("FLB_HTTP_PASSWORD", SecretInEnvRuleTest.PASSWORD)
                    .mount(new VolumeMount("logs", "/logs", true))
                    .state(waiting("CrashLoopBackOff", 4)))
            .sidecar(
                SidecarKind.ISTIO_PROXY,
                container("istio-proxy")
                    .env("ISTIO_META_TOKEN", SecretInEnvRuleTest.SECRET_KEY)
                    .state(notReady()))
            .build();
    Workload sibling =
        WorkloadBuilder.pod("order-service-5f7c9-abcde")
            .owner("Deployment/order-service")
            .app("order-service")
            .sidecar(SidecarKind.XRAY_DAEMON, "xray-daemon")
            .build();
    SidecarDoctor doctor =
        new SidecarDoctor(
            List.of(
                new BrokenRule("BROKEN"),
                new SidecarExitedRule(),
                new SidecarRestartingRule(),
                new SidecarNotReadyRule(),
                new SidecarMissingRule(),
                new StartupOrderRule(),
                new XRayDaemonUnreachableRule(),
                new LogVolumeUnsharedRule(),
                new SidecarNoLimitsRule(),
                new SecretInEnvRule()));

    List<Finding> findings = doctor.examine(List.of(leaky, sibling), List.of());

    assertThat(findings).extracting(Finding::code).contains("SECRET_IN_ENV", "DOCTOR_RULE_FAILED");
    assertThat(findings.size()).isGreaterThanOrEqualTo(8);
    assertThat(findings)
        .allSatisfy(
            f ->
                assertThat(f.message())
                    .doesNotContain(
                        SecretInEnvRuleTest.ACCESS_KEY,
                        SecretInEnvRuleTest.SECRET_KEY,
                        SecretInEnvRuleTest.PASSWORD,
                        "s3cr3t"));
  }

  @Test
  void oneDoctorServesManyThreadsAlike() {
    SidecarDoctor doctor = new SidecarDoctor();
    List<Workload> workloads =
        List.of(
            SeedSample.orderServiceTask(SeedSample.fluentBitUnmounted()).build(),
            podWithSecret(),
            SeedSample.xrayExamplePod().build());
    List<Finding> expected = doctor.examine(workloads, List.of());

    List<List<Finding>> results =
        IntStream.range(0, 64)
            .parallel()
            .mapToObj(i -> doctor.examine(workloads, List.of()))
            .toList();

    assertThat(expected).isNotEmpty();
    assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(expected));
  }
}
