/**
 * What the log tail sources (Kubernetes pod logs, CloudWatch Logs) share: a sink that serialises
 * their calls and falls silent once the tail is closed ({@link
 * dev.sidescope.collectors.logs.TailSink}).
 */
package dev.sidescope.collectors.logs;
