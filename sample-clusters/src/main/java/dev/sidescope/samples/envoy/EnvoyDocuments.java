package dev.sidescope.samples.envoy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidescope.topology.model.SidecarKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The JSON documents of an Envoy's admin API that do not move with traffic: {@code /server_info}
 * and {@code /config_dump} (bootstrap, clusters, listeners and secrets, shaped as Envoy's {@code
 * envoy.admin.v3} dumps).
 *
 * <p>The secrets section holds what a real sidecar's holds before anything redacts it: an inline
 * TLS private key, an SDS token and a database password, all made up per pod from a seed, so that a
 * reader's redaction has something real-looking to hide. They are not keys of anything.
 *
 * <p>Stateless; thread-safe.
 */
public final class EnvoyDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "type.googleapis.com/envoy.admin.v3.";

  private EnvoyDocuments() {}

  /** {@code /server_info} at {@code now}. */
  public static String serverInfo(EnvoySidecar sidecar, Instant now) {
    EnvoyBuild build = EnvoyBuild.of(sidecar);
    ObjectNode root = JSON.createObjectNode();
    root.put("version", build.versionString());
    root.put("state", "LIVE");
    root.put("hot_restart_version", "11.104");
    ObjectNode options = root.putObject("command_line_options");
    options.put("base_id", "0");
    options.put("concurrency", 2);
    options.put("config_path", configPath(sidecar));
    options.put("admin_address_path", "");
    options.put("local_address_ip_version", "v4");
    options.put("log_level", "info");
    options.put("log_format", "[%Y-%m-%d %T.%e][%t][%l][%n] [%g:%#] %v");
    options.put("service_cluster", sidecar.serviceCluster());
    options.put("service_node", sidecar.nodeId());
    options.put("service_zone", "");
    options.put("drain_strategy", "Gradual");
    options.put("mode", "Serve");
    options.put("disable_hot_restart", sidecar.kind() == SidecarKind.ISTIO_PROXY);
    options.put("restart_epoch", 0);
    options.put("file_flush_interval", "10s");
    options.put("drain_time", "45s");
    options.put("parent_shutdown_time", "60s");
    String uptime = Math.max(0, Duration.between(sidecar.started(), now).toSeconds()) + "s";
    root.put("uptime_current_epoch", uptime);
    root.put("uptime_all_epochs", uptime);
    root.set("node", node(sidecar, build));
    return root.toPrettyString() + "\n";
  }

  /** {@code /config_dump}. */
  public static String configDump(EnvoySidecar sidecar) {
    EnvoyBuild build = EnvoyBuild.of(sidecar);
    Listeners listeners = Listeners.of(sidecar);
    ObjectNode root = JSON.createObjectNode();
    ArrayNode configs = root.putArray("configs");

    ObjectNode bootstrapDump = configs.addObject().put("@type", ADMIN + "BootstrapConfigDump");
    ObjectNode bootstrap = bootstrapDump.putObject("bootstrap");
    bootstrap.set("node", node(sidecar, build));
    ObjectNode admin = bootstrap.putObject("admin");
    admin
        .putObject("address")
        .putObject("socket_address")
        .put("address", sidecar.kind() == SidecarKind.ISTIO_PROXY ? "127.0.0.1" : "0.0.0.0")
        .put("port_value", sidecar.adminPort());
    ObjectNode dynamic = bootstrap.putObject("dynamic_resources");
    dynamic.putObject("lds_config").putObject("ads");
    dynamic.putObject("cds_config").putObject("ads");
    ObjectNode statsConfig = bootstrap.putObject("stats_config");
    statsConfig.putObject("use_all_default_tags").put("value", true);
    bootstrap.put("stats_flush_interval", ClusterCounters.FLUSH_INTERVAL.toSeconds() + "s");
    bootstrapDump.put("last_updated", sidecar.started().toString());

    ObjectNode clustersDump = configs.addObject().put("@type", ADMIN + "ClustersConfigDump");
    clustersDump.put("version_info", "2026-11-26T02:41:07Z/14");
    ArrayNode active = clustersDump.putArray("dynamic_active_clusters");
    for (EnvoyCluster c : sidecar.clusters()) {
      ObjectNode entry = active.addObject().put("version_info", "2026-11-26T02:41:07Z/14");
      ObjectNode cluster = entry.putObject("cluster");
      cluster.put("@type", "type.googleapis.com/envoy.config.cluster.v3.Cluster");
      cluster.put("name", c.name());
      boolean external = !c.hosts().isEmpty() && c.hosts().get(0).podKey().isEmpty();
      cluster.put("type", c.inbound() ? "STATIC" : external ? "STRICT_DNS" : "EDS");
      cluster.put("connect_timeout", "10s");
      cluster.put("lb_policy", "LEAST_REQUEST");
      if (!c.inbound()) {
        ObjectNode outlier = cluster.putObject("outlier_detection");
        outlier.put("interval", ClusterCounters.OUTLIER_INTERVAL.toSeconds() + "s");
        outlier.put("base_ejection_time", ClusterCounters.BASE_EJECTION_TIME.toSeconds() + "s");
        outlier.put("max_ejection_time", ClusterCounters.MAX_EJECTION_TIME.toSeconds() + "s");
        outlier.put("enforcing_consecutive_5xx", 0);
        outlier.put("enforcing_success_rate", 0);
        outlier.put("failure_percentage_threshold", ClusterCounters.FAILURE_PERCENTAGE_THRESHOLD);
        outlier.put("enforcing_failure_percentage", 100);
        outlier.put(
            "failure_percentage_request_volume", ClusterCounters.FAILURE_PERCENTAGE_REQUEST_VOLUME);
        outlier.put("failure_percentage_minimum_hosts", 1);
        ObjectNode thresholds =
            cluster.putObject("circuit_breakers").putArray("thresholds").addObject();
        thresholds.put("max_connections", 1024);
        thresholds.put("max_pending_requests", 1024);
        thresholds.put("max_requests", 1024);
        thresholds.put("max_retries", 3);
      }
      ObjectNode assignment = cluster.putObject("load_assignment").put("cluster_name", c.name());
      ArrayNode endpoints = assignment.putArray("endpoints").addObject().putArray("lb_endpoints");
      for (EnvoyHost h : c.hosts()) {
        endpoints
            .addObject()
            .putObject("endpoint")
            .putObject("address")
            .putObject("socket_address")
            .put("address", h.ip())
            .put("port_value", h.port());
      }
      if (!c.inbound() && sidecar.kind() != SidecarKind.ENVOY) {
        // The mesh's mTLS: the client certificate comes from SDS, as the secrets below.
        ObjectNode tls =
            cluster
                .putObject("transport_socket")
                .put("name", "envoy.transport_sockets.tls")
                .putObject("typed_config")
                .put(
                    "@type",
                    "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext");
        tls.putObject("common_tls_context")
            .putArray("tls_certificate_sds_secret_configs")
            .addObject()
            .put("name", "default");
      }
      entry.put("last_updated", sidecar.started().toString());
    }

    ObjectNode listenersDump = configs.addObject().put("@type", ADMIN + "ListenersConfigDump");
    listenersDump.put("version_info", "2026-11-26T02:41:07Z/14");
    ArrayNode dynamicListeners = listenersDump.putArray("dynamic_listeners");
    listener(
        dynamicListeners,
        "virtualInbound",
        listeners.inboundPort(),
        listeners.inboundHttp(),
        sidecar.localApp().name());
    listener(
        dynamicListeners,
        "virtualOutbound",
        listeners.outboundPort(),
        listeners.outboundHttp(),
        sidecar.upstreams().isEmpty() ? "PassthroughCluster" : sidecar.upstreams().get(0).name());

    ObjectNode secretsDump = configs.addObject().put("@type", ADMIN + "SecretsConfigDump");
    SplittableRandom random = new SplittableRandom(sidecar.podKey().hashCode());
    ArrayNode secrets = secretsDump.putArray("dynamic_active_secrets");
    ObjectNode cert = secrets.addObject().put("name", "default");
    cert.put("version_info", "2026-11-26T02:41:07Z");
    cert.put("last_updated", sidecar.started().toString());
    ObjectNode certSecret = cert.putObject("secret");
    certSecret.put("@type", "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret");
    certSecret.put("name", "default");
    ObjectNode tlsCertificate = certSecret.putObject("tls_certificate");
    tlsCertificate
        .putObject("certificate_chain")
        .put("inline_bytes", pem("CERTIFICATE", random, 900));
    tlsCertificate.putObject("private_key").put("inline_bytes", pem("PRIVATE KEY", random, 1200));
    ObjectNode sds = secrets.addObject().put("name", "sds-grpc-token");
    sds.put("last_updated", sidecar.started().toString());
    ObjectNode sdsSecret = sds.putObject("secret");
    sdsSecret.put("@type", "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret");
    sdsSecret.put("name", "sds-grpc-token");
    sdsSecret
        .putObject("generic_secret")
        .putObject("secret")
        .put("inline_string", "eyJhbGciOiJSUzI1NiIsImtpZCI6I" + token(random, 180));
    ObjectNode db = secrets.addObject().put("name", "upstream-db-credentials");
    db.put("last_updated", sidecar.started().toString());
    ObjectNode dbSecret = db.putObject("secret");
    dbSecret.put("@type", "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret");
    dbSecret.put("name", "upstream-db-credentials");
    ObjectNode generic = dbSecret.putObject("generic_secret").putObject("secret");
    generic.put(
        "inline_string", "{\"username\":\"app\",\"password\":\"" + token(random, 20) + "\"}");
    return root.toPrettyString() + "\n";
  }

  private static ObjectNode node(EnvoySidecar sidecar, EnvoyBuild build) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", sidecar.nodeId());
    node.put("cluster", sidecar.serviceCluster());
    ObjectNode metadata = node.putObject("metadata");
    metadata.put("NAMESPACE", sidecar.namespace());
    metadata.put("NAME", sidecar.pod());
    metadata.put("INSTANCE_IPS", sidecar.podIp());
    node.putObject("user_agent_build_version")
        .putObject("version")
        .put("major_number", Integer.parseInt(sidecar.version().split("\\.")[0]))
        .put("minor_number", Integer.parseInt(sidecar.version().split("\\.")[1]))
        .put("patch", Integer.parseInt(sidecar.version().split("\\.")[2]));
    node.put("user_agent_name", "envoy");
    node.putObject("locality");
    node.put("hidden_envoy_deprecated_build_version", build.versionString());
    return node;
  }

  private static void listener(
      ArrayNode listeners, String name, int port, String statPrefix, String cluster) {
    ObjectNode active = listeners.addObject().put("name", name).putObject("active_state");
    active.put("version_info", "2026-11-26T02:41:07Z/14");
    ObjectNode listener = active.putObject("listener");
    listener.put("@type", "type.googleapis.com/envoy.config.listener.v3.Listener");
    listener.put("name", name);
    listener
        .putObject("address")
        .putObject("socket_address")
        .put("address", "0.0.0.0")
        .put("port_value", port);
    ObjectNode hcm =
        listener
            .putArray("filter_chains")
            .addObject()
            .putArray("filters")
            .addObject()
            .put("name", "envoy.filters.network.http_connection_manager")
            .putObject("typed_config");
    hcm.put(
        "@type",
        "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager");
    hcm.put("stat_prefix", statPrefix);
    ObjectNode host =
        hcm.putObject("route_config").putArray("virtual_hosts").addObject().put("name", "default");
    host.putArray("domains").add("*");
    ObjectNode route = host.putArray("routes").addObject();
    route.putObject("match").put("prefix", "/");
    route.putObject("route").put("cluster", cluster);
  }

  private static String configPath(EnvoySidecar sidecar) {
    return switch (sidecar.kind()) {
      case ISTIO_PROXY -> "/etc/istio/proxy/envoy-rev.json";
      case APPMESH_ENVOY -> "/tmp/envoy.yaml";
      default -> "/etc/envoy/envoy.yaml";
    };
  }

  /** A PEM block of made-up bytes, base64 as {@code inline_bytes} are. */
  private static String pem(String type, SplittableRandom random, int bytes) {
    byte[] body = new byte[bytes];
    random.nextBytes(body);
    String pem =
        "-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(body)
            + "\n-----END "
            + type
            + "-----\n";
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  private static String token(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, length);
  }
}
