package app.phaseo.connect.videos.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The fixture loader: what it finds, that callers get their own copies, and how it fails. */
class ApiFixturesTest {

    @Test
    void findsEveryListFileAndTheErrorBodiesAsTextAndJson() {
        assertThat(ApiFixtures.listFiles()).contains(ApiFixtures.DOCS_SHAPE, "list-code-no-limit-param.json")
                .allMatch(name -> name.startsWith("list-") && name.endsWith(".json")).isSorted();
        assertThat(ApiFixtures.text("error-500-plain-text.txt")).startsWith("Internal Server Error");
        assertThat(ApiFixtures.json("error-404-not-found.json").path("error").asText()).isEqualTo("not_found");
        assertThat(ApiFixtures.videos(ApiFixtures.DOCS_SHAPE)).isNotEmpty()
                .allMatch(video -> video.path("id").asText().startsWith("G-"));
    }

    @Test
    void everyCallHandsOutAFreshCopy() {
        ObjectNode changed = ApiFixtures.completeVideo();
        changed.put("status", "changed by a test");
        String id = ApiFixtures.videos(ApiFixtures.DOCS_SHAPE).get(0).path("id").asText();
        ApiFixtures.video(ApiFixtures.DOCS_SHAPE, id).put("status", "changed by a test");

        assertThat(ApiFixtures.completeVideo().path("status").asText()).isNotEqualTo("changed by a test");
        assertThat(ApiFixtures.video(ApiFixtures.DOCS_SHAPE, id).path("status").asText())
                .isNotEqualTo("changed by a test");
    }

    @Test
    void aMissingFileIsNamedInTheFailure() {
        assertThatThrownBy(() -> ApiFixtures.text("no-such-fixture.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixtures/api/no-such-fixture.json");
        assertThatThrownBy(() -> ApiFixtures.json("no-such-fixture.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-fixture.json");
    }

    @Test
    void aMissingVideoFailsTheTestWithItsIdAndFile() {
        assertThatThrownBy(() -> ApiFixtures.video(ApiFixtures.DOCS_SHAPE, "G-NOT-THERE"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("G-NOT-THERE")
                .hasMessageContaining(ApiFixtures.DOCS_SHAPE);
    }

    @Test
    void textThatIsNotJsonFailsToParse() {
        assertThatThrownBy(() -> ApiFixtures.json("error-500-plain-text.txt")).isInstanceOf(RuntimeException.class);
    }
}
