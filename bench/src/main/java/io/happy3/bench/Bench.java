package io.happy3.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The bench driver: {@code java -jar bench/target/happy3-bench.jar COMMAND [key=value…]}, normally run by
 * {@code bench/run}. It is the one load generator process for every target and hosts the fake Slack
 * Web API the servers talk to; each server under test runs in its own process.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: bench/run ingest|sustained|scheduler|review|start [key=value…]   (see bench/README.md)");
            return;
        }
        String command = args[0];
        Settings settings = Settings.parse(Arrays.asList(args).subList(1, args.length));
        String invocation = System.getenv().getOrDefault("BENCH_COMMAND", "bench/run " + String.join(" ", args));
        Path root = settings.root();
        String commit = Machine.run(root, "git", "rev-parse", "--short", "HEAD");
        Path out = root.resolve(settings.get("out"));
        try (FakeSlack slack = new FakeSlack()) {
            Targets targets = new Targets(settings, slack);
            switch (command) {
                case "ingest" -> {
                    LoadGenerator generator = new LoadGenerator(Targets.SECRET, settings.integer("connections"));
                    List<Ingest.Result> results = new Ingest(settings, targets, generator, slack).run();
                    publish(out, Ingest.markdown(results, settings, targets, invocation, commit,
                            targets.postgresVersion()));
                }
                case "scheduler" -> publish(out, new SchedulerBench(settings, targets, slack).run());
                case "start" -> publish(out, new StartBench(settings, targets).run());
                case "review" -> publish(out, new ReviewBench(settings, targets, slack).run());
                case "sustained" -> publish(out, new SustainedBench(settings, targets, slack).run());
                default -> throw new IllegalArgumentException("unknown command '" + command + "'");
            }
        }
    }

    private static void publish(Path out, String section) throws java.io.IOException {
        System.out.println();
        System.out.print(section);
        Report.append(out, section);
        System.out.println("appended to " + out);
    }
}
