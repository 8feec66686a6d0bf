/**
 * X-Ray's segment documents, as the SDKs send them to a daemon and as {@code BatchGetTraces}
 * returns them: {@link dev.sidescope.collectors.xray.SegmentDocuments} reads one, {@link
 * dev.sidescope.collectors.xray.TraceAssembly} puts a trace's documents together as a waterfall.
 * The two X-Ray sources, the local daemon port ({@code xray.daemon}) and the API ({@code
 * xray.api}), share them.
 */
package dev.sidescope.collectors.xray;
