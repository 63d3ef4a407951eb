package app.phaseo.connect.videos.schema;

import java.util.ArrayList;
import java.util.List;

/** Records the listener callbacks as "unknown PATH", "coerced PATH" and "raw PATH", in order. */
final class RecordingListener implements ConversionListener {

    final List<String> events = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    @Override
    public void unknownField(String path) {
        events.add("unknown " + path);
    }

    @Override
    public void coercedValue(String path) {
        events.add("coerced " + path);
    }

    @Override
    public void rawValueKept(String path, String reason) {
        events.add("raw " + path);
        reasons.add(reason);
    }
}
