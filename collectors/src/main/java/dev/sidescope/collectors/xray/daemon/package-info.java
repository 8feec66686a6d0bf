/**
 * The local X-Ray daemon port: {@link dev.sidescope.collectors.xray.daemon.XRayDaemonSource}
 * listens on UDP where the X-Ray SDKs send segments, as the X-Ray daemon does, and publishes live
 * latency and errors per service and per call; {@link
 * dev.sidescope.collectors.xray.daemon.DaemonTraffic} counts the segments into the shared latency
 * model over a sliding window, with HdrHistogram percentiles.
 */
package dev.sidescope.collectors.xray.daemon;
