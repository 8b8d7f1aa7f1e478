package movierec.runners.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movierec.core.data.InputException;

/**
 * A parsed YAML file that remembers the line of every node, so that errors found after parsing (an
 * unknown family, a bad value) still name file, line and key.
 */
final class YamlDocument {
  private static final ObjectMapper YAML = new ObjectMapper(
      // Without it a repeated key silently wins over the earlier one.
      YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

  final Path file;
  final JsonNode root;
  private final Map<String, Integer> lines;

  private YamlDocument(Path file, JsonNode root, Map<String, Integer> lines) {
    this.file = file;
    this.root = root;
    this.lines = lines;
  }

  static YamlDocument read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw InputException.at(file, 0, null, "file not found");
    } catch (IOException e) {
      throw InputException.at(file, 0, null, "cannot read: " + e.getMessage());
    }
    try {
      JsonNode root = YAML.readTree(text);
      if (root == null || !root.isObject()) throw InputException.at(file, 1, null, "expected a YAML mapping at the top level");
      return new YamlDocument(file, root, lineIndex(text));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
      if (duplicate.matches()) throw InputException.at(file, line, duplicate.group(1), "duplicate key: it is already set above");
      throw InputException.at(file, line, null, "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw InputException.at(file, 0, null, "cannot read: " + e.getMessage());
    }
  }

  /** JSON pointer of every value (e.g. /models/0/params/lambda) to its 1-based line. */
  private static Map<String, Integer> lineIndex(String text) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) continue;
        String pointer = p.getParsingContext().pathAsPointer().toString();
        if (t.isStructStart()) pointer = p.getParsingContext().getParent() == null ? "" : p.getParsingContext().getParent().pathAsPointer().toString();
        lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
      }
    }
    return lines;
  }

  /** Error at a node given by its pointer; the key shown is the pointer in dotted form (models[0].params). */
  InputException error(String pointer, String problem) {
    return InputException.at(file, lineOf(pointer), dotted(pointer), problem);
  }

  private int lineOf(String pointer) {
    for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
      Integer line = lines.get(p);
      if (line != null) return line;
      if (p.isEmpty()) return 0;
    }
  }

  static String dotted(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) continue;
      if (part.chars().allMatch(Character::isDigit)) sb.append('[').append(part).append(']');
      else sb.append(sb.length() == 0 ? "" : ".").append(part);
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }
}
