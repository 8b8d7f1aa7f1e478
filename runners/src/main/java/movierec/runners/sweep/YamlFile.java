package movierec.runners.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movierec.core.data.InputException;

/**
 * A YAML config file bound to typed records by Jackson. Every problem, whether Jackson finds it (an
 * unknown key, a wrong type, a number out of range) or a record's constructor does ({@link
 * ConfigProblem}), or the caller does after binding ({@link #error}), is one
 * {@code file:line: key: problem} line; lines come from Jackson's token locations.
 *
 * <p>Binding is strict: keys are snake_case record components, unknown keys fail, a repeated key
 * fails, and scalars are not coerced (no "3" for 3, 3.5 for an integer, or 1 for true). An absent key
 * binds to null, so a record puts its default beside the key in its constructor.
 */
final class YamlFile {
  private static final ObjectMapper YAML = YAMLMapper.builder(
          // Without it a repeated key silently wins over the earlier one.
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      // A name may be a number (experiment: 2026); every other scalar keeps its YAML type.
      .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
      .build();

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
  /** The number in Jackson's "Numeric value (4294967297) out of range of int". */
  private static final Pattern NUMBER = Pattern.compile("\\((-?[0-9.eE+]+)\\)");

  final Path file;
  final String text;
  /** JSON pointer of every key and list element (e.g. /models/0/params/lambda) to its 1-based line. */
  private final Map<String, Integer> lines;

  private YamlFile(Path file, String text, Map<String, Integer> lines) {
    this.file = file;
    this.text = text;
    this.lines = lines;
  }

  /** Reads and indexes the file; syntax errors and repeated keys fail here. */
  static YamlFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw InputException.at(file, 0, null, "file not found");
    } catch (IOException e) {
      throw InputException.at(file, 0, null, "cannot read: " + e.getMessage());
    }
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) throw InputException.at(file, 1, null, "expected a YAML mapping at the top level");
      for (JsonToken t = first; t != null; t = p.nextToken()) {
        if (t.isStructEnd()) continue;
        // A structure is placed where it starts in its parent: a key's value under the key, a list element at its index.
        JsonStreamContext place = t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
        lines.putIfAbsent(place.pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
      if (duplicate.matches()) throw InputException.at(file, line, duplicate.group(1), "duplicate key: it is already set above");
      throw InputException.at(file, line, null, "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw InputException.at(file, 0, null, "cannot read: " + e.getMessage());
    }
    return new YamlFile(file, text, lines);
  }

  /** Binds the whole file to {@code type}, turning every binding problem into a file:line: key: problem error. */
  <T> T bind(Class<T> type) {
    try {
      return YAML.readValue(text, type);
    } catch (JsonMappingException e) {
      throw translate(e);
    } catch (JsonProcessingException e) {
      throw InputException.at(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, e.getOriginalMessage());
    }
  }

  private InputException translate(JsonMappingException e) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      pointer.append('/').append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
    }
    String at = pointer.toString();
    if (e instanceof ValueInstantiationException v) {
      // Jackson reports unknown keys of a record only after constructing it; a typo is the likelier story.
      String unknown = unknownKey(at, v.getType().getRawClass());
      if (unknown != null) return error(at + "/" + unknown, "unknown key; valid: " + String.join(", ", keys(v.getType().getRawClass())));
      Throwable cause = e.getCause();
      if (cause instanceof ConfigProblem p) return error(p.key().isEmpty() ? at : at + "/" + p.key(), p.getMessage());
      if (cause instanceof IllegalArgumentException || cause instanceof InputException) return error(at, cause.getMessage());
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return error(at, "unknown key; valid: " + String.join(", ", names(u.getKnownPropertyIds())));
    }
    if (e.getCause() instanceof InputCoercionException c) {
      Matcher number = NUMBER.matcher(c.getOriginalMessage());
      String found = number.find() ? number.group(1) : "";
      return error(at, (found.startsWith("-") ? "too small" : "too large") + " for an integer, found " + found);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return error(at, expected(m.getTargetType()) + ", found " + found(tree().at(at)));
    }
    return error(at, e.getOriginalMessage());
  }

  private static String found(JsonNode n) {
    if (n.isArray()) return "a list";
    if (n.isObject()) return "a mapping";
    return "'" + n.asText() + "'";
  }

  /** The file as a tree, for looking at what was written where binding failed. */
  private JsonNode tree() {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the file was read once already", e);
    }
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "expected an integer";
    if (type == Double.class || type == double.class) return "expected a number";
    if (type == Boolean.class || type == boolean.class) return "expected true or false";
    if (type == String.class) return "expected a single value";
    if (Collection.class.isAssignableFrom(type)) return "expected a list";
    if (type.isRecord()) return "expected a mapping with keys " + String.join(", ", keys(type));
    return "expected a mapping";
  }

  /** The keys a record binds, as written in the file. */
  private static TreeSet<String> keys(Class<?> record) {
    TreeSet<String> keys = new TreeSet<>();
    if (!record.isRecord()) return keys;
    for (RecordComponent c : record.getRecordComponents()) keys.add(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()));
    return keys;
  }

  /** The first key of the mapping at {@code pointer} that {@code record} does not bind, or null. */
  private String unknownKey(String pointer, Class<?> record) {
    if (!record.isRecord()) return null;
    JsonNode node = tree().at(pointer);
    TreeSet<String> keys = keys(record);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!keys.contains(key)) return key;
    }
    return null;
  }

  private static TreeSet<String> names(Collection<Object> ids) {
    TreeSet<String> out = new TreeSet<>();
    ids.forEach(id -> out.add(String.valueOf(id)));
    return out;
  }

  /** Error at a node given by its JSON pointer; the key shown is the pointer in dotted form (models[0].params). */
  InputException error(String pointer, String problem) {
    return InputException.at(file, lineOf(pointer), dotted(pointer), problem);
  }

  /** The line of the node, or of its nearest parent present in the file (a missing key is reported at its parent). */
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
