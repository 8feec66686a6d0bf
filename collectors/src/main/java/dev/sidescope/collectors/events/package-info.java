/**
 * What the event feed sources (Kubernetes Events, ECS service and task events) share: a sink that
 * serialises their calls, says a list only when it changed, and falls silent once the feed is
 * closed ({@link dev.sidescope.collectors.events.FeedSink}).
 */
package dev.sidescope.collectors.events;
