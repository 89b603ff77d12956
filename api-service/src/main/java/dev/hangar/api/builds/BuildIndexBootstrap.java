package dev.hangar.api.builds;

import dev.hangar.engine.builds.BuildIndex;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Before the web server starts, files builds an earlier version recorded in the index {@code GET
 * /v1/builds} reads, so a listing right after start-up misses none.
 */
@Component
class BuildIndexBootstrap implements SmartInitializingSingleton {

  private final BuildIndex index;

  BuildIndexBootstrap(BuildIndex index) {
    this.index = index;
  }

  @Override
  public void afterSingletonsInstantiated() {
    index.complete();
  }
}
