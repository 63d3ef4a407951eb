package app.phaseo.connect.videos.capture;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.model.VideoStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The status windows the gateway lists, and how one splits into narrower ones. */
class StatusWindowTest {

    private static final List<VideoStatus> KNOWN = List.of(VideoStatus.QUEUED, VideoStatus.PROCESSING,
            VideoStatus.COMPLETED, VideoStatus.FAILED, VideoStatus.CANCELLED, VideoStatus.EXPIRED);

    @Test
    void shouldListEveryJobWithoutAFilterWhenUnfiltered() {
        StatusWindow all = StatusWindow.all();

        assertThat(all.isAll()).isTrue();
        assertThat(all.apiStatuses()).isEmpty();
        assertThat(all.statuses()).containsExactlyInAnyOrderElementsOf(KNOWN);
        assertThat(all.contains(VideoStatus.UNKNOWN)).as("an unfiltered window holds any status").isTrue();
        assertThat(all).hasToString("all").isEqualTo(StatusWindow.of(Set.of()));
        assertThat(all.hashCode()).isEqualTo(StatusWindow.of(EnumSet.noneOf(VideoStatus.class)).hashCode());
    }

    @Test
    void shouldAskTheApiForExactlyItsStatuses() {
        StatusWindow window = StatusWindow.of(EnumSet.of(VideoStatus.PROCESSING, VideoStatus.QUEUED));

        assertThat(window.isAll()).isFalse();
        assertThat(window.apiStatuses()).containsExactly("queued", "processing");
        assertThat(window).hasToString("queued,processing");
        assertThat(window.contains(VideoStatus.QUEUED)).isTrue();
        assertThat(window.contains(VideoStatus.COMPLETED)).isFalse();
        assertThat(window.contains(VideoStatus.UNKNOWN)).isFalse();
    }

    @Test
    void shouldNotChangeWhenTheSetItWasMadeFromChanges() {
        Set<VideoStatus> statuses = EnumSet.of(VideoStatus.FAILED);
        StatusWindow window = StatusWindow.of(statuses);
        statuses.add(VideoStatus.EXPIRED);

        assertThat(window.statuses()).containsExactly(VideoStatus.FAILED);
    }

    @Test
    void shouldSplitAllStraightIntoSingleStatuses() {
        List<StatusWindow> parts = StatusWindow.all().split();

        assertThat(parts).containsExactly(StatusWindow.of(EnumSet.of(VideoStatus.QUEUED)),
                StatusWindow.of(EnumSet.of(VideoStatus.PROCESSING)), StatusWindow.of(EnumSet.of(VideoStatus.COMPLETED)),
                StatusWindow.of(EnumSet.of(VideoStatus.FAILED)), StatusWindow.of(EnumSet.of(VideoStatus.CANCELLED)),
                StatusWindow.of(EnumSet.of(VideoStatus.EXPIRED)));
        assertThat(parts).allSatisfy(part -> assertThat(part.split()).isEmpty());
        assertThat(StatusWindow.of(EnumSet.of(VideoStatus.COMPLETED, VideoStatus.FAILED)).split())
                .containsExactly(StatusWindow.of(EnumSet.of(VideoStatus.COMPLETED)), StatusWindow.of(EnumSet.of(VideoStatus.FAILED)));
        assertThat(StatusWindow.of(EnumSet.of(VideoStatus.FAILED)).split()).isEmpty();
    }

    /** For every filter a user can set: the parts hold exactly the same jobs, and splitting ends at single statuses. */
    @Test
    void shouldSplitEverySetIntoADisjointCoverThatEndsInItsLeaves() {
        for (int mask = 1; mask < 1 << KNOWN.size(); mask++) {
            Set<VideoStatus> set = EnumSet.noneOf(VideoStatus.class);
            for (int i = 0; i < KNOWN.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(KNOWN.get(i));
                }
            }
            StatusWindow window = StatusWindow.of(set);
            List<StatusWindow> parts = window.split();
            if (set.size() == 1) {
                assertThat(parts).as("%s", set).isEmpty();
            } else {
                assertThat(parts).as("%s", set).hasSizeGreaterThan(1);
                List<VideoStatus> union = new ArrayList<>();
                parts.forEach(p -> union.addAll(p.statuses()));
                assertThat(union).as("parts of %s", set).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(set);
                parts.forEach(p -> assertThat(p.statuses()).as("a part of %s mixes active and terminal", set)
                        .satisfiesAnyOf(s -> assertThat(s).allMatch(VideoStatus::isTerminal),
                                s -> assertThat(s).noneMatch(VideoStatus::isTerminal)));
            }
            assertThat(fullySplit(window)).as("%s", set).isEqualTo(new HashSet<>(window.leaves()));
            assertThat(window.leaves()).hasSize(set.size());
        }
    }

    private static Set<StatusWindow> fullySplit(StatusWindow window) {
        Set<StatusWindow> out = new HashSet<>();
        List<StatusWindow> parts = window.split();
        if (parts.isEmpty()) {
            out.add(window);
        }
        parts.forEach(p -> out.addAll(fullySplit(p)));
        return out;
    }

    @Test
    void shouldLeafAllIntoTheSixStatuses() {
        assertThat(StatusWindow.all().leaves()).extracting(StatusWindow::toString)
                .containsExactly("queued", "processing", "completed", "failed", "cancelled", "expired");
    }
}
