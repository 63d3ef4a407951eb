package app.phaseo.connect.videos.simulator;

/**
 * Which of the two listing contracts of docs/CAPTURE.md ("What the API shows") the simulator serves.
 */
public enum SimBehavior {
    /**
     * The gateway's code today: the list is a window of the 101 most recently updated jobs,
     * {@code after} silently restarts when outside the window, missing {@code limit} gives no
     * rows, code-shaped bodies, and GET by id re-finalizes a finished job.
     */
    GATEWAY_CODE,
    /**
     * The published docs: a stable cursor over the full history, {@code limit} 1..200,
     * docs-shaped bodies, no side effects.
     */
    DOCUMENTED
}
