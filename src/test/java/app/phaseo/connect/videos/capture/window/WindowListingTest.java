package app.phaseo.connect.videos.capture.window;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.capture.CaptureSettings;
import app.phaseo.connect.videos.capture.CaptureState;
import app.phaseo.connect.videos.capture.Following;
import app.phaseo.connect.videos.model.ApiBehavior;
import app.phaseo.connect.videos.offset.CaptureOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the window behaviour asks of the rest of a cycle: which jobs to read by id after its reads.
 * Reads by id re-finalize a finished job in today's gateway, so they happen only when asked for,
 * after a read that could not be proven, and never when a terminal window overflowed.
 */
class WindowListingTest {

    private static final long NOW = 1_000_000L;

    private static WindowListing listing(boolean followOnOverflow) {
        CaptureSettings settings = CaptureSettings.builder().behavior(ApiBehavior.WINDOW)
                .followOnWindowOverflow(followOnOverflow).build();
        return new WindowListing(settings, CaptureState.resume(CaptureOffset.initial(NOW), 100), NOW);
    }

    private static WindowRead read(boolean overflow, boolean terminalOverflow, boolean inFlightUnproven) {
        return new WindowRead(Optional.empty(), List.of("all"), Set.of(), true, overflow, terminalOverflow, inFlightUnproven,
                false, false, false, null);
    }

    @Test
    void provenReadsNeedNoReadsById() {
        assertThat(listing(true).following(read(false, false, false)))
                .as("rule: the windows surface every change; nothing to fetch").isEqualTo(Following.NONE);
    }

    @Test
    void anOverflowOrAnUnprovenInFlightWindowFollowsJobsInFlightOnlyWhenAskedFor() {
        assertThat(listing(false).following(read(true, false, false)))
                .as("rule: follow.on.window.overflow=false fetches nothing").isEqualTo(Following.NONE);
        assertThat(listing(true).following(read(true, false, false)))
                .as("rule: after an overflow, jobs in flight").isEqualTo(Following.IN_FLIGHT);
        assertThat(listing(true).following(read(false, false, true)))
                .as("rule: after an unproven in-flight window, jobs in flight").isEqualTo(Following.IN_FLIGHT);
    }

    @Test
    void notWhenATerminalWindowOverflowed() {
        assertThat(listing(true).following(read(true, true, false)))
                .as("rule: a job believed in flight may have finished unseen").isEqualTo(Following.NONE);
    }
}
