package io.github.cofferdam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cli.md lists every option with the key it sets, as the help does. */
class DocsTest {

  @Test
  void theOptionTableOfDocsCliMdNamesEveryOptionAndItsKey() throws Exception {
    String docs = Files.readString(Path.of("../docs/cli.md"));

    for (KeyOption option : KeyOption.ALL) {
      assertThat(docs).contains("| `" + option.name() + "` | `" + option.key() + "` |");
    }
    for (String key : KeyOption.DEFINE_ONLY) {
      assertThat(docs).contains("`" + key + "`");
    }
  }
}
