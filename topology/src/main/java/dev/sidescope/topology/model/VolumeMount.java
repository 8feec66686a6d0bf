package dev.sidescope.topology.model;

/** A volume mounted into a container: the pod's or task's volume name and the path inside. */
public record VolumeMount(String volume, String path, boolean readOnly) {}
