/**
 * CloudWatch Logs: where an ECS container's logs go ({@link
 * dev.sidescope.collectors.cloudwatch.LogDestinations}, from its task definition's {@code
 * logConfiguration}), and the log tails that read them with {@code FilterLogEvents} ({@link
 * dev.sidescope.collectors.cloudwatch.CloudWatchLogTails}) within one request budget per region.
 * Read-only: it only reads log events.
 */
package dev.sidescope.collectors.cloudwatch;
