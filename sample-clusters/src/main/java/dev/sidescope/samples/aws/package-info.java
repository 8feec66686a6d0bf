/**
 * The sample cluster's AWS endpoint: a loopback HTTP server that answers the ECS calls Sidescope
 * makes (AWS JSON 1.1) from a sample folder's {@code ecs/} task definitions and {@code
 * ecs/services.yaml}, as a real account would, with faults to inject for tests. See {@link
 * dev.sidescope.samples.aws.SampleAwsEndpoint}, the only public door.
 *
 * <p>Inside, one class a job: {@code EcsSampleFolder} reads the folder into an {@code
 * EcsSampleAccount} (what the account holds); {@code EcsApi} answers the ECS operations from it;
 * {@code EcsDescriptions} fabricates the running services' and tasks' JSON those answers carry;
 * {@code EcsArns} and {@code DerivedIds} give every ARN and id one shape. The X-Ray and CloudWatch
 * Logs APIs join the endpoint beside {@code EcsApi}.
 */
package dev.sidescope.samples.aws;
