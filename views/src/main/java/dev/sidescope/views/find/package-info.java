/**
 * Find expressions ({@code order ns:shop kind:envoy finding:CODE severity:warning has:finding
 * platform:ecs}) and matching.
 */
package dev.sidescope.views.find;
