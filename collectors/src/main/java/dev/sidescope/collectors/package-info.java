/**
 * Sources: one package per source. Each turns what it reads into model observations ({@link
 * dev.sidescope.topology.model.Observations}) and reports its own {@link
 * dev.sidescope.topology.model.SourceStatus}. Collectors never touch JavaFX.
 */
package dev.sidescope.collectors;
