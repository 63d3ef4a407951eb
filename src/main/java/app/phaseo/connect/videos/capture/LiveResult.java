package app.phaseo.connect.videos.capture;

import java.util.List;
import java.util.Optional;

/** What a cycle's live read tells the rest of the cycle and its summary. */
public interface LiveResult {

    /** Present when the read found the API lists with another behaviour. */
    Optional<Switch> switchTo();

    /** Windows read, as status lists (empty for the head of a full history). */
    List<String> windows();

    /** Whether some window overflowed: changes may have been pushed out of it unseen. */
    boolean overflow();

    /** Whether a read stopped after the first page of an unchanged window. */
    boolean partial();

    /** Whether a window was split this cycle. */
    boolean split();
}
