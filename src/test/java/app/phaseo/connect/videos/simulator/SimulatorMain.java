package app.phaseo.connect.videos.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator in real time until interrupted, for manual tries and the demo:
 *
 * <pre>
 * --port 8080 --behavior gateway_code|documented --rate 2 --duration PT1H
 * --profile fast|realistic|load --preexisting 300 --window 101 --seed 42
 * --key aistats_v1_sk_fake_simulator_key
 * </pre>
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PhaseoSimulator simulator = launch(args);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "phaseo-simulator-shutdown"));
        System.out.printf("Phaseo simulator (%s) at %s%n  key: %s%n"
                        + "  try: curl -H 'Authorization: Bearer %s' '%s/videos?limit=10'%n",
                simulator.behavior(), simulator.baseUrl(), simulator.apiKey(), simulator.apiKey(),
                simulator.baseUrl());
        stopped.await();
    }

    /** Builds and starts a real-time simulator from command-line options (see the class comment). */
    static PhaseoSimulator launch(String[] args) {
        PhaseoSimulator.Builder builder = PhaseoSimulator.builder().clock(Clock.systemUTC()).port(8080)
                .profile(LifecycleProfile.fast());
        double rate = 1;
        Duration duration = Duration.ofHours(1);
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--port":
                    builder.port(Integer.parseInt(value));
                    break;
                case "--behavior":
                    builder.behavior(SimBehavior.valueOf(value.toUpperCase(Locale.ROOT)));
                    break;
                case "--rate":
                    rate = Double.parseDouble(value);
                    break;
                case "--duration":
                    duration = Duration.parse(value);
                    break;
                case "--profile":
                    builder.profile(profile(value));
                    break;
                case "--preexisting":
                    builder.preexisting(Integer.parseInt(value), Duration.ofDays(1));
                    break;
                case "--window":
                    builder.windowSize(Integer.parseInt(value));
                    break;
                case "--seed":
                    seed = Long.parseLong(value);
                    break;
                case "--key":
                    builder.apiKey(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return builder.seed(seed)
                .workload(rate > 0 ? Workload.steady(rate, duration, seed) : Workload.none())
                .build().start();
    }

    private static LifecycleProfile profile(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "fast":
                return LifecycleProfile.fast();
            case "realistic":
                return LifecycleProfile.realistic();
            case "load":
            case "loadtest":
                return LifecycleProfile.loadTest();
            default:
                throw new IllegalArgumentException("unknown profile " + name);
        }
    }
}
