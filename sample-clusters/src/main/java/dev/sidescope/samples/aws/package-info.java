/**
 * The sample cluster's AWS endpoint: a loopback HTTP server that answers the ECS calls Sidescope
 * makes (AWS JSON 1.1) from a sample folder's {@code ecs/} task definitions and {@code
 * ecs/services.yaml}, and the X-Ray calls (REST-JSON: {@code GetServiceGraph}, {@code
 * GetTimeSeriesServiceStatistics}, {@code GetTraceSummaries}, {@code BatchGetTraces}) from the
 * sample's simulated traffic, as a real account would, with faults to inject for tests. See {@link
 * dev.sidescope.samples.aws.SampleAwsEndpoint}, the only public door.
 *
 * <p>Inside, one class a job: {@code EcsSampleFolder} reads the folder into an {@code
 * EcsSampleAccount} (what the account holds); {@code EcsApi} answers the ECS operations from it;
 * {@code EcsDescriptions} fabricates the running services' and tasks' JSON those answers carry;
 * {@code EcsArns} and {@code DerivedIds} give every ARN and id one shape; {@code XRayApi} answers
 * the X-Ray operations from a {@code dev.sidescope.samples.xray.XRayRecorder}, with {@code
 * XRayFilter} reading the filter expressions it understands. The CloudWatch Logs API is to join
 * them.
 */
package dev.sidescope.samples.aws;
