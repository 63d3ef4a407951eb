/**
 * A faithful, deterministic, scriptable simulator of the Phaseo video-jobs API, for the tests,
 * the benchmarks and the demo.
 *
 * <p>Start with {@link app.phaseo.connect.videos.simulator.PhaseoSimulator#builder()}:
 * <ul>
 *   <li>{@link app.phaseo.connect.videos.simulator.SimBehavior} picks the contract: the gateway
 *       code's window of recent changes, or the documented full-history cursor;</li>
 *   <li>a {@link app.phaseo.connect.videos.simulator.MutableClock} gives virtual time, any other
 *       {@link java.time.Clock} real time;</li>
 *   <li>{@link app.phaseo.connect.videos.simulator.LifecycleProfile} and
 *       {@link app.phaseo.connect.videos.simulator.Workload} decide how many jobs appear and how
 *       they live; the seed makes it all reproducible;</li>
 *   <li>{@link app.phaseo.connect.videos.simulator.FaultInjector} scripts misbehaviour,
 *       {@link app.phaseo.connect.videos.simulator.RequestStats} counts requests, and
 *       {@code versions(id)} / {@code isFinal(id)} / {@code sideEffectCount()} are the ground
 *       truth a connector's output is checked against.</li>
 * </ul>
 *
 * <p>What the gateway's newest code does beyond the plain lifecycle is on by default, each with an
 * off switch (docs/GATEWAY-BEHAVIOUR.md): the reconciler cron's invisible claims and its
 * re-finalization of unbilled terminal jobs ({@code Reconciler}), jobs whose billing is stuck for
 * good, the cron-drained webhook outbox, deletions that stay listed, the OpenAI by-id shape and
 * side effects, flickering 401/501 answers, and the tie order within one created_at millisecond.
 *
 * <p>How it works: each job's whole life is a schedule of events fixed at creation; every
 * request folds the events up to the clock's now, after running the cron for every period the
 * clock passed (lazily, nothing runs in the background), so the simulator behaves identically
 * under virtual and real time.
 */
package app.phaseo.connect.videos.simulator;
