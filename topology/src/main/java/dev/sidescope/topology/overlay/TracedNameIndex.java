package dev.sidescope.topology.overlay;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The pods and tasks that tracing names stand for, found once per run of the appender for the names
 * it was asked about.
 *
 * <p>A name a workload's app declares in its environment — {@code AWS_XRAY_TRACING_NAME}, {@code
 * OTEL_SERVICE_NAME}, {@code service.name} in {@code OTEL_RESOURCE_ATTRIBUTES}, or the SDKs' {@code
 * -Dcom.amazonaws.xray.strategy.tracingName=} / {@code -Dotel.service.name=} in {@code
 * JAVA_TOOL_OPTIONS} or {@code JAVA_OPTS} — is the name its segments carry, so it wins: a workload
 * that declares a name is matched by that name alone, and a name some workload declares matches
 * only the workloads that declare it. Otherwise a name matches the workloads it names by
 * convention: the owner's name ({@code Deployment/order-service}, {@code Service/orders}, {@code
 * TaskDefinition/orders:3}), a bare pod's own name, its {@code app} or {@code
 * app.kubernetes.io/name} label, or the name of a Service (Kubernetes or ECS) that serves it. Names
 * are compared in lower case.
 *
 * <p>Every pod or task of a matching workload is a member: tracing measures the service, not the
 * pod.
 */
final class TracedNameIndex {
  /**
   * One pod or task a name stands for.
   *
   * @param app the app container whose name it is: the one that declares it, else the first app
   */
  record Member(Workload workload, Container app) {}

  private static final String TRACING_NAME_PROPERTY = "-Dcom.amazonaws.xray.strategy.tracingName=";
  private static final String OTEL_NAME_PROPERTY = "-Dotel.service.name=";

  private final Map<String, List<Member>> declared = new HashMap<>();
  private final Map<String, Map<String, Member>> conventional = new HashMap<>();
  private final Map<String, List<Member>> byConvention = new HashMap<>();

  private TracedNameIndex() {}

  /**
   * The members of each of the {@code wanted} names among these workloads.
   *
   * @param wanted names in lower case
   */
  static TracedNameIndex of(
      List<Workload> workloads, List<ServiceSpec> services, Set<String> wanted) {
    TracedNameIndex index = new TracedNameIndex();
    if (wanted.isEmpty()) {
      return index;
    }
    ServiceNames serviceNames = new ServiceNames(services, wanted);
    Map<String, String> ownerNames = new HashMap<>();
    List<String> names = new ArrayList<>(4);
    for (int i = 0; i < workloads.size(); i++) {
      Workload w = workloads.get(i);
      Container firstApp = null;
      boolean declares = false;
      List<Container> containers = w.containers();
      for (int j = 0; j < containers.size(); j++) {
        Container c = containers.get(j);
        if (!c.isApp()) {
          continue;
        }
        if (firstApp == null) {
          firstApp = c;
        }
        names.clear();
        declaredNames(c, names);
        for (int k = 0; k < names.size(); k++) {
          declares = true;
          String name = lower(names.get(k));
          if (wanted.contains(name)) {
            index.declared.computeIfAbsent(name, n -> new ArrayList<>(4)).add(new Member(w, c));
          }
        }
      }
      if (declares || firstApp == null) {
        continue;
      }
      Container app = firstApp;
      if (w.owner().isPresent()) {
        String owner = w.owner().get();
        index.conventional(
            ownerNames.computeIfAbsent(owner, o -> lower(ownerName(o))), w, app, wanted);
      } else {
        // A pod of a controller is named after it plus a suffix: only a bare one goes by its name.
        index.conventional(lower(w.name()), w, app, wanted);
      }
      String appLabel = w.spec().labels().get("app");
      if (appLabel != null) {
        index.conventional(lower(appLabel), w, app, wanted);
      }
      String appName = w.spec().labels().get("app.kubernetes.io/name");
      if (appName != null) {
        index.conventional(lower(appName), w, app, wanted);
      }
      serviceNames.serving(w, name -> index.conventional(name, w, app, wanted));
    }
    index.conventional.forEach(
        (name, members) -> index.byConvention.put(name, List.copyOf(members.values())));
    return index;
  }

  /** The pods and tasks {@code name} stands for, in the order of their ids; empty when none. */
  List<Member> members(String name) {
    String key = lower(name);
    List<Member> byDeclaration = declared.get(key);
    if (byDeclaration != null) {
      return byDeclaration;
    }
    return byConvention.getOrDefault(key, List.of());
  }

