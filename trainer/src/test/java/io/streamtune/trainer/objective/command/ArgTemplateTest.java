package io.streamtune.trainer.objective.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgTemplateTest {

  @Test
  void shouldSubstitutePlaceholdersWhenParametersExist() {
    var args =
        ArgTemplate.expand(
            "train.py --lr={learning_rate} --act {activation}",
            Map.of("learning_rate", "0.001", "activation", "relu"));

    assertThat(args).containsExactly("train.py", "--lr=0.001", "--act", "relu");
  }

  @Test
  void shouldKeepAValueWithSpacesAsOneArgumentWhenSubstituted() {
    assertThat(ArgTemplate.expand("--name {name}", Map.of("name", "a b; rm -rf /")))
        .containsExactly("--name", "a b; rm -rf /");
  }

  @Test
  void shouldGroupQuotedWordsAndKeepLiteralBraces() {
    assertThat(ArgTemplate.expand("-c 'print(1)' \"x y\" {{json}}", Map.of()))
        .containsExactly("-c", "print(1)", "x y", "{json}");
  }

  @Test
  void shouldNameTheParameterWhenAPlaceholderIsUnknown() {
    assertThatThrownBy(() -> ArgTemplate.expand("--lr={lr}", Map.of("learning_rate", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{lr}")
        .hasMessageContaining("learning_rate");
  }
}
