package dev.sidescope.topology.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.CredentialMask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogMaskTest {
  private static final String M = CredentialMask.MASK;
  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
          + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bearer header|GET /api Authorization: Bearer abc123.def456-ghi|GET /api Authorization: Bearer ••••••",
        "bearer in any case|curl -H 'authorization: bearer Zm9vYmFyYmF6cXV4' x|curl -H 'authorization: bearer ••••••' x",
        "bare bearer token|sent BEARER 7f3a9c1e2b4d5f60 upstream|sent BEARER •••••• upstream",
        "basic header|Authorization: Basic dXNlcjpwYXNz|Authorization: Basic ••••••",
        "access key id|using key AKIAIOSFODNN7EXAMPLE for s3|using key •••••• for s3",
        "session key id|ASIAY34FZKBOKMUTVV7A expired|•••••• expired",
        "secret key, ini style|aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|aws_secret_access_key = ••••••",
        "secret key, JSON|{\"SecretAccessKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\",\"x\":1}|{\"SecretAccessKey\":\"••••••\",\"x\":1}",
        "secret key, camel case|secretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ok|secretAccessKey: •••••• ok",
        "url password|connecting to postgres://orders:s3cr3t-Pw@db.internal:5432/orders|connecting to postgres://orders:••••••@db.internal:5432/orders",
        "password pair|login failed password=hunter22 user=bob|login failed password=•••••• user=bob",
        "passwd pair|passwd=correct-horse|passwd=••••••",
        "token pair|callback?token=9f8e7d6c5b4a&next=/home|callback?token=••••••&next=/home",
        "secret pair|secret=\"a b c d\" kept|secret=\"••••••\" kept",
        "api key pair|api_key=sk-test-12345 rest|api_key=•••••• rest",
        "header api key|X-Api-Key: 0123456789abcdef|X-Api-Key: ••••••",
        "JSON password|{\"user\":\"bob\",\"password\":\"hunter2!\"}|{\"user\":\"bob\",\"password\":\"••••••\"}",
        "github token|clone with ghp_abcdefghijklmnopqrstuvwxyz0123456789 now|clone with •••••• now",
        "slack token|xoxb-1234567890-abcdefghij posted|•••••• posted",
        "stripe key|charge via sk_live_4eC39HqLyjWDarjtT1zdp7dc|charge via ••••••",
      })
  void secretIsMaskedAndTheRestKept(String what, String line, String masked) {
    assertThat(LogMask.mask(line)).as(what).isEqualTo(masked);
  }

  @Test
  void jwtIsMaskedWherever() {
    assertThat(LogMask.mask("id_token " + JWT + " issued")).isEqualTo("id_token " + M + " issued");
    assertThat(LogMask.mask("{\"jwt\":\"" + JWT + "\"}")).isEqualTo("{\"jwt\":\"" + M + "\"}");
  }

  @Test
  void privateKeyBodyIsMaskedAndItsFramingKept() {
    String line =
        "key=-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA\\n-----END RSA PRIVATE KEY-----";

    assertThat(LogMask.mask(line))
        .isEqualTo("key=-----BEGIN RSA PRIVATE KEY-----" + M + "-----END RSA PRIVATE KEY-----");
  }

  @Test
  void everythingTheEnvironmentRuleMasksIsMaskedAsAPair() {
    for (String name :
        List.of("DB_PASSWORD", "GITHUB_TOKEN", "STRIPE_API_KEY", "AWS_SECRET_ACCESS_KEY")) {
      String value = "Zq8!x-" + name.length() + "-long-enough";
      assertThat(CredentialMask.looksLikeCredential(name, value)).isTrue();

      assertThat(LogMask.mask(name + "=" + value)).isEqualTo(name + "=" + M);
    }
  }

  @Test
  void severalSecretsInOneLineAreAllMasked() {
    String line = "key=" + ACCESS_KEY + " secret=" + SECRET_KEY + " bearer " + JWT;

    assertThat(LogMask.mask(line)).isEqualTo("key=" + M + " secret=" + M + " bearer " + M);
  }

  @Test
  void maskingTwiceChangesNothingMore() {
    String once = LogMask.mask("password=hunter22 Authorization: Bearer abc123.def456");

    assertThat(LogMask.mask(once)).isSameAs(once);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "request 54c4c2f9-d209-4aa0-8870-342bc6622d1a done in 12ms",
        "x-amzn-trace-id: Root=1-5f84c7a0-3e0b1c2d4f5a6b7c8d9e0f1a;Parent=53995c3f42cd8ad8;Sampled=1",
        "Root=1-5759e988-bd862e3fe1be46a994272793",
        "upstream 10.244.0.32:9080 connect timeout=5s retries=3",
        "GET https://example.com:8443/api?page=2&size=50 200",
        "the bearer authentication failed",
        "token validation failed: expired",
        "controlPlaneAuthPolicy: NONE",
        "JWT policy is third-party-jwt",
        "{\":authority\":\"www.example.com\",\"x-request-id\":\"54c4c2f9-d209-4aa0-8870-342bc6622d1a\"}",
        "password=",
        "cache_key=user:42 author=bob",
        "authority=orders.internal:8080",
        "DB_PASSWORD_FILE=/run/secrets/db",
        "plain words only, nothing to see",
      })
  void lineWithoutSecretsIsReturnedAsTheSameInstance(String line) {
    assertThat(LogMask.mask(line)).isSameAs(line);
  }

  static Stream<String> accessLogFixtureLines() throws IOException {
    return Stream.of(
            "fixtures/logs/istio_waypoint_envoy_access_default_format.log",
            "fixtures/logs/appmesh_envoy_access_docker_json.log",
            "fixtures/logs/istio_ztunnel_access.log",
            "fixtures/logs/istio_agent_json_format.log",
            "fixtures/logs/fluentbit_2.0.8_startup_and_record.log",
            "fixtures/logs/envoy_json_access_log_entry_jq.json")
        .flatMap(LogMaskTest::lines);
  }

  @ParameterizedTest
  @MethodSource("accessLogFixtureLines")
  void realSidecarLinesHoldNothingToMask(String line) {
    assertThat(LogMask.mask(line)).isSameAs(line);
  }

  @Test
  void istioProxyLogKeepsEveryLineButTheCertificateBody() {
    // The istio-proxy startup log holds a CA certificate (public) and settings like
    // "controlPlaneAuthPolicy: NONE": nothing in it is a secret. The certificate's body lines are
    // masked all the same, as a private key's would be: one line of either looks the same.
    List<String> lines = lines("fixtures/logs/istio_proxy_ingressgateway_startup_1.6.log").toList();
    int begin = 0;
    while (!lines.get(begin).endsWith("-----BEGIN CERTIFICATE-----")) {
      begin++;
    }
    int end = lines.indexOf("-----END CERTIFICATE-----");

    assertThat(lines).hasSizeGreaterThan(100);
    assertThat(end - begin).isGreaterThan(10);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i > begin && i < end - 1) {
        assertThat(LogMask.mask(line)).as(line).isEqualTo(M);
      } else if (i == end - 1) {
        assertThat(LogMask.mask(line)).as("the body's short last line").isSameAs(line);
      } else {
        assertThat(LogMask.mask(line)).isSameAs(line);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "password in escaped JSON|{\"log\":\"{\\\"password\\\":\\\"hunter2\\\"}\"}|{\"log\":\"{\\\"password\\\":\\\"••••••\\\"}\"}",
        "authorization in escaped JSON|{\"log\":\"{\\\"authorization\\\": \\\"Bearer abcdefghijkl\\\"}\"}|{\"log\":\"{\\\"authorization\\\": \\\"Bearer ••••••\\\"}\"}",
        "escaped quote inside escaped value|{\"log\":\"{\\\"token\\\":\\\"ab\\\\\\\"cdef\\\",\\\"n\\\":1}\"}|{\"log\":\"{\\\"token\\\":\\\"••••••\\\",\\\"n\\\":1}\"}",
        "escaped twice|\"{\\\"log\\\":\\\"{\\\\\\\"secret\\\\\\\":\\\\\\\"s3cr3t-value\\\\\\\"}\\\"}\"|\"{\\\"log\\\":\\\"{\\\\\\\"secret\\\\\\\":\\\\\\\"••••••\\\\\\\"}\\\"}\"",
        "pair inside an escaped message|{\"log\":\"{\\\"msg\\\":\\\"login password=hunter22\\\"}\"}|{\"log\":\"{\\\"msg\\\":\\\"login password=••••••\\\"}\"}",
      })
  void secretInAnEscapedJsonRecordIsMasked(String what, String line, String masked) {
    assertThat(LogMask.mask(line)).as(what).isEqualTo(masked);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "struct|{User:bob Password:hunter2 Token:abcd1234}|{User:bob Password:•••••• Token:••••••}",
        "pointer to struct|&{Host:db Port:5432 DBPassword:s3cr3t-pw}|&{Host:db Port:5432 DBPassword:••••••}",
        "map|map[apiKey:0123456789abcdef user:bob]|map[apiKey:•••••• user:bob]",
      })
  void goFieldsWithoutASpaceAreMasked(String what, String line, String masked) {
    assertThat(LogMask.mask(line)).as(what).isEqualTo(masked);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "at in password|dsn postgres://u:p@ss@h/db ok|dsn postgres://u:••••••@h/db ok",
        "slash in password, no user|redis://:pa/ss@h:6379/0|redis://:••••••@h:6379/0",
        "slash and at in password|redis://app:pa/ss@wd@cache/0|redis://app:••••••@cache/0",
        "hash in password|amqp://guest:p#ss@mq:5672/|amqp://guest:••••••@mq:5672/",
      })
  void urlPasswordIsMaskedWhateverItHolds(String what, String line, String masked) {
    assertThat(LogMask.mask(line)).as(what).isEqualTo(masked);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET http://host/path@v1 200",
        "GET http://host:8080/users/@me 200",
        "GET http://[::1]:8080/a/b@c 200",
        "fetch https://registry.npmjs.org/@scope/pkg from git@github.com:org/repo",
        "cache miss key:user:42 at 12:30:45",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-pass-AbCdEf",
        "token_file=/var/run/secrets/token tokenPath=/var/run/x secrets_dir=/run/secrets",
      })
  void urlAndFieldWithoutASecretIsKept(String line) {
    assertThat(LogMask.mask(line)).isSameAs(line);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ini style|aws_secret_access_key=/K7MDENG/bPxRfiCYEXAMPLEKEY|aws_secret_access_key=••••••",
        "JSON|{\"SecretAccessKey\":\"/K7MDENG/bPxRfiCYEXAMPLEKEY\"}|{\"SecretAccessKey\":\"••••••\"}",
        "password|password=/not/a/path|password=••••••",
      })
  void secretStartingWithASlashIsMasked(String what, String line, String masked) {
    assertThat(LogMask.mask(line)).as(what).isEqualTo(masked);
  }

  @Test
  void environmentRuleStillTakesASlashForAPath() {
    assertThat(CredentialMask.looksLikeCredential("AWS_SECRET_ACCESS_KEY", "/K7MDENG/bPxRfiCY"))
        .isFalse();
  }

  @Test
  void privateKeyWrittenLineByLineHasEveryBodyLineMasked() {
    List<String> pem =
        List.of(
            "-----BEGIN RSA PRIVATE KEY-----",
            "MIIEowIBAAKCAQEAwJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEYa1b2c3d4e5",
            "  +/9zQkz1XdbQm5mF3Pq8rW0hGx4aT7vN2uLsYcKpJ6oD1eI8fH3gB5wR0tV7yM==",
            "Zq8x/4f==",
            "-----END RSA PRIVATE KEY-----");

    assertThat(pem.stream().map(LogMask::mask))
        .containsExactly(
            "-----BEGIN RSA PRIVATE KEY-----",
            M,
            "  " + M,
            "Zq8x/4f==",
            "-----END RSA PRIVATE KEY-----");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "////////////////////////////////////////////////////////////",
        "a line of ordinary words is not base64 at all, whatever its length",
        "MIIEowIBAAKCAQEAwJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY trailing words",
      })
  void lineThatIsNotOnlyBase64IsKept(String line) {
    assertThat(LogMask.mask(line)).isSameAs(line);
  }

  @Test
  void lineOfJwtStartsWithoutDotsIsKeptInOneScan() {
    // From every eyJ a pattern would read to the end of the line and fail: a megabyte of them
    // took minutes. Read once, it takes a few milliseconds.
    String line = "eyJ-".repeat(262_144);

    assertThat(LogMask.mask(line)).isSameAs(line);
  }

  @Test
  void jwtAfterAHostileRunIsStillMasked() {
    String line = "eyJ-".repeat(16_000) + " then " + JWT + " and eyJabcdefgh.eyJ";

    assertThat(LogMask.mask(line))
        .isEqualTo("eyJ-".repeat(16_000) + " then " + M + " and eyJabcdefgh.eyJ");
  }

  @Test
  void lineOfUnendedPrivateKeysAndUrlsIsMaskedInOneScan() {
    String keys = "-----BEGIN PRIVATE KEY-----x".repeat(40_000);
    String urls = "x://:a/".repeat(150_000) + "@h";

    assertThat(LogMask.mask(keys)).startsWith("-----BEGIN PRIVATE KEY-----" + M);
    assertThat(LogMask.mask(urls)).endsWith("x://:" + M + "@h");
  }

  static Stream<String> lines(String resource) {
    try (InputStream in = LogMaskTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList().stream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
