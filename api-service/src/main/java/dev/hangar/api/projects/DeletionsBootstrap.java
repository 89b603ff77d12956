package dev.hangar.api.projects;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Before the web server starts, finishes the deletions of projects and pipelines that an instance
 * began and did not finish.
 */
@Component
class DeletionsBootstrap implements SmartInitializingSingleton {

  private final Deletions deletions;

  DeletionsBootstrap(Deletions deletions) {
    this.deletions = deletions;
  }

  @Override
  public void afterSingletonsInstantiated() {
    deletions.resumeUnfinished();
  }
}
