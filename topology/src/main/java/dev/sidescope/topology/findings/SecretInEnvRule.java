package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SECRET_IN_ENV}, severity {@code warning}: a container, of any role, sets an environment
 * variable to a literal value that looks like a credential ({@link
 * CredentialMask#looksLikeCredential}). Anyone who can read the pod spec or describe the task
 * definition can read it, and it does not rotate. The message names the variables and the
 * container, never a value, and says where the value belongs instead.
 *
 * <p>A warning rather than an error: the workload runs fine, and the finding is about exposure, not
 * about a sidecar that is down.
 */
public final class SecretInEnvRule implements FindingRule {
  /** The finding code. */
  public static final String CODE = "SECRET_IN_ENV";

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public List<Finding> examine(Workload workload, DoctorContext context) {
    List<Finding> findings = new ArrayList<>();
    List<Container> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container container = containers.get(i);
      List<String> names = new ArrayList<>();
      List<EnvVar> env = container.spec().env();
      for (int j = 0; j < env.size(); j++) {
        EnvVar e = env.get(j);
        if (e.literal().filter(v -> CredentialMask.looksLikeCredential(e.name(), v)).isPresent()
            && !names.contains(e.name())) {
          names.add(e.name());
        }
      }
      if (!names.isEmpty()) {
        findings.add(finding(workload, container, names));
      }
    }
    return findings;
  }

  private static Finding finding(Workload workload, Container container, List<String> names) {
    boolean one = names.size() == 1;
    String remedy =
        workload.platform() == Platform.ECS
            ? "readable by anyone who can describe the task definition; move "
                + (one ? "it" : "them")
                + " to the container's secrets (Secrets Manager or SSM Parameter Store)."
            : "readable by anyone who can read the pod; reference a Kubernetes Secret"
                + " (secretKeyRef) instead.";
    String message =
        "Container "
            + container.name()
            + " in "
            + Wording.place(workload)
            + " sets "
            + Wording.list(names)
            + (one
                ? " to a literal value that looks like a credential, "
                : " to literal values that look like credentials, ")
            + remedy;
    return new Finding(
        Severity.WARNING, CODE, workload.id(), Optional.of(container.name()), message);
  }
}
