package app.phaseo.connect.videos.model;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Statuses and the gateway's aliases (docs/SCHEMA.md, the status field). */
class VideoStatusTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "queued, QUEUED", "pending, QUEUED",
            "processing, PROCESSING", "running, PROCESSING", "in_progress, PROCESSING",
            "completed, COMPLETED", "complete, COMPLETED", "success, COMPLETED", "succeeded, COMPLETED",
            "failed, FAILED", "error, FAILED",
            "cancelled, CANCELLED", "canceled, CANCELLED",
            "expired, EXPIRED",
            "'  In_Progress ', PROCESSING", "CANCELED, CANCELLED"})
    void shouldMapEveryAliasOntoTheDocumentedStatus(String wire, VideoStatus expected) {
        assertThat(VideoStatus.parse(wire)).contains(expected);
        assertThat(VideoStatus.fromWire(wire)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "finished", "", " ", "in progress", "queued,failed"})
    void shouldNotGuessAtAStatusNobodyKnows(String wire) {
        assertThat(VideoStatus.parse(wire)).isEmpty();
        assertThat(VideoStatus.fromWire(wire)).isEqualTo(VideoStatus.UNKNOWN);
    }

    @Test
    void shouldTreatAMissingStatusAsUnknownAndNeverTerminal() {
        assertThat(VideoStatus.parse(null)).isEmpty();
        assertThat(VideoStatus.fromWire(null)).isEqualTo(VideoStatus.UNKNOWN);
        assertThat(VideoStatus.UNKNOWN.isTerminal()).isFalse();
    }

    @Test
    void shouldCallExactlyTheFourEndStatesTerminalAndOrderTheStages() {
        EnumSet<VideoStatus> terminal = EnumSet.noneOf(VideoStatus.class);
        Arrays.stream(VideoStatus.values()).filter(VideoStatus::isTerminal).forEach(terminal::add);

        assertThat(terminal).containsExactlyInAnyOrder(VideoStatus.COMPLETED, VideoStatus.FAILED, VideoStatus.CANCELLED,
                VideoStatus.EXPIRED);
        assertThat(VideoStatus.QUEUED.stage()).isLessThan(VideoStatus.PROCESSING.stage());
        for (VideoStatus status : terminal) {
            assertThat(status.stage()).isGreaterThan(VideoStatus.PROCESSING.stage());
        }
    }

    @Test
    void shouldParseItsOwnApiNameBackExceptForUnknown() {
        for (VideoStatus status : VideoStatus.values()) {
            if (status == VideoStatus.UNKNOWN) {
                assertThat(VideoStatus.parse(status.apiName())).isEmpty();
            } else {
                assertThat(VideoStatus.parse(status.apiName())).contains(status);
                assertThat(status.apiName()).isLowerCase();
            }
        }
    }

    @Test
    void shouldKnowEveryStatusTheFixturesSend() {
        ApiFixtures.allVideos().forEach(video ->
                assertThat(VideoStatus.parse(video.get("status").textValue())).as(video.get("status").textValue()).isPresent());
    }
}
