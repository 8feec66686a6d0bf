package dev.sidescope.collectors.aws;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The IAM Identity Center (SSO) session of a profile has expired or was never started: the user has
 * to run {@code aws sso login --profile <profile>}. The message is the SDK's own advice, made
 * concrete with the profile's name.
 *
 * <p>Not an {@code SdkException} on purpose: the SDK rebuilds those (appending attempt counts) and
 * would lose the type; it passes other exceptions through as the cause of its own.
 */
public final class SsoLoginRequiredException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The phrase of the SDK's advice that {@link #advice} makes concrete. */
  private static final String SDK_PHRASE = "run aws sso login with the corresponding profile";

  private final String profile;

  SsoLoginRequiredException(String profile, SdkClientException sdkAdvice) {
    super(advice(profile, sdkAdvice.getMessage()), sdkAdvice);
    this.profile = profile;
  }

  /** The profile whose session has to be renewed. */
  public String profile() {
    return profile;
  }

  /**
   * The SDK's sentence with the command spelled out: "... run aws sso login --profile dev." Should
   * the SDK word it differently one day, its sentence is kept and the command follows it.
   */
  static String advice(String profile, String sdkMessage) {
    String command = "aws sso login --profile " + profile;
    String message = sdkMessage == null ? "" : sdkMessage.strip();
    if (message.contains(SDK_PHRASE)) {
      return message.replace(SDK_PHRASE, "run " + command);
    }
    if (message.isEmpty()) {
      return "The SSO session of AWS profile " + profile + " has expired: run " + command + ".";
    }
    return message + " Run " + command + ".";
  }
}
