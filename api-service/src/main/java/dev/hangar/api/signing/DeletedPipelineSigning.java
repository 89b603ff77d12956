package dev.hangar.api.signing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What deleting a pipeline (or its project) does to its signing material: removes it, with its
 * audit trail. The log line that says so is the lasting record, naming the pipeline and who deleted
 * it, never the material.
 */
@Component
public class DeletedPipelineSigning {

  private static final Logger log = LoggerFactory.getLogger(DeletedPipelineSigning.class);

  private final ForgetSigningScript script;

  DeletedPipelineSigning(ForgetSigningScript script) {
    this.script = script;
  }

  public void remove(String pipelineId, String userId) {
    int kinds = script.run(pipelineId);
    if (kinds > 0) {
      log.info(
          "signing material of {} ({} kinds) removed with the pipeline by {}",
          pipelineId,
          kinds,
          userId);
    }
  }
}
