package dev.hangar.engine.storage;

import java.io.IOException;

/** The blob asked for is not there: never written, not yet committed, or deleted meanwhile. */
public class NoSuchBlobException extends IOException {

  public NoSuchBlobException(String key) {
    super("no blob " + key);
  }
}
