package dev.hangar.engine.builds;

import dev.hangar.model.builds.BuildView;
import java.util.List;

/**
 * One page of a listing.
 *
 * @param next where the next page starts; null once the index has nothing older
 */
public record BuildPage(List<BuildView> builds, BuildPosition next) {}
