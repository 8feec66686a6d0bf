/**
 * Log tails: the lines a container wrote, from whichever source keeps them (Kubernetes pod logs,
 * CloudWatch Logs), in one shape. {@link dev.sidescope.topology.logs.LogLine} is one line with
 * where it came from; {@link dev.sidescope.topology.logs.LogTailRequest} says which containers'
 * lines are wanted and how far back; {@link dev.sidescope.topology.logs.LogStreamState} is what a
 * source says about one stream. Sources implement {@link dev.sidescope.topology.source.LogTails}.
 * Pure Java, no I/O.
 */
package dev.sidescope.topology.logs;
