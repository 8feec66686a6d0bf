/**
 * Kubernetes Events as event feeds ({@link
 * dev.sidescope.collectors.kubernetes.events.PodEventFeeds}): the core v1 Events of a pod and of
 * the controllers that own it, listed and then watched, plus each container's restart history as
 * the pod's status records it. Read-only: only GET, LIST and WATCH of pods, ReplicaSets and Events.
 */
package dev.sidescope.collectors.kubernetes.events;
