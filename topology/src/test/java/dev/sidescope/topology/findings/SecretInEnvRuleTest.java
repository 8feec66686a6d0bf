package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretInEnvRuleTest {
  static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String PASSWORD = "s3cr3t-Passw0rd!";

  private final SecretInEnvRule rule = new SecretInEnvRule();

  private List<Finding> examine(Workload workload) {
    return rule.examine(workload, new DoctorContext(List.of(workload), List.of()));
  }

  @Test
  void literalAccessKeyIsAWarningNamingVariableAndContainerButNotTheValue() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app(container("order-service").env("AWS_ACCESS_KEY_ID", ACCESS_KEY))
            .build();

    assertThat(examine(pod))
        .containsExactly(
            new Finding(
                Severity.WARNING,
                "SECRET_IN_ENV",
                pod.id(),
                Optional.of("order-service"),
                "Container order-service in pod order-service-5f7c9-x2k4q sets AWS_ACCESS_KEY_ID to"
                    + " a literal value that looks like a credential, readable by anyone who can"
                    + " read the pod; reference a Kubernetes Secret (secretKeyRef) instead."));
  }

  @Test
  void severalVariablesOfOneContainerMakeOneFinding() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app(
                container("order-service")
                    .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
                    .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
                    .env("DB_PASSWORD", PASSWORD))
            .build();

    assertThat(examine(pod))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and DB_PASSWORD to literal values")
        .doesNotContain(ACCESS_KEY, SECRET_KEY, PASSWORD);
  }

  @Test
  void aTaskDefinitionReadFromManifestsIsNamedAsOne() {
    Workload definition =
        WorkloadBuilder.task("order-service")
            .owner("TaskDefinition/order-service:3")
            .app(container("order-service").env("DB_PASSWORD", PASSWORD))
            .build();

    assertThat(examine(definition))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .startsWith("Container order-service in task definition order-service:3 sets DB_PASSWORD");
  }

  @Test
  void ecsTaskIsToldToUseItsSecrets() {
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .app(container("order-service").env("DB_PASSWORD", PASSWORD))
            .build();

    assertThat(examine(task))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("describe the task definition")
        .contains("Secrets Manager or SSM Parameter Store")
        .doesNotContain(PASSWORD);
  }

  @Test
  void sidecarsAndInitContainersAreExaminedToo() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .init(
                container("migrate").env("DATABASE_URL", "postgres://app:" + PASSWORD + "@db/app"))
            .app("order-service")
            .sidecar(
                SidecarKind.DATADOG_AGENT,
                container("datadog-agent").env("DD_API_KEY", "0123456789abcdef0123456789abcdef"))
            .build();

    assertThat(examine(pod))
        .extracting(f -> f.container().orElseThrow())
        .containsExactly("migrate", "datadog-agent");
  }

  @Test
  void valueFromASecretIsFine() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app(
                container("order-service")
                    .env(EnvVar.reference("DB_PASSWORD", "secret payment-db/password")))
            .build();

    assertThat(examine(pod)).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "DB_PASSWORD_FILE, /run/secrets/db",
    "VAULT_TOKEN_PATH, /vault/token",
    "DB_SECRET_ARN, arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
    "LOG_OUTPUT, /var/log/app/app.log",
    "FLB_LOG_LEVEL, info",
    "AWS_XRAY_DAEMON_ADDRESS, 127.0.0.1:2000"
  })
  void pointersAndOrdinaryValuesAreNotCredentials(String name, String value) {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app(container("order-service").env(name, value))
            .build();

    assertThat(examine(pod)).isEmpty();
  }
}
