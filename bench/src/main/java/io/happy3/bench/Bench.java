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
            System.out.println("usage: bench/run ingest [key=value…]   (see bench/README.md)");
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
                    String section = Ingest.markdown(results, settings, targets, invocation, commit,
                            targets.postgresVersion());
                    System.out.println();
                    System.out.print(section);
                    Report.append(out, section);
                    System.out.println("appended to " + out);
                }
                case "scheduler" -> {
                    String section = new SchedulerBench(settings, targets, slack).run();
                    System.out.println();
                    System.out.print(section);
                    Report.append(out, section);
                    System.out.println("appended to " + out);
                }
                case "start" -> {
                    String section = new StartBench(settings, targets).run();
                    System.out.println();
                    System.out.print(section);
                    Report.append(out, section);
                    System.out.println("appended to " + out);
                }
                case "review" -> {
                    String section = new ReviewBench(settings, targets, slack).run();
                    System.out.println();
                    System.out.print(section);
                    Report.append(out, section);
                    System.out.println("appended to " + out);
                }
                default -> throw new IllegalArgumentException("unknown command '" + command + "'");
            }
        }
    }
}
