package dev.sidescope.collectors.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.WorkloadSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, written to a temporary folder: each case yields exactly the expected problems, no
 * exception escapes, and every good file beside the bad one is still read.
 */
class ManifestReaderBadInputTest {
  private static final String GOOD_ID = "kubernetes/manifests/default/good";
  private static final String GOOD =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: good
      spec:
        template:
          spec:
            containers:
              - name: app
                image: app:1
      """;
  private static final String NO_KIND =
      ": the document has no kind, so it is neither a Kubernetes object nor an ECS task"
          + " definition";

  /** A file to write: its bytes, or a size for a sparse file. */
  private record FileToWrite(String path, byte[] bytes, long sparseSize) {}

  /** One row of the table. */
  private static final class Case {
    final List<FileToWrite> files = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final List<String> read = new ArrayList<>();
    boolean withGoodFile = true;
    String readPath = "";

    Case text(String path, String text) {
      return bytes(path, text.getBytes(StandardCharsets.UTF_8));
    }

    Case bytes(String path, byte[] bytes) {
      files.add(new FileToWrite(path, bytes, -1));
      return this;
    }

    Case sparse(String path, long size) {
      files.add(new FileToWrite(path, null, size));
      return this;
    }

    Case noGoodFile() {
      withGoodFile = false;
      return this;
    }

    Case readPath(String path) {
      readPath = path;
      return this;
    }

    /** Problems as {@code path[ line N]: message}; {@code {root}} stands for the folder read. */
    Case problems(String... expected) {
      problems.addAll(List.of(expected));
      return this;
    }

    /** Ids of workloads and services that must be read besides the good file's. */
    Case reads(String... ids) {
      read.addAll(List.of(ids));
      return this;
    }
  }

  private static Arguments row(String name, Case c) {
    return Arguments.of(Named.of(name, c));
  }

  private static Case files() {
    return new Case();
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        row(
            "malformed YAML, with its line",
            files()
                .text(
                    "bad.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orders: broken\n")
                .problems("bad.yaml line 4: mapping values are not allowed here")),
        row(
            "malformed JSON, with its line",
            files()
                .text(
                    "bad.json",
                    "{\n  \"family\": \"orders\",\n  \"containerDefinitions\": [\n"
                        + "    {\"name\": \"app\",}\n  ]\n}\n")
                .problems(
                    "bad.json line 4: not valid JSON after containerDefinitions[0].name (a field name"
                        + " is not in double quotes)")),
        row(
            "a value without its quotes, named by its field and not repeated",
            files()
                .text(
                    "taskdef.json",
                    "{\n  \"family\": \"orders\",\n  \"containerDefinitions\": [\n"
                        + "    {\"name\": \"app\",\n     \"environment\": [\n"
                        + "       {\"name\": \"TOKEN\",\n        \"value\": plantedSecretToken123XYZ}]}\n"
                        + "  ]\n}\n")
                .problems(
                    "taskdef.json line 7: not valid JSON at"
                        + " containerDefinitions[0].environment[0].value (an unquoted word where"
                        + " a value was expected)")),
        row(
            "JSON that ends too early",
            files()
                .text("short.json", "{\"kind\": \"Pod\",\n \"metadata\": {\"name\": \"p\"")
                .problems(
                    "short.json line 2: the file ends before an object is closed (a } is"
                        + " missing)")),
        row(
            "a document with no kind",
            files()
                .text("nokind.yaml", "apiVersion: v1\nmetadata:\n  name: orphan\n")
                .problems("nokind.yaml line 1" + NO_KIND)),
        row(
            "one bad document among good ones",
            files()
                .text(
                    "multi.yaml",
                    """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: one
                    spec:
                      template:
                        spec:
                          containers: [{name: one, image: one:1}]
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: [broken
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: three
                    spec:
                      selector: {app: three}
                    """)
                .problems("multi.yaml line 13: a [ list ] is not closed")
                .reads("kubernetes/manifests/default/one", "service/manifests/default/three")),
        row(
            "an empty folder",
            files()
                .noGoodFile()
                .problems(".: no Kubernetes manifests or ECS task definitions found in {root}")),
        row(
            "a folder with nothing but other files",
            files()
                .noGoodFile()
                .text("README.md", "# manifests\n")
                .problems(".: no Kubernetes manifests or ECS task definitions found in {root}")),
        row("a missing path", files().readPath("missing").problems("missing: does not exist")),
        row(
            "a binary file",
            files()
                .bytes(
                    "logo.yaml", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0, 0, 0, 13})
                .problems("logo.yaml: is not a text file")),
        row(
            "5 MB of random bytes",
            files()
                .bytes("junk.json", randomBytes(5 * 1024 * 1024))
                .problems("junk.json: is not a text file")),
        row(
            "5 MB of printable junk",
            files()
                .text("junk.yaml", "lorem ipsum dolor sit amet\n".repeat(200_000))
                .problems(
                    "junk.yaml line 1: the document is plain text, not a Kubernetes object or an"
                        + " ECS task definition")),
        row(
            "a file larger than the reader takes",
            files()
                .sparse("huge.yaml", 17L * 1024 * 1024)
                .problems("huge.yaml: is larger than 16 MB, the most Sidescope reads of one file")),
        row(
            "a file just over the limit",
            files()
                .sparse("huge.yaml", ManifestReader.MAX_FILE_BYTES + 100 * 1024)
                .problems("huge.yaml: is larger than 16 MB, the most Sidescope reads of one file")),
        row(
            "invalid UTF-8",
            files()
                .bytes("latin1.yaml", "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))
                .problems("latin1.yaml: is not UTF-8 text (byte 0xE9 at offset 9)")),
        row(
            "a lone 0xFF byte",
            files()
                .bytes("lone.yaml", new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xFF, '\n'})
                .problems("lone.yaml: is not UTF-8 text (byte 0xFF at offset 6)")),
        row(
            "Latin-1 after a byte order mark",
            files()
                .bytes(
                    "bom.yaml",
                    new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', (byte) 0xE9})
                .problems("bom.yaml: is not UTF-8 text (byte 0xE9 at offset 4)")),
        row(
            "a JSON array of numbers",
            files()
                .text("numbers.json", "[1, 2, 3]")
                .problems(
                    "numbers.json line 1: the document is a list, not a Kubernetes object or an"
                        + " ECS task definition")),
        row(
            "deeply nested JSON",
            files()
                .text("deep.json", "[".repeat(5000) + "]".repeat(5000))
                .problems("deep.json: the document nests deeper than Sidescope reads")),
        row(
            "tabs for indentation",
            files()
                .text("tabs.yaml", "kind: Pod\nmetadata:\n\tname: p\n")
                .problems(
                    "tabs.yaml line 3: a tab is used for indentation; YAML indents with spaces"
                        + " only")),
        row(
            "a quote that is not closed",
            files()
                .text("quote.yaml", "kind: Pod\nmetadata:\n  name: 'p\nspec: {}\n")
                .problems("quote.yaml line 3: a quoted value is not closed")),
        row(
            "a field of the wrong type",
            files()
                .text(
                    "web.yaml",
                    """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                    spec:
                      template:
                        spec:
                          containers: oops
                    """)
                .problems(
                    "web.yaml line 8: Deployment web: spec.template.spec.containers must be a"
                        + " list, not a string")),
        row(
            "a port that is no number",
            files()
                .text(
                    "pod.yaml",
                    """
                    kind: Pod
                    metadata: {name: p}
                    spec:
                      containers:
                        - name: c
                          ports:
                            - containerPort: http
                    """)
                .problems(
                    "pod.yaml line 7: Pod p: spec.containers[0].ports[0].containerPort must be a"
                        + " number, not a string")),
        row(
            "an object without a name",
            files()
                .text(
                    "noname.yaml",
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels: {a: b}\n")
                .problems("noname.yaml line 3: the Deployment has no metadata.name")),
        row(
            "a Deployment under the core apiVersion",
            files()
                .text("dep.yaml", "apiVersion: v1\nkind: Deployment\nmetadata: {name: web}\n")
                .problems(
                    "dep.yaml line 1: Deployment is not served by apiVersion v1; it is apps/v1")),
        row(
            "a Service under the apps apiVersion",
            files()
                .text("svc.yaml", "kind: Service\napiVersion: apps/v1\nmetadata: {name: web}\n")
                .problems(
                    "svc.yaml line 2: Service is not served by apiVersion apps/v1; it is v1")),
        row(
            "a kind that is not a name",
            files()
                .text("kind.yaml", "apiVersion: v1\nkind: [Pod]\n")
                .problems("kind.yaml line 2: kind must be a name such as Deployment")),
        row(
            "a bad item in a List",
            files()
                .text(
                    "list.yaml",
                    """
                    apiVersion: v1
                    kind: List
                    items:
                      - apiVersion: v1
                        kind: Service
                        metadata: {name: listed}
                      - metadata: {name: kindless}
                    """)
                .problems(
                    "list.yaml line 7: item 2 has no kind, so it is neither a Kubernetes object"
                        + " nor an ECS task definition")
                .reads("service/manifests/default/listed")),
        row(
            "the same object in two files",
            files()
                .text("a.yaml", "kind: Service\nmetadata: {name: web, namespace: shop}\n")
                .text("b.yaml", "kind: Service\nmetadata: {name: web, namespace: shop}\n")
                .problems(
                    "b.yaml line 1: Service shop/web has the same id as Service shop/web in"
                        + " {root}/a.yaml line 1, so only the first is read")
                .reads("service/manifests/shop/web")),
        row(
            "a task definition without a family",
            files()
                .text("task.json", "{\"containerDefinitions\": [{\"name\": \"app\"}]}")
                .problems("task.json line 1: the task definition has no family")),
        row(
            "a task definition whose container has no name",
            files()
                .text("task.json", "{\"family\": \"f\",\n \"containerDefinitions\": [{}]}")
                .problems("task.json line 1: container 1 of task definition f has no name")),
        row(
            "more JSON after the first value",
            files()
                .text("two.json", "{\"kind\": \"Service\"}\n{\"kind\": \"Service\"}")
                .problems("two.json line 2: there is more text after the end of the first value")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputBecomesExactlyTheExpectedProblemsAndTheRestIsStillRead(Case c, @TempDir Path root)
      throws IOException {
    write(root, c);

    ManifestReadResult result = new ManifestReader().read(root.resolve(c.readPath));

    assertThat(result.problems())
        .extracting(p -> render(root, p))
        .containsExactlyElementsOf(c.problems);
    List<String> expected = new ArrayList<>(c.read);
    if (c.withGoodFile && c.readPath.isEmpty()) {
      expected.add(GOOD_ID);
    }
    assertThat(ids(result.observations())).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.observations().sources())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo(SourceState.DEGRADED);
              assertThat(s.message()).isPresent();
            });
  }

  static Stream<Arguments> quietInput() {
    return Stream.of(
        row(
            "kinds Sidescope does not read",
            files()
                .text(
                    "others.yaml",
                    """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: c}
                    data: {a: b}
                    ---
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: s}
                    ---
                    apiVersion: networking.k8s.io/v1
                    kind: Ingress
                    metadata: {name: i}
                    ---
                    apiVersion: apiextensions.k8s.io/v1
                    kind: CustomResourceDefinition
                    metadata: {name: virtualnodes.appmesh.k8s.aws}
                    ---
                    apiVersion: serving.knative.dev/v1
                    kind: Service
                    metadata: {name: knative-is-not-a-kubernetes-service}
                    ---
                    apiVersion: appmesh.k8s.aws/v1beta2
                    kind: VirtualService
                    metadata: {name: vs}
                    ---
                    apiVersion: example.com/v1
                    kind: Deployment
                    metadata: {name: not-an-apps-deployment}
                    """)),
        row(
            "empty documents and empty files",
            files()
                .text("empty.yaml", "")
                .text("markers.yaml", "---\n---\n# just a comment\n---\n...\n")
                .text("blank.json", "  \n")),
        row(
            "hidden files, hidden folders and other extensions",
            files()
                .text(".hidden/bad.yaml", "a: b: c\n")
                .text(".bad.yaml", "a: b: c\n")
                .text("notes.txt", "a: b: c\n")
                .bytes("image.png", new byte[] {0, 1, 2})),
        row(
            "sample-cluster and kustomize files",
            files()
                .text("cluster.yaml", "name: seed\ndescription: d\ntraffic: []\n")
                .text(
                    "ecs/services.yaml",
                    "- {cluster: c, service: s, taskDefinition: f, desiredCount: 1}\n")
                .text("kustomization.yaml", "resources:\n  - good.yaml\n")),
        row(
            "ECS API responses that hold no task definition",
            files()
                .text("tasks.json", "{\"tasks\": [], \"failures\": []}")
                .text("arns.json", "{\"taskArns\": [\"arn:aws:ecs:us-east-1:1:task/c/1\"]}")),
        row(
            "Lists, API lists whose items leave out their kind, and old API versions",
            files()
                .text(
                    "list.yaml",
                    """
                    apiVersion: v1
                    kind: List
                    items:
                      - apiVersion: v1
                        kind: Service
                        metadata: {name: listed, namespace: shop}
                    """)
                .text(
                    "pods.json",
                    """
                    {"apiVersion": "v1", "kind": "PodList",
                     "items": [{"metadata": {"name": "p1", "namespace": "shop"},
                                "spec": {"containers": [{"name": "c"}]}}]}
                    """)
                .text(
                    "old.yaml",
                    """
                    apiVersion: batch/v1beta1
                    kind: CronJob
                    metadata: {name: nightly}
                    spec:
                      jobTemplate: {spec: {template: {spec: {containers: [{name: job}]}}}}
                    ---
                    apiVersion: extensions/v1beta1
                    kind: Deployment
                    metadata: {name: legacy, generateName: ignored-}
                    spec: {template: {spec: {containers: [{name: app}]}}}
                    """)
                .reads(
                    "service/manifests/shop/listed",
                    "kubernetes/manifests/shop/p1",
                    "kubernetes/manifests/default/nightly",
                    "kubernetes/manifests/default/legacy")),
        row(
            "byte order marks, UTF-16 as PowerShell writes it, CRLF line ends",
            files()
                .bytes(
                    "utf16.yaml",
                    withBom(
                        new byte[] {(byte) 0xFF, (byte) 0xFE},
                        "kind: Service\r\nmetadata:\r\n  name: utf16\r\n"
                            .getBytes(StandardCharsets.UTF_16LE)))
                .bytes(
                    "utf8.yaml",
                    withBom(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        "kind: Service\nmetadata:\n  name: utf8\n"
                            .getBytes(StandardCharsets.UTF_8)))
                .reads("service/manifests/default/utf16", "service/manifests/default/utf8")),
        row(
            "a task definition written in YAML",
            files()
                .text(
                    "task.yml",
                    """
                    family: worker
                    revision: 4
                    containerDefinitions:
                      - name: worker
                        image: worker:1
                    """)
                .reads("ecs/manifests/default/worker:4")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quietInput")
  void inputSidescopeKnowsButDoesNotReadIsPassedOverWithoutProblems(Case c, @TempDir Path root)
      throws IOException {
    write(root, c);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems()).isEmpty();
    List<String> expected = new ArrayList<>(c.read);
    expected.add(GOOD_ID);
    assertThat(ids(result.observations())).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.observations().sources().get(0).status()).isEqualTo(SourceState.LIVE);
  }

  @Test
  void filesAreReadInPathOrderAndCounted(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("b"));
    Files.writeString(root.resolve("b/a.yaml"), "kind: Service\nmetadata: {name: second}\n");
    Files.writeString(root.resolve("a.yaml"), "kind: Service\nmetadata: {name: first}\n");
    Files.writeString(
        root.resolve("c.json"), "{\"kind\": \"Service\", \"metadata\": {\"name\": \"third\"}}");
    Files.writeString(root.resolve("d.txt"), "kind: Service\nmetadata: {name: never}\n");

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.filesRead()).isEqualTo(3);
    assertThat(result.observations().services())
        .extracting(ServiceSpec::name)
        .containsExactly("first", "second", "third");
  }

  @Test
  void aSingleFileIsReadWhateverItsName(@TempDir Path root) throws IOException {
    Path file = root.resolve("manifest.txt");
    Files.writeString(file, "kind: Service\nmetadata: {name: named}\n");

    ManifestReadResult result = new ManifestReader().read(file);

    assertThat(result.problems()).isEmpty();
    assertThat(result.filesRead()).isEqualTo(1);
    assertThat(result.observations().services())
        .extracting(ServiceSpec::name)
        .containsExactly("named");
  }

  @Test
  void eachProblemIsAnErrorFindingAboutTheManifestsSourceNamingFileAndLine(@TempDir Path root)
      throws IOException {
    Files.writeString(root.resolve("good.yaml"), GOOD);
    Files.writeString(root.resolve("bad.yaml"), "kind: Pod\nmetadata:\n  name: a: b\n");

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("MANIFEST_UNREADABLE");
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.subject()).isEqualTo(ManifestReader.SOURCE_ID);
              assertThat(f.container()).isEmpty();
              assertThat(f.message())
                  .isEqualTo(
                      root.resolve("bad.yaml") + " line 3: mapping values are not allowed here.");
            });
  }

  @Test
  void aFileThatIsReadAndIsNoManifestIsSaidButIsNoFinding(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("good.yaml"), GOOD);
    // A Helm chart's values beside its templates: YAML, and no Kubernetes object.
    Files.writeString(root.resolve("values.yaml"), "replicaCount: 2\nimage:\n  tag: 1.4.2\n");
    Files.writeString(root.resolve("list.yaml"), "- a\n- b\n");

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems()).hasSize(2);
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void severalProblemsAreCountedInTheSourceStatus(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("a.yaml"), "a: b: c\n");
    Files.writeString(root.resolve("b.yaml"), "[1]\n");

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.observations().sources().get(0).message())
        .contains(
            "2 problems reading manifests; the first: "
                + root.resolve("a.yaml")
                + " line 1: mapping values are not allowed here");
  }

  @Test
  void anUnreadableFileIsAProblemAndTheOthersAreStillRead(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("good.yaml"), GOOD);
    Path locked = root.resolve("locked.yaml");
    Files.writeString(locked, GOOD.replace("good", "locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    // Someone who can read anything (root in a container) cannot be shown this.
    assumeThat(Files.isReadable(locked)).as("file readable despite its permissions").isFalse();

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems())
        .extracting(p -> render(root, p))
        .containsExactly("locked.yaml: cannot be read: permission denied");
    assertThat(ids(result.observations())).containsExactly(GOOD_ID);
  }

  @Test
  void aBrokenSymbolicLinkIsAProblem(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("good.yaml"), GOOD);
    Files.createSymbolicLink(root.resolve("gone.yaml"), root.resolve("nowhere.yaml"));

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems())
        .extracting(p -> render(root, p))
        .containsExactly("gone.yaml: is a symbolic link to a file that does not exist");
    assertThat(ids(result.observations())).containsExactly(GOOD_ID);
  }

  private static void write(Path root, Case c) throws IOException {
    if (c.withGoodFile) {
      Files.writeString(root.resolve("good.yaml"), GOOD);
    }
    for (FileToWrite f : c.files) {
      Path path = root.resolve(f.path());
      Files.createDirectories(path.getParent());
      if (f.bytes() != null) {
        Files.write(path, f.bytes());
      } else {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
          file.setLength(f.sparseSize());
        }
      }
    }
  }

  private static String render(Path root, ManifestProblem p) {
    String file = p.file().equals(root) ? "." : root.relativize(p.file()).toString();
    String line = p.line().isPresent() ? " line " + p.line().getAsInt() : "";
    return file + line + ": " + p.message().replace(root.toString(), "{root}");
  }

  private static List<String> ids(Observations observations) {
    List<String> ids = new ArrayList<>();
    observations.workloads().stream().map(WorkloadSpec::id).forEach(ids::add);
    observations.services().stream().map(ServiceSpec::id).forEach(ids::add);
    return ids;
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static byte[] withBom(byte[] bom, byte[] text) {
    byte[] result = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, result, 0, bom.length);
    System.arraycopy(text, 0, result, bom.length, text.length);
    return result;
  }
}
