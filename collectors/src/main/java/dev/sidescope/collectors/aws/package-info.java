/**
 * What every AWS source (ECS, X-Ray, CloudWatch Logs) shares: credentials, region and endpoints
 * found the way the AWS CLI finds them, and SDK clients configured alike. The process environment
 * and the location of {@code ~/.aws} are inputs ({@link
 * dev.sidescope.collectors.aws.AwsEnvironment}), so tests run on a temporary home and never read
 * the real one.
 */
package dev.sidescope.collectors.aws;
