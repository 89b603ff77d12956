package dev.hangar.api.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the OpenAPI description says of one endpoint beyond what Spring MVC's mapping shows: who
 * calls it, the JSON body it reads (controllers read bodies themselves, see RequestBodies), its
 * success status, and the problem codes it may answer with. Every handler method carries one;
 * OpenApiIT fails for one that does not. The refusals every caller of a kind may get (401, 403 for
 * another runner's path), those of any JSON body (400, 413, 415) and 500/503 are added from {@link
 * #access()} and {@link #body()}; {@link #problems()} lists the operation's own.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiContract {

  String summary();

  Access access();

  /** The JSON body the operation reads, or {@code Void} for none. */
  Class<?> body() default Void.class;

  /**
   * Whether the operation also takes no body at all (registering a runner without capabilities).
   */
  boolean bodyOptional() default false;

  /**
   * The media types of a body read as raw bytes (a log chunk), or none; such a body is refused only
   * for its size and type.
   */
  String[] rawBody() default {};

  /**
   * The JSON a successful answer carries, where the handler's return type does not say (it is
   * declared {@code Object} to answer at once or later); {@code Void} to take the return type.
   */
  Class<?> answer() default Void.class;

  /** The status of a successful answer. */
  int status() default 200;

  /** Further successes without a body, e.g. 204 when a claim finds nothing. */
  int[] emptySuccesses() default {};

  ProblemCode[] problems() default {};
}
