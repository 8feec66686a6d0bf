package dev.sidescope.collectors.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The AWS CLI's two profile files of one {@link AwsEnvironment}, read together: {@code
 * ~/.aws/config} (or {@code AWS_CONFIG_FILE}) and {@code ~/.aws/credentials} (or {@code
 * AWS_SHARED_CREDENTIALS_FILE}). A file that does not exist counts as empty, as it does for the
 * CLI.
 *
 * <p>Immutable and thread-safe once read.
 */
public final class AwsProfiles {
  /** The profile the CLI uses when none is named. */
  public static final String DEFAULT = "default";

  private final ProfileFile file;
  private final Path configFile;
  private final Path credentialsFile;

  private AwsProfiles(ProfileFile file, Path configFile, Path credentialsFile) {
    this.file = file;
    this.configFile = configFile;
    this.credentialsFile = credentialsFile;
  }

  /**
   * Reads the environment's profile files.
   *
   * @throws UnreadableProfilesException when a file exists but cannot be read or parsed; the
   *     message is one sentence naming the file
   */
  public static AwsProfiles read(AwsEnvironment environment) {
    Path config = environment.configFile();
    Path credentials = environment.credentialsFile();
    ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
    add(aggregator, config, ProfileFile.Type.CONFIGURATION);
    add(aggregator, credentials, ProfileFile.Type.CREDENTIALS);
    return new AwsProfiles(aggregator.build(), config, credentials);
  }

  private static void add(ProfileFile.Aggregator aggregator, Path path, ProfileFile.Type type) {
    if (!Files.isRegularFile(path)) {
      return;
    }
    try {
      aggregator.addFile(ProfileFile.builder().content(path).type(type).build());
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UnreadableProfilesException(path + " cannot be read: " + why);
    }
  }

  /** Both files as one, in the SDK's form (credentials-file values win, as for the CLI). */
  public ProfileFile file() {
    return file;
  }

  /** The named profile, if either file has it. */
  public Optional<Profile> profile(String name) {
    return file.profile(name);
  }

  /**
   * Every profile either file names, sorted, {@value #DEFAULT} first when present: what a person
   * can choose from, as {@code aws configure list-profiles} shows them.
   */
  public java.util.List<String> names() {
    java.util.List<String> names = new java.util.ArrayList<>(file.profiles().keySet());
    names.sort(
        java.util.Comparator.comparing((String n) -> !n.equals(DEFAULT))
            .thenComparing(java.util.Comparator.naturalOrder()));
    return java.util.List.copyOf(names);
  }

  /** The region a profile sets, if it sets one. */
  public Optional<String> region(String profile) {
    return profile(profile).flatMap(p -> p.property("region")).filter(r -> !r.isBlank());
  }

  /** A named section of another type, e.g. {@code sso-session corp} or {@code services local}. */
  public Optional<Profile> section(String type, String name) {
    return file.getSection(type, name);
  }

  /** "the config file or the credentials file", with their paths, for messages. */
  public String where() {
    return configFile + " or " + credentialsFile;
  }

  /** A profile file that exists but cannot be read; the message is one sentence. */
  public static final class UnreadableProfilesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableProfilesException(String message) {
      super(message);
    }
  }
}
