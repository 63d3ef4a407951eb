package app.phaseo.connect.videos.capture;

import app.phaseo.connect.videos.model.ApiBehavior;

/**
 * A read found that the API lists with another behaviour than the one in use. The read says so and
 * writes no mode; the engine switches.
 *
 * @param to       the behaviour the API showed
 * @param evidence what showed it, for the log
 */
public record Switch(ApiBehavior to, String evidence) {
}
