package app.phaseo.connect.videos.capture;

/** One part of a cycle, done one request at a time. */
public interface Work {

    /** Does at most one API request. @return true when this part is finished */
    boolean step(CycleContext ctx);
}