  private void conventional(String name, Workload w, Container app, Set<String> wanted) {
    if (wanted.contains(name)) {
      // Keyed by workload id: a pod named by its owner and by its label is one member.
      conventional
          .computeIfAbsent(name, n -> new LinkedHashMap<>())
          .putIfAbsent(w.id(), new Member(w, app));
    }
  }

  /** The names an app container declares for its traces, in the order of its environment. */
  static void declaredNames(Container app, List<String> out) {
    List<EnvVar> env = app.spec().env();
    for (int i = 0; i < env.size(); i++) {
      EnvVar e = env.get(i);
      Optional<String> literal = e.literal();
      if (literal.isEmpty()) {
        continue;
      }
      String value = literal.get();
      switch (e.name()) {
        case "AWS_XRAY_TRACING_NAME", "OTEL_SERVICE_NAME" -> add(value.strip(), out);
        case "OTEL_RESOURCE_ATTRIBUTES" -> {
          for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals("service.name")) {
              add(pair.substring(eq + 1).strip(), out);
            }
          }
        }
        case "JAVA_TOOL_OPTIONS", "JAVA_OPTS" -> {
          for (String option : value.strip().split("\\s+")) {
            if (option.startsWith(TRACING_NAME_PROPERTY)) {
              add(option.substring(TRACING_NAME_PROPERTY.length()), out);
            } else if (option.startsWith(OTEL_NAME_PROPERTY)) {
              add(option.substring(OTEL_NAME_PROPERTY.length()), out);
            }
          }
        }
        default -> {}
      }
    }
  }

  private static void add(String name, List<String> out) {
    if (!name.isEmpty() && !out.contains(name)) {
      out.add(name);
    }
  }

  /**
   * {@code Deployment/order-service} gives order-service, {@code TaskDefinition/orders:3} orders.
   */
  static String ownerName(String owner) {
    String name = owner.substring(owner.indexOf('/') + 1);
    int colon = name.lastIndexOf(':');
    return owner.startsWith("TaskDefinition/") && colon > 0 ? name.substring(0, colon) : name;
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * The wanted names of the Services that serve a workload, by their selectors or their endpoints.
   * (An ECS service's tasks carry its name as their owner, {@code Service/<name>}.)
   */
  private static final class ServiceNames {
    // Platform -> namespace -> a label the selector asks for -> its value -> the Services. Each
    // Service is filed under one of its selector's labels, so a pod is asked only about the
    // Services that want one of its own labels, not about every Service of its namespace.
    private final Map<Platform, Map<String, Map<String, Map<String, List<ServiceSpec>>>>>
        bySelector = new EnumMap<>(Platform.class);
    private final Map<String, List<String>> byEndpoint = new HashMap<>();

    ServiceNames(List<ServiceSpec> services, Set<String> wanted) {
      for (ServiceSpec s : services) {
        String name = lower(s.name());
        if (!wanted.contains(name)) {
          continue;
        }
        if (!s.selector().isEmpty()) {
          Map.Entry<String, String> label = s.selector().entrySet().iterator().next();
          bySelector
              .computeIfAbsent(s.platform(), k -> new HashMap<>())
              .computeIfAbsent(s.namespace(), k -> new HashMap<>())
              .computeIfAbsent(label.getKey(), k -> new HashMap<>())
              .computeIfAbsent(label.getValue(), k -> new ArrayList<>(1))
              .add(s);
        }
        for (String workload : s.endpoints()) {
          byEndpoint.computeIfAbsent(workload, k -> new ArrayList<>()).add(name);
        }
      }
    }

    void serving(Workload w, Consumer<String> names) {
      Map<String, Map<String, Map<String, List<ServiceSpec>>>> byNamespace =
          bySelector.get(w.platform());
      Map<String, Map<String, List<ServiceSpec>>> byLabel =
          byNamespace == null ? null : byNamespace.get(w.namespace());
      if (byLabel != null) {
        Map<String, String> labels = w.spec().labels();
        for (Map.Entry<String, Map<String, List<ServiceSpec>>> e : byLabel.entrySet()) {
          String value = labels.get(e.getKey());
          List<ServiceSpec> candidates = value == null ? null : e.getValue().get(value);
          if (candidates != null) {
            for (ServiceSpec s : candidates) {
              if (s.selects(w.spec())) {
                names.accept(lower(s.name()));
              }
            }
          }
        }
      }
      if (!byEndpoint.isEmpty()) {
        List<String> endpoints = byEndpoint.get(w.id());
        if (endpoints != null) {
          endpoints.forEach(names);
        }
      }
    }
  }
}
