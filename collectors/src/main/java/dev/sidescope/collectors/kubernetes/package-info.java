/** Kubernetes: fabric8 model objects (from files or informers) into model observations. */
package dev.sidescope.collectors.kubernetes;
