package app.phaseo.connect.videos.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The taxonomy as a table: what each kind tells the caller to do. */
class ErrorKindTest {

    private static final Map<ErrorKind, ErrorKind.Handling> EXPECTED = Map.ofEntries(
            Map.entry(ErrorKind.UNAUTHORIZED, ErrorKind.Handling.FAIL_TASK),
            Map.entry(ErrorKind.KEY_CHECK_FAILED, ErrorKind.Handling.BACK_OFF),
            Map.entry(ErrorKind.FORBIDDEN, ErrorKind.Handling.FAIL_TASK),
            Map.entry(ErrorKind.REDIRECT_REFUSED, ErrorKind.Handling.FAIL_TASK),
            Map.entry(ErrorKind.NOT_FOUND, ErrorKind.Handling.FAIL_REQUEST),
            Map.entry(ErrorKind.BAD_REQUEST, ErrorKind.Handling.FAIL_REQUEST),
            Map.entry(ErrorKind.API_DISABLED, ErrorKind.Handling.RETRY_SLOWLY),
            Map.entry(ErrorKind.API_GATE_CLOSED, ErrorKind.Handling.RETRY_SLOWLY_IF_PERSISTENT),
            Map.entry(ErrorKind.RATE_LIMITED, ErrorKind.Handling.BACK_OFF),
            Map.entry(ErrorKind.SERVER_ERROR, ErrorKind.Handling.BACK_OFF),
            Map.entry(ErrorKind.TRANSPORT, ErrorKind.Handling.BACK_OFF),
            Map.entry(ErrorKind.TIMEOUT, ErrorKind.Handling.BACK_OFF),
            Map.entry(ErrorKind.MALFORMED_RESPONSE, ErrorKind.Handling.BACK_OFF),
            Map.entry(ErrorKind.RESPONSE_TOO_LARGE, ErrorKind.Handling.BACK_OFF),
            Map.entry(ErrorKind.UNEXPECTED_STATUS, ErrorKind.Handling.BACK_OFF),
            Map.entry(ErrorKind.CANCELLED, ErrorKind.Handling.STOP));

    @Test
    void everyKindHasItsHandling() {
        assertThat(EXPECTED.keySet()).isEqualTo(EnumSet.allOf(ErrorKind.class));
        EXPECTED.forEach((kind, handling) -> assertThat(kind.handling()).as(kind.name()).isEqualTo(handling));
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void permanentAndRetriableFollowFromTheHandling(ErrorKind kind) {
        ErrorKind.Handling handling = EXPECTED.get(kind);
        assertThat(kind.isPermanent()).isEqualTo(
                handling == ErrorKind.Handling.FAIL_TASK || handling == ErrorKind.Handling.FAIL_REQUEST);
        assertThat(kind.isRetriable()).isEqualTo(handling == ErrorKind.Handling.BACK_OFF);
        assertThat(kind.isPermanent() && kind.isRetriable()).isFalse();

        PhaseoApiException failure = new PhaseoApiException(kind, "m", null);
        assertThat(failure.isPermanent()).isEqualTo(kind.isPermanent());
        assertThat(failure.isRetriable()).isEqualTo(kind.isRetriable());
        assertThat(failure.httpStatus()).isZero();
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void apiDisabledGateClosedAndCancelledAreNeitherPermanentNorRetriable() {
        for (ErrorKind kind : new ErrorKind[] {ErrorKind.API_DISABLED, ErrorKind.API_GATE_CLOSED, ErrorKind.CANCELLED}) {
            assertThat(kind.isPermanent()).as(kind.name()).isFalse();
            assertThat(kind.isRetriable()).as(kind.name()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void everyKindSaysWhichAnswersItCoversForTheDocs(ErrorKind kind) {
        assertThat(kind.answers()).isNotBlank();
        assertThat(kind.handling().whatTheTaskDoes()).isNotBlank();
    }

    @Test
    void thePersistenceRuleInTheDocsIsTheOneInTheConstants() {
        assertThat(ErrorKind.Handling.RETRY_SLOWLY_IF_PERSISTENT.whatTheTaskDoes())
                .contains(ErrorKind.Handling.PERSISTENT_ANSWERS + " answers in a row")
                .contains(ErrorKind.Handling.PERSISTENT_SECONDS + " s");
    }
}
