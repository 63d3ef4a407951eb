package app.phaseo.connect.videos.model;

import static org.assertj.core.api.Assertions.assertThat;

import app.phaseo.connect.videos.testkit.ApiFixtures;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The creation time a gateway id carries in its ULID. */
class VideoIdsTest {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /** The ULID spec's own example: 01ARYZ6S41 is 1469918176385. */
    @Test
    void shouldDecodeTheUlidSpecExample() {
        assertThat(VideoIds.creationMillis("01ARYZ6S41TSV4RRFFQ69G5FAV")).isEqualTo(1_469_918_176_385L);
        assertThat(VideoIds.creationMillis("G-01ARYZ6S41TSV4RRFFQ69G5FAV")).isEqualTo(1_469_918_176_385L);
        assertThat(VideoIds.creationMillis("g-01aryz6s41tsv4rrffq69g5fav")).isEqualTo(ApiTimes.NONE);
        assertThat(VideoIds.creationMillis("01aryz6s41tsv4rrffq69g5fav")).isEqualTo(1_469_918_176_385L);
    }

    @Test
    void shouldAgreeWithCreatedAtForEveryFixtureJob() {
        int checked = 0;
        for (ObjectNode video : ApiFixtures.allVideos()) {
            long fromId = VideoIds.creationMillis(video.get("id").textValue());
            long createdAt = ApiTimes.toMillis(video.get("created_at"));
            assertThat(fromId).as(video.get("id").textValue()).isNotEqualTo(ApiTimes.NONE);
            if (video.get("created_at").isNumber()) {
                // The docs shape gives whole seconds.
                assertThat(fromId / 1000 * 1000).as(video.get("id").textValue()).isEqualTo(createdAt);
            } else {
                assertThat(fromId).as(video.get("id").textValue()).isEqualTo(createdAt);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(25);
    }

    @Test
    void shouldRoundTripRandomTimesOverTheWhole48BitRange() {
        SplittableRandom random = new SplittableRandom(48);
        for (int i = 0; i < 10_000; i++) {
            long millis = i == 0 ? (1L << 48) - 1 : i == 1 ? 0 : random.nextLong(1L << 48);
            StringBuilder ulid = new StringBuilder();
            for (int shift = 45; shift >= 0; shift -= 5) {
                ulid.append(CROCKFORD.charAt((int) (millis >>> shift) & 31));
            }
            for (int k = 0; k < 16; k++) {
                ulid.append(CROCKFORD.charAt(random.nextInt(32)));
            }
            assertThat(VideoIds.creationMillis("G-" + ulid)).isEqualTo(millis);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "G-", "G-NOPE", "G-01M8HC0VGRQKGPARXB7XCMX24", "G-01M8HC0VGRQKGPARXB7XCMX24WX",
            "video_a7b068e06e58e3d133476004", "G-01M8HC0VGUQKGPARXB7XCMX24W", "G-0IM8HC0VGRQKGPARXB7XCMX24W",
            "G-01L8HC0VGRQKGPARXB7XCMX24W", "G-01O8HC0VGRQKGPARXB7XCMX24W", "G-81M8HC0VGRQKGPARXB7XCMX24W",
            "G-ZZZZZZZZZZQKGPARXB7XCMX24W", "G-01M8HC0VG-QKGPARXB7XCMX24W"})
    void shouldReadNoTimeFromWhatIsNotAUlid(String id) {
        assertThat(VideoIds.creationMillis(id)).as(id).isEqualTo(ApiTimes.NONE);
    }

    @Test
    void shouldReadTheTimeFromTheFirstTenCharactersOnly() {
        // The 16 characters after the time are random bits: whatever they hold, the time is the same.
        assertThat(VideoIds.creationMillis("G-01M8HC0VGR-any-random-tail"))
                .isEqualTo(VideoIds.creationMillis("G-01M8HC0VGRQKGPARXB7XCMX24W"))
                .isNotEqualTo(ApiTimes.NONE);
    }

    @Test
    void shouldReadNoTimeFromNull() {
        assertThat(VideoIds.creationMillis(null)).isEqualTo(ApiTimes.NONE);
    }
}
