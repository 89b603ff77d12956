package dev.hangar.model.builds;

import java.util.List;

/**
 * A page of builds, newest first.
 *
 * @param nextCursor passed as {@code cursor} for the next page; null when there is none. A page may
 *     hold fewer builds than its limit (even none) and still have a next one: each page looks at a
 *     bounded number of builds.
 */
public record BuildList(List<BuildView> builds, String nextCursor) {}
