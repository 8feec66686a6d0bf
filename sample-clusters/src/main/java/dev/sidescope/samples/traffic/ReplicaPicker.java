package dev.sidescope.samples.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which replica of a name of the traffic model sends or serves a request: its pods first, then its
 * replicas outside Kubernetes (an ECS service's tasks). Every rendering of a replica's traffic (its
 * Envoy's counters, its containers' logs) picks with this, so that they tell of the same requests.
 *
 * <p>The caller is picked from the request id, the callee from the server span id, each spread over
 * all bits first, so that a name's replicas share its requests evenly. Immutable; thread-safe.
 */
public final class ReplicaPicker {
  private final Map<String, List<String>> podsByName;
  private final Map<String, Integer> elsewhere;
  private final Map<String, Replica> byPod = new HashMap<>();

  /** Replica {@code index} of the traffic model's name {@code name}. */
  public record Replica(String name, int index) {}

  /**
   * @param podsByName the pods ({@code <namespace>/<pod>}) each name stands for, in a fixed order
   * @param elsewhere how many replicas outside Kubernetes each name also stands for
   */
  public ReplicaPicker(Map<String, List<String>> podsByName, Map<String, Integer> elsewhere) {
    this.podsByName = Map.copyOf(podsByName);
    this.elsewhere = Map.copyOf(elsewhere);
    podsByName.forEach(
        (name, pods) -> {
          for (int i = 0; i < pods.size(); i++) {
            byPod.putIfAbsent(pods.get(i), new Replica(name, i));
          }
        });
  }

  /** Which replica the pod {@code <namespace>/<pod>} is, if a name of the traffic stands for it. */
  public Optional<Replica> podReplica(String podKey) {
    return Optional.ofNullable(byPod.get(podKey));
  }

  /** The pods {@code name} stands for; empty when none. */
  public List<String> pods(String name) {
    return Objects.requireNonNullElse(podsByName.get(name), List.of());
  }

  /** How many replicas {@code name} stands for: its pods and those outside Kubernetes. */
  public int replicas(String name) {
    return pods(name).size() + elsewhere.getOrDefault(name, 0);
  }

  /** The random bits the caller's replica is picked with (an Envoy also picks hosts with them). */
  public static long callerPick(SimulatedRequest request) {
    return mix(request.requestId().hashCode());
  }

  /** The random bits the callee's replica is picked with. */
  public static long calleePick(SimulatedRequest request) {
    return mix(request.serverSpanId().hashCode());
  }

  /** The replica (from 0) of {@code name} that {@code pick} lands on; -1 when it has none. */
  public int replica(String name, long pick) {
    int slots = replicas(name);
    return slots == 0 ? -1 : (int) Math.floorMod(pick, (long) slots);
  }

  /** The replica of {@link SimulatedRequest#from()} that sent {@code request}; -1 for none. */
  public int caller(SimulatedRequest request) {
    return replica(request.from(), callerPick(request));
  }

  /** The replica of {@link SimulatedRequest#to()} that served {@code request}; -1 for none. */
  public int callee(SimulatedRequest request) {
    return replica(request.to(), calleePick(request));
  }

  /** Spreads a string's hash over all bits (Stafford's mix 13), so that mod n is even. */
  private static long mix(long h) {
    long z = h * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }
}
