/**
 * Log tails: the lines a container wrote, from whichever source keeps them (Kubernetes pod logs,
 * CloudWatch Logs), in one shape. {@link dev.sidescope.topology.logs.LogLine} is one line with
 * where it came from; {@link dev.sidescope.topology.logs.LogTailRequest} says which containers'
 * lines are wanted and how far back; {@link dev.sidescope.topology.logs.LogStreamState} is what a
 * source says about one stream. Sources implement {@link dev.sidescope.topology.source.LogTails}.
 *
 * <p>What happens to a line on its way to the screen: a source splits a stream's bytes with a
 * {@link dev.sidescope.topology.logs.LineAssembler}, or passes each line it receives whole through
 * {@link dev.sidescope.topology.logs.SafeLogText}, so no line holds escape sequences, raw control
 * characters or more than 64 KiB; the console admits each stream's lines through a {@link
 * dev.sidescope.topology.logs.FloodGate}; where a line is shown or printed, {@link
 * dev.sidescope.topology.logs.LogMask} hides its secrets and {@link
 * dev.sidescope.topology.logs.LogFormats} reads its level, fields, time, trace id and status. Pure
 * Java, no I/O.
 */
package dev.sidescope.topology.logs;
