package dev.sidescope.topology.model;

/**
 * An ECS {@code dependsOn} entry: this container starts only once {@code container} reaches {@code
 * condition} ({@code START}, {@code COMPLETE}, {@code SUCCESS}, {@code HEALTHY}).
 */
public record Dependency(String container, String condition) {}
