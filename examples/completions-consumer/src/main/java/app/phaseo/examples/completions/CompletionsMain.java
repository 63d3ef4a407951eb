package app.phaseo.examples.completions;

import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Runs the service against a cluster:
 * {@code CompletionsMain <bootstrap servers> [topic] [group id] [handled-ids file]}, with the
 * defaults {@code phaseo.videos.completed} (the completions recipe's topic),
 * {@code completions-example} and {@code handled-completions.txt}. Its handler prints one line per
 * completion; put your own in its place. Stop it with Ctrl-C.
 */
public final class CompletionsMain {

    private CompletionsMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CompletionsMain <bootstrap servers> [topic] [group id] [handled-ids file]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args.length > 1 ? args[1] : "phaseo.videos.completed";
        String group = args.length > 2 ? args[2] : "completions-example";
        Path store = Path.of(args.length > 3 ? args[3] : "handled-completions.txt");

        try (HandledIds handled = HandledIds.open(store)) {
            CompletionHandler handler = c -> System.out.println(Instant.ofEpochMilli(c.timestamp()) + " completed " + c.videoId());
            CompletionsService service = new CompletionsService(
                    new KafkaConsumer<>(CompletionsService.consumerConfig(bootstrap, group)), topic,
                    new IdempotentHandling(handled, handler));
            Thread worker = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.stop();
                try {
                    worker.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            System.out.println("Handling completions from " + topic + " (" + handled.size() + " handled before)");
            service.run();
        }
    }
}
