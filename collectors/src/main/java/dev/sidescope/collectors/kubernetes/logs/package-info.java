/**
 * Kubernetes pod logs as log tails ({@link dev.sidescope.collectors.kubernetes.logs.PodLogTails}):
 * the API server's {@code GET .../pods/POD/log} read with timestamps, followed, resumed after a
 * broken connection, and cut into safe lines. Read-only: only that GET, and a GET of the pod to
 * tell a finished container from a broken connection.
 */
package dev.sidescope.collectors.kubernetes.logs;
