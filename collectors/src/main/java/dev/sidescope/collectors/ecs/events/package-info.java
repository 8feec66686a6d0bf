/**
 * ECS events as event feeds ({@link dev.sidescope.collectors.ecs.events.EcsEventFeeds}): a task's
 * stopped reason and its stopped containers from {@code DescribeTasks}, and its service's events
 * from {@code DescribeServices}, polled while a feed is open. Read-only: only those two calls.
 */
package dev.sidescope.collectors.ecs.events;
