/**
 * The sample cluster's AWS endpoint: a loopback HTTP server that answers the ECS calls Sidescope
 * makes (AWS JSON 1.1) from a sample folder's {@code ecs/} task definitions and {@code
 * ecs/services.yaml}, as a real account would, with faults to inject for tests. See {@link
 * dev.sidescope.samples.aws.SampleAwsEndpoint}.
 */
package dev.sidescope.samples.aws;
