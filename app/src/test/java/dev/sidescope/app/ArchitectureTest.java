package dev.sidescope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module layout of DESIGN.md, held as rules: arrows only point down its table. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importSidescope() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The test fixtures (test-fixtures/) are test code on the test class path, as a jar or,
            // in a reactor build that stops before packaging, as that module's classes folder.
            .withImportOption(
                location ->
                    !location.contains("sidescope-test-fixtures")
                        && !location.contains("/test-fixtures/target/"))
            .importPackages("dev.sidescope");
  }

  @Test
  void allModulesAreImported() {
    // A rule over no classes passes vacuously: make sure every module with code is looked at.
    for (String pkg :
        new String[] {
          "dev.sidescope.topology",
          "dev.sidescope.collectors",
          "dev.sidescope.samples",
          "dev.sidescope.views",
          "dev.sidescope.app"
        }) {
      org.assertj.core.api.Assertions.assertThat(
              classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
          .as("classes of %s are imported", pkg)
          .isTrue();
    }
  }

  @Test
  void topologyIsPureJava() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.sidescope.topology..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "javafx..",
                "io.fabric8..",
                "software.amazon..",
                "org.graphstream..",
                "org.eclipse.elk..")
            .because(
                "the model must be usable by every source and view, testable without a toolkit, a cluster or an SDK");
    rule.check(classes);
  }

  @Test
  void nothingInTopologyImportsUpItsLayers() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("model")
        .definedBy("dev.sidescope.topology.model..")
        .layer("stages")
        .definedBy(
            "dev.sidescope.topology.classify..",
            "dev.sidescope.topology.edges..",
            "dev.sidescope.topology.findings..",
            "dev.sidescope.topology.overlay..")
        .layer("ports")
        .definedBy("dev.sidescope.topology.source..")
        .layer("picture")
        .definedBy("dev.sidescope.topology.picture..", "dev.sidescope.topology.export..")
        .layer("store")
        .definedBy("dev.sidescope.topology.snapshot..")
        .whereLayer("store")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("picture")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("ports")
        .mayOnlyBeAccessedByLayers("store")
        .whereLayer("stages")
        .mayOnlyBeAccessedByLayers("store")
        .because(
            "the model is the bottom; the stages of a build (classify, edges, findings, overlay)"
                + " know the model only; the store runs them and the picture draws their result,"
                + " so neither is known below")
        .check(classes);
  }

  @Test
  void theModelAndTheOverlayStageDoNoIo() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.sidescope.topology.model..",
            "dev.sidescope.topology.overlay..",
            "dev.sidescope.topology.classify..",
            "dev.sidescope.topology.edges..",
            "dev.sidescope.topology.findings..",
            "dev.sidescope.topology.snapshot..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net.http..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(java.io.File.class.getName())
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.io.InputStream.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.io.OutputStream.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.io.Reader.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.net.Socket.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.net.URLConnection.class)
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(java.net.URL.class.getName())
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(ProcessBuilder.class.getName())
        .because(
            "appenders run on every finish, four times a second, on the store's one writer; the"
                + " model and the stages of a build work on what sources handed them, never on"
                + " files or the network")
        .check(classes);
  }

  @Test
  void topologyDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("dev.sidescope.topology..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sidescope.collectors..",
            "dev.sidescope.views..",
            "dev.sidescope.app..",
            "dev.sidescope.samples..")
        .because(
            "topology is the bottom of the layout table: everything depends on it, it on nothing of ours")
        .check(classes);
  }

  @Test
  void collectorsNeverTouchJavaFx() {
    noClasses()
        .that()
        .resideInAPackage("dev.sidescope.collectors..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx..", "org.graphstream..", "dev.sidescope.views..", "dev.sidescope.app..")
        .because(
            "a collector that needs to show something publishes an observation; it runs on its own threads")
        .check(classes);
  }

  @Test
  void viewsKnowTheModelButNoCollectorOrSdk() {
    noClasses()
        .that()
        .resideInAPackage("dev.sidescope.views..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sidescope.collectors..",
            "dev.sidescope.app..",
            "dev.sidescope.samples..",
            "io.fabric8..",
            "software.amazon..")
        .because(
            "a view that needs data asks the model; it never reaches a cluster or an account itself")
        .check(classes);
  }

  @Test
  void onlyTheViewsFxPackageKnowsJavaFx() {
    noClasses()
        .that()
        .resideInAPackage("dev.sidescope.views..")
        .and()
        .resideOutsideOfPackage("dev.sidescope.views.fx..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "org.graphstream..", "atlantafx..")
        .because(
            "the view model, the key map, find, the picture's layout and looks are decided without"
                + " the toolkit, so they are tested with plain JUnit and the window only binds them")
        .check(classes);
  }

  @Test
  void theSampleServersPartsKnowNothingOfTheServer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.sidescope.samples.folder..",
            "dev.sidescope.samples.kubernetes..",
            "dev.sidescope.samples.aws..",
            "dev.sidescope.samples.generate..",
            "dev.sidescope.samples.traffic..",
            "dev.sidescope.samples.xray..",
            "dev.sidescope.samples.envoy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sidescope.samples")
        .because(
            "the server in the top package starts the parts (a folder read, the Kubernetes API,"
                + " the AWS endpoint, the traffic, its X-Ray rendering); a part that reached back up would tie them in a"
                + " loop")
        .check(classes);
  }

  @Test
  void sampleClustersDependOnlyOnTheModel() {
    noClasses()
        .that()
        .resideInAPackage("dev.sidescope.samples..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sidescope.collectors..",
            "dev.sidescope.views..",
            "dev.sidescope.app..",
            "javafx..")
        .because(
            "the sample cluster must be read by the production collectors, not share code with them")
        .check(classes);
  }

  @Test
  void onlyTheViewsFxAdaptersHopOntoTheFxThread() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.sidescope.views.fx..")
        .should()
        .callMethod("javafx.application.Platform", "runLater", "java.lang.Runnable")
        .because("the FX thread never waits: one place coalesces updates and hands them over")
        .check(classes);
  }

  @Test
  void noBenchmarkCodeInTheShippedModules() {
    noClasses()
        .should()
        .resideInAPackage("dev.sidescope.bench..")
        .orShould()
        .haveSimpleNameContaining("Bench")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("org.openjdk.jmh..")
        .because(
            "the installed app carries these modules and nothing else: benchmarks live in bench/,"
                + " which nothing depends on, and run with ./sidescope bench")
        .check(classes);
  }

  @Test
  void onlyTheCommandLinePrintsToTheTerminal() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.sidescope.app..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(Throwable.class, "printStackTrace")
        .because(
            "stdout carries only the requested output, and stack traces go to the log file, never to a user")
        .check(classes);
  }
}
