/** Amazon ECS: task definitions (from files or the ECS API) into model observations. */
package dev.sidescope.collectors.ecs;
