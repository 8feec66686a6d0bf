/**
 * Platform events: what Kubernetes or ECS said happened to a pod or task and its owners (a failed
 * probe, a back-off, a container killed for memory, a service that could not place a task), in one
 * shape. {@link dev.sidescope.topology.events.PlatformEvent} is one event; {@link
 * dev.sidescope.topology.events.EventFeedState} is what a source says about the events of one
 * workload. Sources implement {@link dev.sidescope.topology.source.EventFeeds}. Pure Java, no I/O.
 */
package dev.sidescope.topology.events;
