/**
 * The sidecar doctor: rules over classified workloads that say, in one sentence each, what is wrong
 * with a sidecar. {@link dev.sidescope.topology.findings.SidecarDoctor} runs them; each {@link
 * dev.sidescope.topology.findings.FindingRule} is one class with its stable {@code CODE}.
 *
 * <table>
 *   <caption>Codes and severities</caption>
 *   <tr><th>code</th><th>severity</th></tr>
 *   <tr><td>{@code SIDECAR_EXITED}</td><td>error (ECS only)</td></tr>
 *   <tr><td>{@code SIDECAR_RESTARTING}</td><td>error in CrashLoopBackOff, else warning</td></tr>
 *   <tr><td>{@code SIDECAR_NOT_READY}</td><td>error</td></tr>
 *   <tr><td>{@code SIDECAR_MISSING}</td><td>error for a mesh proxy, NGINX or Cloud SQL proxy,
 *       else warning</td></tr>
 *   <tr><td>{@code STARTUP_ORDER}</td><td>warning; info for an ECS {@code START} dependency</td></tr>
 *   <tr><td>{@code XRAY_DAEMON_UNREACHABLE}</td><td>warning</td></tr>
 *   <tr><td>{@code LOG_VOLUME_UNSHARED}</td><td>warning</td></tr>
 *   <tr><td>{@code SIDECAR_NO_LIMITS}</td><td>warning without a memory limit, info without a CPU
 *       limit only (Kubernetes only)</td></tr>
 *   <tr><td>{@code SECRET_IN_ENV}</td><td>warning</td></tr>
 *   <tr><td>{@code DOCTOR_RULE_FAILED}</td><td>info</td></tr>
 * </table>
 *
 * <p>Findings from elsewhere, beside these: from live Envoy readings (the overlay stage) {@code
 * UPSTREAM_UNHEALTHY} and {@code PROXY_NOT_LIVE}; from {@code --manifests}, {@code
 * MANIFEST_UNREADABLE} (error), one for each thing in the files that could not be read, about the
 * source {@code manifests}, since a file is no workload.
 *
 * <p>Pure Java, no I/O; every type here is immutable or stateless, and thread-safe.
 */
package dev.sidescope.topology.findings;
