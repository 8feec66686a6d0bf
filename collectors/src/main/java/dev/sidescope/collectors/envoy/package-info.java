/**
 * Reading Envoy's admin API: what {@code /stats} (text and {@code ?format=json}), {@code /clusters}
 * (text and {@code ?format=json}, in today's snake case and the older camel case), {@code
 * /server_info} and {@code /config_dump} print, as real Envoys print them — cluster names full of
 * dots, pipes and colons inside dotted stat names, histogram lines, {@code nan}, "No recorded
 * values", 100,000+ lines, secrets in configuration. The readers have no I/O of their own; {@link
 * dev.sidescope.collectors.envoy.EnvoyAdmin} is the one read-only client that feeds them.
 */
package dev.sidescope.collectors.envoy;
