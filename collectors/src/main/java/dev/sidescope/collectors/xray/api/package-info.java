/**
 * The AWS X-Ray API as a source of live traffic: the service graph over a sliding window, read
 * every refresh, becomes traced services and the calls between them; time series, trace lists and
 * whole traces answer a person's questions about a selection. Read-only: only {@code Get*} and
 * {@code BatchGet*} operations.
 */
package dev.sidescope.collectors.xray.api;
