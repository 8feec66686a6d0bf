package dev.sidescope.topology.classify;

/**
 * A container's best row of the sidecar table, and how strong the evidence was.
 *
 * @param rule the row that matched
 * @param evidence what matched, strongest first in {@link EvidenceType}'s order
 */
record Match(Rule rule, EvidenceType evidence) {}
