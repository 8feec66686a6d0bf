/**
 * Reading Envoy's admin API: what {@code /stats} (text and {@code ?format=json}) and {@code
 * /clusters} (text and {@code ?format=json}) print, as real Envoys print it — cluster names full of
 * dots, pipes and colons inside dotted stat names, histogram lines, {@code nan}, "No recorded
 * values", 100,000+ lines. Readers only: no I/O of their own.
 */
package dev.sidescope.collectors.envoy;
