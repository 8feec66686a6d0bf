/**
 * A sample's traffic as AWS X-Ray sees it: {@link dev.sidescope.samples.xray.SegmentRenderer}
 * renders each {@link dev.sidescope.samples.traffic.SimulatedRequest} as the segment documents the
 * X-Ray SDKs emit; {@link dev.sidescope.samples.xray.XRayRecorder} keeps what the X-Ray API answers
 * from (per-minute statistics per service and per call, the latest traces), for the sample AWS
 * endpoint; {@link dev.sidescope.samples.xray.XRayDaemonEmitter} sends the documents to an X-Ray
 * daemon port as UDP datagrams. {@link dev.sidescope.samples.xray.WorkloadOrigins} says which names
 * of the traffic model are traced workloads and where they run.
 */
package dev.sidescope.samples.xray;
