/**
 * Names what each container of a workload is: its app, its init containers, and its sidecars with
 * their kind and variant. {@link dev.sidescope.topology.classify.SidecarClassifier} is the entry
 * point; the evidence it reads is one table, {@code SidecarRules}.
 */
package dev.sidescope.topology.classify;
