/** What the sources share about their own threads. */
package dev.sidescope.collectors.threads;
