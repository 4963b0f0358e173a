package io.streamtune.spec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML text into a Jackson tree, token by token, refusing what Jackson's own {@code readTree}
 * would read silently wrong:
 *
 * <ul>
 *   <li>a duplicate key, of which Jackson keeps the last: every duplicate is reported with its line
 *       (this does what {@code STRICT_DUPLICATE_DETECTION} does, but for all of them, not the
 *       first);
 *   <li>an alias ({@code *name}): Jackson reads SnakeYAML's events and never expands aliases, so
 *       {@code *name} would become the text "name"; that also makes a billion-laughs document
 *       harmless;
 *   <li>a second document after {@code ---}, which Jackson would ignore;
 *   <li>{@code .nan} and {@code .inf}, on which Jackson fails without naming the field: they become
 *       the numbers NaN and ±∞, which validation then refuses by name.
 * </ul>
 *
 * <p>The text is at most {@link SpecLimits#MAX_YAML_BYTES} and nests at most {@link
 * SpecLimits#MAX_YAML_DEPTH} levels, checked here with Jackson's {@code StreamReadConstraints} as a
 * backstop; SnakeYAML's own depth and alias limits apply only to its composer, which Jackson does
 * not use, and are set for the day it does.
 */
final class YamlTree {

  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
  private static final Pattern INFINITY = Pattern.compile("([-+]?)\\.(inf|Inf|INF)");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final YAMLFactory FACTORY = factory();

  /** The tree (null for an empty text) and the problems found while reading it. */
  record Result(JsonNode root, List<String> problems) {}

  private final YAMLParser parser;
  private final List<String> problems = new ArrayList<>();
  private int depth;

  private YamlTree(YAMLParser parser) {
    this.parser = parser;
  }

  private static YAMLFactory factory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(SpecLimits.MAX_YAML_BYTES);
    options.setNestingDepthLimit(SpecLimits.MAX_YAML_DEPTH);
    options.setMaxAliasesForCollections(10);
    // Duplicate keys stay allowed here: with them refused, Jackson stops at the first one, while
    // object() below reports every one with its line.
    return YAMLFactory.builder()
        .loaderOptions(options)
        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // YAML's "key:" is null, not ""
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(SpecLimits.MAX_YAML_DEPTH + 1) // a backstop: value() checks first
                .maxStringLength(SpecLimits.MAX_YAML_BYTES)
                .build())
        .build();
  }

  /**
   * @throws IOException if the text is not YAML, nests too deep or exceeds the size limit
   */
  static Result read(String text) throws IOException {
    try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
      YamlTree tree = new YamlTree(parser);
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Result(null, tree.problems);
      }
      JsonNode root = tree.value(first, "");
      if (parser.nextToken() != null) {
        tree.problems.add(
            "the spec must be one YAML document but another starts at line " + tree.line());
      }
      return new Result(root, tree.problems);
    }
  }

  /** Why the text could not be read, with the line when known. */
  static String describe(IOException e) {
    if (e instanceof JsonProcessingException j) {
      return j.getOriginalMessage()
          + (j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr());
    }
    return String.valueOf(e.getMessage());
  }

  private JsonNode value(JsonToken token, String path) throws IOException {
    if (parser.isCurrentAlias()) {
      problems.add(
          prefix(path)
              + "YAML aliases (*"
              + parser.getText()
              + ") are not supported; write the value out (line "
              + line()
              + ")");
      return NullNode.getInstance();
    }
    if (token.isStructStart() && ++depth > SpecLimits.MAX_YAML_DEPTH) {
      // Checked here rather than left to Jackson's constraint, whose message names its own API.
      throw new JsonParseException(
          parser, "it nests deeper than " + SpecLimits.MAX_YAML_DEPTH + " levels");
    }
    return switch (token) {
      case START_OBJECT -> object(path);
      case START_ARRAY -> array(path);
      case VALUE_STRING -> TextNode.valueOf(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> floating();
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      case VALUE_NULL -> NullNode.getInstance();
      default -> {
        problems.add(prefix(path) + "unsupported YAML value (line " + line() + ")");
        yield NullNode.getInstance();
      }
    };
  }

  private JsonNode floating() throws IOException {
    String text = parser.getText().trim();
    if (NAN.matcher(text).matches()) {
      return DoubleNode.valueOf(Double.NaN);
    }
    var inf = INFINITY.matcher(text);
    if (inf.matches()) {
      return DoubleNode.valueOf(
          inf.group(1).equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    return DoubleNode.valueOf(parser.getDoubleValue());
  }

  private ObjectNode object(String path) throws IOException {
    ObjectNode node = NODES.objectNode();
    Map<String, Integer> lines = new HashMap<>();
    for (JsonToken t = next(); t != JsonToken.END_OBJECT; t = next()) {
      String name = parser.currentName();
      int line = line();
      String child = path.isEmpty() ? name : path + "." + name;
      JsonNode v = value(next(), child);
      Integer first = lines.putIfAbsent(name, line);
      if (first != null) {
        problems.add(child + ": duplicate key (line " + line + "; first on line " + first + ")");
      } else {
        node.set(name, v);
      }
    }
    depth--;
    return node;
  }

  private ArrayNode array(String path) throws IOException {
    ArrayNode node = NODES.arrayNode();
    for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
      node.add(value(t, path + "[" + node.size() + "]"));
    }
    depth--;
    return node;
  }

  private JsonToken next() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == null) {
      throw new JsonParseException(parser, "unexpected end of the document");
    }
    return t;
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private static String prefix(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }
}
