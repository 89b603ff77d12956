package dev.hangar.engine.storage;

import java.util.regex.Pattern;

/**
 * The shape every blob key has, checked by each store before a key becomes a file name or an object
 * name: {@code /}-separated segments of letters, digits, {@code . _ -}, none empty, none {@code .}
 * or {@code ..}, so no key reaches outside the store's namespace.
 */
public final class BlobKeys {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

  private BlobKeys() {}

  public static String requireValid(String key) {
    if (key == null || key.isEmpty() || key.length() > 1024) {
      throw new IllegalArgumentException("not a blob key");
    }
    for (String segment : key.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not a blob key: " + key);
      }
    }
    return key;
  }
}
