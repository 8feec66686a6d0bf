package dev.sidescope.collectors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {
  @TempDir Path dir;

  @Test
  void severalFilesMergeAndTheFirstFileWinsEveryName() throws Exception {
    Path first =
        write(
            "first/config",
            """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: one
          cluster: {server: 'https://one.example:6443', certificate-authority: ca.crt}
        contexts:
        - name: dev
          context: {cluster: one, user: alice, namespace: shop}
        - name: shared
          context: {cluster: one, user: alice}
        users:
        - name: alice
          user: {token: first-token}
        """);
    Path second =
        write(
            "second/config",
            """
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: one
          cluster: {server: 'https://ignored.example:6443'}
        - name: two
          cluster: {server: 'https://two.example:6443'}
        contexts:
        - name: shared
          context: {cluster: two, user: bob}
        - name: prod
          context: {cluster: two, user: bob}
        users:
        - name: alice
          user: {token: ignored-token}
        - name: bob
          user: {token: second-token}
        """);

    Kubeconfig merged = Kubeconfig.load(List.of(first, second));

    assertThat(merged.contexts()).containsExactly("dev", "shared", "prod");
    assertThat(merged.currentContext()).contains("dev");
    assertThat(merged.select(List.of())).containsExactly("dev");
    assertThat(merged.namespace("dev")).contains("shop");
    Config shared = merged.clientConfig("shared");
    assertThat(shared.getMasterUrl()).isEqualTo("https://one.example:6443/");
    assertThat(shared.getAutoOAuthToken()).isEqualTo("first-token");
    assertThat(Path.of(shared.getCaCertFile()))
        .as("relative to the file that names it")
        .isEqualTo(first.getParent().resolve("ca.crt").toAbsolutePath());
    Config prod = merged.clientConfig("prod");
    assertThat(prod.getMasterUrl()).isEqualTo("https://two.example:6443/");
    assertThat(prod.getAutoOAuthToken()).isEqualTo("second-token");
  }

  @Test
  void locateReadsKubeconfigLikeKubectl() throws Exception {
    Path a = write("a", minimal("a"));
    Path b = write("b", minimal("b"));
    Path home = dir.resolve("home");
    Path standard = write("home/.kube/config", minimal("home"));
    String list = a + File.pathSeparator + dir.resolve("missing") + File.pathSeparator + b;

    assertThat(Kubeconfig.locate(Optional.empty(), Map.of("KUBECONFIG", list), home))
        .containsExactly(a, b);
    assertThat(Kubeconfig.locate(Optional.of(b), Map.of("KUBECONFIG", list), home))
        .containsExactly(b);
    assertThat(Kubeconfig.locate(Optional.empty(), Map.of(), home)).containsExactly(standard);
    assertThat(Kubeconfig.locate(Optional.empty(), Map.of(), dir.resolve("nobody"))).isEmpty();
  }

  @Test
  void aBrokenFileIsOneSentence() throws Exception {
    Path broken = write("broken", "apiVersion: v1\nclusters: [\n  - name: {oops\n");

    assertThatThrownBy(() -> Kubeconfig.load(List.of(broken)))
        .isInstanceOf(KubeconfigException.class)
        .hasMessageStartingWith("the kubeconfig " + broken + " is not valid: ")
        .hasMessageContaining("(line 3, column")
        .hasMessageEndingWith(".")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "Exception"));
  }

  @Test
  void latin1TextIsNamedAsNotUtf8WithTheByteAndItsOffset() throws Exception {
    Path latin1 = dir.resolve("latin1");
    Files.write(
        latin1,
        "apiVersion: v1\ncurrent-context: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> Kubeconfig.load(List.of(latin1)))
        .isInstanceOf(KubeconfigException.class)
        .hasMessage("the kubeconfig " + latin1 + " is not UTF-8 text (byte 0xE9 at offset 35).");
  }

  @Test
  void aLoneFfByteIsNamedAsNotUtf8() throws Exception {
    Path lone = dir.resolve("lone");
    Files.write(lone, new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xFF, '\n'});

    assertThatThrownBy(() -> Kubeconfig.load(List.of(lone)))
        .isInstanceOf(KubeconfigException.class)
        .hasMessage("the kubeconfig " + lone + " is not UTF-8 text (byte 0xFF at offset 6).");
  }

  @Test
  void aFileNestedTenThousandDeepIsOneSentence() throws Exception {
    Path deep = write("deep", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");

    assertThatThrownBy(() -> Kubeconfig.load(List.of(deep)))
        .isInstanceOf(KubeconfigException.class)
        .hasMessage("the kubeconfig " + deep + " nests deeper than Sidescope reads.");
  }

  @Test
  void aMissingFileIsSaidSo() {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> Kubeconfig.load(List.of(missing)))
        .hasMessage("the kubeconfig " + missing + " does not exist.");
  }

  @Test
  void anUnknownContextNamesTheOnesThatExist() throws Exception {
    Kubeconfig config = Kubeconfig.load(List.of(write("c", minimal("dev"))));

    assertThatThrownBy(() -> config.select(List.of("prod")))
        .hasMessage(
            "there is no context 'prod' in the kubeconfig "
                + dir.resolve("c")
                + " (contexts: dev).");
  }

  @Test
  void withoutCurrentContextAContextMustBeChosen() throws Exception {
    Kubeconfig config =
        Kubeconfig.load(List.of(write("c", minimal("dev").replace("current-context: dev\n", ""))));

    assertThatThrownBy(() -> config.select(List.of()))
        .hasMessageContaining("sets no current-context; pass --context (one of: dev)");
  }

  @Test
  void anExecPluginIsLookedUpOnPathAndBesideItsKubeconfig() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    executable(bin.resolve("aws"));
    executable(dir.resolve("plugins/token-helper"));
    Kubeconfig config =
        Kubeconfig.load(
            List.of(
                write(
                    "exec",
                    """
        apiVersion: v1
        kind: Config
        current-context: eks
        clusters:
        - name: c
          cluster: {server: 'https://eks.example'}
        contexts:
        - name: eks
          context: {cluster: c, user: aws}
        - name: local
          context: {cluster: c, user: helper}
        - name: gke
          context: {cluster: c, user: gcloud}
        users:
        - name: aws
          user:
            exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token]}
        - name: helper
          user:
            exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./plugins/token-helper}
        - name: gcloud
          user:
            exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: gke-gcloud-auth-plugin}
        """)));
    Map<String, String> env = Map.of("PATH", bin.toString());

    assertThat(config.missingExecPlugin("eks", env)).isEmpty();
    assertThat(config.missingExecPlugin("local", env)).isEmpty();
    assertThat(config.missingExecPlugin("gke", env))
        .contains("exec plugin gke-gcloud-auth-plugin not found on PATH");
    assertThat(config.missingExecPlugin("eks", Map.of("PATH", dir.toString())))
        .contains("exec plugin aws not found on PATH");
  }

  private static String minimal(String context) {
    return "apiVersion: v1\nkind: Config\ncurrent-context: "
        + context
        + "\nclusters:\n- name: c\n  cluster: {server: 'https://"
        + context
        + ".example'}\ncontexts:\n- name: "
        + context
        + "\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user: {token: t}\n";
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private static void executable(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
