package dev.sidescope.app.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.samples.aws.SampleAwsEndpoint;
import dev.sidescope.samples.folder.BuiltInSamples;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing the clusters for the Sources dialog, against the seed's AWS endpoint on loopback. */
class EcsClusterListingTest {
  @TempDir Path home;
  private SampleAwsEndpoint endpoint;
  private EcsSource source;

  @BeforeEach
  void serve() throws Exception {
    endpoint = SampleAwsEndpoint.forSample(BuiltInSamples.folder("seed").orElseThrow()).start();
    source = SampleAccount.source(SampleAccount.settings(endpoint, home).build());
  }

  @AfterEach
  void stop() {
    source.close();
    endpoint.stop();
  }

  @Test
  void listingShouldGiveTheSamplesClusterNames() {
    assertThat(source.listClusterNames()).contains("shop-prod").isSorted();
  }

  @Test
  void aServerErrorShouldBeOneSentenceSayingNothingWasListed() {
    endpoint.faults().serverErrorNext(3); // the SDK's standard mode tries each call three times

    assertThatThrownBy(source::listClusterNames)
        .isInstanceOf(EcsSource.ListingFailedException.class)
        .hasMessageStartingWith("ECS answered ListClusters with a server error (HTTP 5")
        .hasMessageEndingWith("nothing was listed.");
  }
}
