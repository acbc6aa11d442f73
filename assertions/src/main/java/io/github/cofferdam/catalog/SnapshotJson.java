package io.github.cofferdam.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes and reads snapshots as JSON: keys in a stable (alphabetical) order, two-space indented,
 * with a header naming the format and its version. The same snapshot always gives the same bytes.
 *
 * <pre>{@code
 * {
 *   "format" : "cofferdam-snapshot",
 *   "version" : 1,
 *   "snapshot" : { "columns" : [ ... ], ... }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SnapshotJson {

  /** The value of the {@code format} header. */
  public static final String FORMAT = "cofferdam-snapshot";

  /** The version of the format this class writes and reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private SnapshotJson() {}

  /** The snapshot as JSON, ending with a newline. */
  public static String write(CatalogSnapshot snapshot) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.set("snapshot", MAPPER.valueToTree(snapshot));
    try {
      return MAPPER.writeValueAsString(root).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the snapshot as JSON", e);
    }
  }

  /**
   * Reads a snapshot written by {@link #write}.
   *
   * @throws IllegalArgumentException when the text is not JSON, or not a Cofferdam snapshot of a
   *     version this class reads
   */
  public static CatalogSnapshot read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a Cofferdam snapshot: not JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(
          "not a Cofferdam snapshot: the \"format\" header must be \"" + FORMAT + "\"");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "Cofferdam snapshot format version "
              + version
              + " cannot be read by this version of Cofferdam, which reads version "
              + VERSION);
    }
    try {
      return MAPPER.convertValue(root.get("snapshot"), new TypeReference<CatalogSnapshot>() {});
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid Cofferdam snapshot: " + e.getMessage(), e);
    }
  }
}
