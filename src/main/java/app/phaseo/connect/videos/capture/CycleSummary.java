package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.model.ApiBehavior;
import java.util.List;

/**
 * What one cycle did, for the cycle log line and metrics.
 *
 * @param cycle          cycle number
 * @param mode           listing behaviour used
 * @param windows        windows scanned (window mode), as status lists
 * @param listRequests   list requests made
 * @param getRequests    get-by-id requests made
 * @param records        records produced
 * @param observed       job observations
 * @param covered        whether every change since the previous cycle is proven seen (window mode)
 * @param overflow       whether some window overflowed
 * @param partial        whether the cycle read only the first page of an unchanged window
 * @param pressure       whether changes arrive faster than one window holds (a window split or overflowed, or
 *                       the plan still reads split windows)
 * @param tracked        jobs remembered in the offsets after the cycle
 * @param durationMillis wall time of the cycle
 */
public record CycleSummary(long cycle, ApiBehavior mode, List<String> windows, int listRequests, int getRequests,
                           int records, int observed, boolean covered, boolean overflow, boolean partial,
                           boolean pressure, int tracked, long durationMillis) {
}
