package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.sources.SourceChoice;
import dev.sidescope.views.sources.SourceOffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code sidescope} with no arguments starts, decided without a window: remembered sources,
 * else the kubeconfig's current context, else nothing with the reason. The kubeconfigs point at a
 * closed loopback port; connecting is asynchronous, so the plan does not depend on a cluster.
 */
class ConsoleStartTest {
  @TempDir Path dir;

  private Path kubeconfig(String name, String current, String... contexts) throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server:"
                + " \"http://127.0.0.1:1\"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n");
    for (String c : contexts) {
      yaml.append("- name: ").append(c).append("\n  context: {cluster: c, user: u}\n");
    }
    yaml.append("current-context: ").append(current).append('\n');
    return Files.writeString(dir.resolve(name), yaml);
  }

  private ConsoleStart.Plan plan(Map<String, String> env, SettingsStore settings) {
    try (LiveSourceSet sources = new LiveSourceSet(env, Clock.systemUTC())) {
      return ConsoleStart.start(sources, settings);
    }
  }

  @Test
  void rememberedSourcesShouldWinOverTheCurrentContext() throws Exception {
    Path file = kubeconfig("k.yaml", "dev", "dev", "prod");
    SettingsStore settings = new SettingsStore(dir.resolve("config"));
    settings.save(
        ConsoleSettings.DEFAULTS.withSources(
            SourceChoice.kubernetes(List.of("prod"), Optional.of("shop"))));

    ConsoleStart.Plan plan =
        plan(Map.of("HOME", dir.toString(), "KUBECONFIG", file.toString()), settings);

    assertThat(plan.nothingFound()).isEmpty();
    assertThat(plan.title()).isEqualTo("Sidescope — prod (shop)");
  }

  @Test
  void withNothingRememberedTheCurrentContextShouldBeUsed() throws Exception {
    Path file = kubeconfig("k.yaml", "dev", "dev", "prod");

    ConsoleStart.Plan plan =
        plan(
            Map.of("HOME", dir.toString(), "KUBECONFIG", file.toString()),
            new SettingsStore(dir.resolve("config")));

    assertThat(plan.nothingFound()).isEmpty();
    assertThat(plan.title()).isEqualTo("Sidescope — dev");
  }

  @Test
  void aRememberedContextGoneFromTheKubeconfigShouldOpenTheEmptyStateSayingWhy() throws Exception {
    Path file = kubeconfig("k.yaml", "dev", "dev");
    SettingsStore settings = new SettingsStore(dir.resolve("config"));
    settings.save(
        ConsoleSettings.DEFAULTS.withSources(
            SourceChoice.kubernetes(List.of("gone"), Optional.empty())));

    ConsoleStart.Plan plan =
        plan(Map.of("HOME", dir.toString(), "KUBECONFIG", file.toString()), settings);

    assertThat(plan.nothingFound())
        .hasValueSatisfying(
            why -> assertThat(why).contains("used last time (gone)").contains("no context 'gone'"));
  }

  @Test
  void aCorruptSettingsFileShouldCountAsNothingRemembered() throws Exception {
    Path file = kubeconfig("k.yaml", "dev", "dev");
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve(SettingsStore.FILE_NAME), "theme=plaid\n");

    ConsoleStart.Plan plan =
        plan(
            Map.of("HOME", dir.toString(), "KUBECONFIG", file.toString()),
            new SettingsStore(config));

    assertThat(plan.title()).isEqualTo("Sidescope — dev");
  }

  @Test
  void awsCredentialsInTheEnvironmentAloneShouldStartOnEcsThroughTheDefaultChain() {
    Map<String, String> env =
        Map.of(
            "HOME", dir.toString(),
            "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "not-a-secret",
            "AWS_REGION", "eu-west-1",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
            "AWS_EC2_METADATA_DISABLED", "true");

    ConsoleStart.Plan plan = plan(env, new SettingsStore(dir.resolve("config")));

    assertThat(plan.nothingFound()).isEmpty();
    assertThat(plan.title()).isEqualTo("Sidescope — ECS default");
  }

  @Test
  void withNoKubeconfigAndNoAwsTheReasonShouldNameWhereItLooked() {
    ConsoleStart.Plan plan =
        plan(Map.of("HOME", dir.toString()), new SettingsStore(dir.resolve("config")));

    assertThat(plan.nothingFound())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .isEqualTo(
                        "No kubeconfig found at "
                            + dir.resolve(".kube/config")
                            + "; no AWS profile or credentials."));
  }

  @Test
  void theOfferShouldListEveryContextOfSeveralFilesAndTheProfilesOfAwsConfigFile()
      throws Exception {
    Path first = kubeconfig("a.yaml", "dev", "dev");
    Path second = kubeconfig("b.yaml", "prod", "prod", "dev");
    Path awsConfig =
        Files.writeString(
            dir.resolve("aws-config"),
            "[default]\nregion = eu-west-1\n\n[profile staging]\nregion = us-east-2\n");
    Map<String, String> env =
        Map.of(
            "HOME",
            dir.toString(),
            "KUBECONFIG",
            first + java.io.File.pathSeparator + second,
            "AWS_CONFIG_FILE",
            awsConfig.toString());

    SourceOffer offer;
    try (LiveSourceSet sources = new LiveSourceSet(env, Clock.systemUTC())) {
      offer = sources.offer();
    }

    assertThat(offer.kubeContexts()).containsExactly("dev", "prod");
    assertThat(offer.currentContext()).contains("dev");
    assertThat(offer.awsProfiles()).containsExactly("default", "staging");
    assertThat(offer.profileRegions())
        .containsEntry("default", "eu-west-1")
        .containsEntry("staging", "us-east-2");
    assertThat(offer.defaultProfile()).contains("default");
    assertThat(offer.regions()).contains("eu-west-1", "us-east-1");
    assertThat(offer.awsProblem()).isEmpty();
  }
}
