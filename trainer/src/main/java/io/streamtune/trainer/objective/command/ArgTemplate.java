package io.streamtune.trainer.objective.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the {@code args} option into arguments and fills in {@code {name}} placeholders with
 * parameter values, e.g. {@code --lr={learning_rate} --layers {num_layers}}. Splitting happens
 * before substitution, so a value with spaces stays one argument; single or double quotes group
 * words. {@code {{} and {@code }}} write literal braces. No shell is involved, so values cannot
 * inject commands.
 */
public final class ArgTemplate {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{|}}|\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

  private ArgTemplate() {}

  public static List<String> expand(String template, Map<String, String> values) {
    List<String> out = new ArrayList<>();
    for (String word : split(template)) {
      out.add(substitute(word, values));
    }
    return out;
  }

  static String substitute(String word, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(word);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = m.group().equals("{{") ? "{" : "}";
      } else {
        replacement = values.get(m.group(1));
        if (replacement == null) {
          throw new IllegalArgumentException(
              "objective option 'args' uses {"
                  + m.group(1)
                  + "} but the trial has no such parameter; it has "
                  + values.keySet());
        }
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static List<String> split(String template) {
    List<String> words = new ArrayList<>();
    if (template == null) {
      return words;
    }
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException(
          "objective option 'args' has an unclosed " + quote + " quote: " + template);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
