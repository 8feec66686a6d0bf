package dev.sidescope.collectors.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceDocumentTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // description | text (\n for new lines) | first lines of the documents found
        "one document                     | a: 1                                  | 1",
        "leading marker                   | ---\\na: 1                            | 1",
        "two documents                    | a: 1\\n---\\nb: 2                     | 1;2",
        "comments before the first marker | # c\\n# d\\n---\\na: 1\\n---\\nb: 2   | 1;5",
        "empty documents are left out     | ---\\n---\\n# only a comment\\n---\\na: 1\\n--- \\n | 4",
        "content on the marker line       | --- {a: 1}\\n--- {b: 2}               | 1;2",
        "document end marker              | a: 1\\n...\\nb: 2                     | 1;3",
        "dashes inside a value stay       | a: '---'\\nb: ----\\n---\\nc: 1       | 1;3",
        "windows line endings             | a: 1\\r\\n---\\r\\nb: 2\\r\\n         | 1;2",
        "only comments                    | # nothing here                        | ''",
      })
  void yamlIsCutIntoDocumentsAtMarkerLines(String description, String text, String firstLines) {
    List<SourceDocument> documents =
        SourceDocument.splitYaml(text.replace("\\n", "\n").replace("\\r", "\r"));

    List<Integer> expected =
        firstLines.isEmpty()
            ? List.of()
            : java.util.Arrays.stream(firstLines.split(";")).map(Integer::valueOf).toList();
    assertThat(documents).extracting(SourceDocument::firstLine).containsExactlyElementsOf(expected);
  }

  @Test
  void eachDocumentParsesOnItsOwnSoABrokenOneLeavesTheOthers() throws Exception {
    List<SourceDocument> documents =
        SourceDocument.splitYaml("kind: A\n---\nkind: [\n---\nkind: C\n");

    assertThat(documents.get(0).parse().orElseThrow().get("kind").asText()).isEqualTo("A");
    assertThatThrownBy(() -> documents.get(1).parse())
        .isInstanceOf(SourceDocument.SyntaxProblem.class);
    assertThat(documents.get(2).parse().orElseThrow().get("kind").asText()).isEqualTo("C");
  }

  @Test
  void syntaxProblemNamesTheLineOfTheFileNotOfTheDocument() {
    SourceDocument second = SourceDocument.splitYaml("a: 1\n---\nb: 2\nc: d: e\n").get(1);

    assertThatThrownBy(second::parse)
        .isInstanceOfSatisfying(
            SourceDocument.SyntaxProblem.class,
            p -> {
              assertThat(p.line()).isEqualTo(OptionalInt.of(4));
              assertThat(p.getMessage()).isEqualTo("mapping values are not allowed here");
            });
  }

  @Test
  void documentWithNothingButNullIsEmpty() throws Exception {
    assertThat(SourceDocument.splitYaml("--- null\n").get(0).parse()).isEmpty();
    assertThat(SourceDocument.json("  ").parse()).isEmpty();
  }

  @ParameterizedTest(name = "{0} is on line {1}")
  @CsvSource({
    "'', 3",
    "/spec, 6",
    "/spec/containers/1, 9",
    "/spec/containers/1/image, 10",
    "/spec/containers/7, 7",
    "/nowhere, 3",
  })
  void lineOfAPointerIsItsLineInTheFileOrItsClosestAncestors(String pointer, int line) {
    String text =
        """
        a: 1
        ---
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
            - name: a
            - name: b
              image: b:1
        """;
    SourceDocument pod = SourceDocument.splitYaml(text).get(1);

    assertThat(pod.lineOf(JsonPointer.compile(pointer))).isEqualTo(OptionalInt.of(line));
  }

  @Test
  void lineOfAPointerWorksForJsonToo() {
    SourceDocument json =
        SourceDocument.json("{\n  \"items\": [\n    {},\n    {\"kind\": 1}\n  ]\n}");

    assertThat(json.lineOf(JsonPointer.compile("/items/1/kind"))).isEqualTo(OptionalInt.of(4));
  }
}
