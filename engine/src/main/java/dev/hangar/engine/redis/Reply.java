package dev.hangar.engine.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A script's reply as Redis gave it: Lua strings as {@code String}, integers as {@code Long},
 * tables as lists, nil as null. Read by index only inside the type of the script that produced it,
 * which knows the reply's layout and turns it into a record.
 *
 * @param values the reply's elements; null when the script returned nil
 */
public record Reply(List<Object> values) {

  /** The script returned nil rather than a table. */
  public boolean isNil() {
    return values == null;
  }

  public int size() {
    return values.size();
  }

  /** A string element, or null for a nil (false) element. */
  public String text(int index) {
    Object value = values.get(index);
    return value == null ? null : value.toString();
  }

  /**
   * A trailing element the script may not have: Lua ends an array at its first nil, so a field read
   * as nil at the end of a reply is missing rather than null.
   */
  public String textIfPresent(int index) {
    return index < values.size() ? text(index) : null;
  }

  /** An integer element, whether Lua returned it as a number or as a string read from Redis. */
  public long number(int index) {
    return values.get(index) instanceof Long number ? number : Long.parseLong(text(index));
  }

  /**
   * A flag element: Redis hashes store flags as {@code 1} and {@code 0}; anything but 1 is false,
   * as for a field never written.
   */
  public boolean flag(int index) {
    Object value = values.get(index);
    return value instanceof Long number ? number == 1 : "1".equals(value);
  }

  /** A nested table element. */
  @SuppressWarnings("unchecked")
  public Reply reply(int index) {
    return new Reply((List<Object>) values.get(index));
  }

  /** A nested table of strings, e.g. {@code SMEMBERS}'s answer. */
  public List<String> texts(int index) {
    Reply nested = reply(index);
    List<String> texts = new ArrayList<>(nested.size());
    for (int i = 0; i < nested.size(); i++) {
      texts.add(nested.text(i));
    }
    return texts;
  }

  /** A nested {@code HGETALL} answer (field, value, field, value …) as a map. */
  public Map<String, String> hash(int index) {
    List<String> flat = texts(index);
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(flat.get(i), flat.get(i + 1));
    }
    return fields;
  }

  /**
   * The elements from {@code from} on, cut into groups of {@code size}: scripts that return one
   * entry per item flatten the entries, which costs Redis less than a table per item.
   */
  public List<Reply> groups(int from, int size) {
    List<Reply> groups = new ArrayList<>();
    for (int i = from; i + size <= values.size(); i += size) {
      groups.add(new Reply(values.subList(i, i + size)));
    }
    return groups;
  }
}
