package io.happy3.cli;

import io.happy3.adapter.playbook.PlaybookCheck;
import io.happy3.config.InvalidConfigurationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code serve | demo | playbook check FILE… | signals | review}, each with
 * {@code --help}. Returns the exit status, or {@link #KEEP_RUNNING} when a server was started.
 */
public final class Cli {
    public static final int KEEP_RUNNING = -1;
    static final String USAGE = """
            Usage: happy3 <command> [options]

            Commands:
              serve [--print-config]           run the bot server (Slack, Teams, health, metrics)
              demo [--pace MILLIS]             replay a week of support through the real engine, offline
              playbook check FILE|FOLDER…      validate playbooks; exit 1 with file:line:column problems
              signals [--playbook FILE] [FILE.jsonl] | --eval LABELS THREADS | train
                                               run, measure or train the signal detector
              review [--week 2026-W47]         print the review from the configured database
              customer export|forget ID        a customer's stored data as JSON, or delete it (data requests)
              backup FILE.zip                  online backup of the embedded H2 database (BACKUP TO)
              teams-package [--bot-id ID] [--version 1.2.3] [--out FILE]
                                               build the Teams app package (manifest + icons) to sideload

            Run 'happy3 <command> --help' for more. Configuration: environment variables (see README).""";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public Cli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "serve" -> Serve.run(rest, env, out, err);
                case "demo" -> demo(rest);
                case "playbook" -> playbook(rest);
                case "signals" -> signals(rest);
                case "review" -> ReviewCommand.run(rest, env, out, err);
                case "teams-package" -> teamsPackage(rest);
                case "backup" -> BackupCommand.run(rest, env, out, err);
                case "customer" -> CustomerCommand.run(rest, env, out, err);
                default -> {
                    err.println("happy3: unknown command '" + args[0] + "'\n");
                    err.println(USAGE);
                    yield 2;
                }
            };
        } catch (InvalidConfigurationException e) {
            err.println("happy3: " + e.getMessage());
            return 2;
        } catch (io.happy3.adapter.playbook.InvalidPlaybookException e) {
            err.println("happy3: the playbooks have problems; nothing was started:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return 1;
        } catch (RuntimeException e) {
            // One clear line for start-up failures (database unreachable, folder unreadable, port taken).
            err.println("happy3: cannot " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    private int demo(List<String> args) {
        if (args.contains("--help")) {
            out.println("""
                    Usage: happy3 demo [--pace MILLIS]

                    Replays a shipped week of support conversations (10 issues) through the real engine on
                    an embedded H2 database and a simulated clock. Prints each message, what it did to its
                    issue, and each nudge as the agent sees it; then the week's /review and the digest.
                    --pace MILLIS   pause after each line, to watch it unfold (e.g. --pace 300)""");
            return 0;
        }
        long pace = 0;
        int index = args.indexOf("--pace");
        if (index >= 0) {
            if (index + 1 >= args.size() || !args.get(index + 1).matches("\\d{1,5}")) {
                err.println("happy3 demo: --pace needs a number of milliseconds, e.g. --pace 300");
                return 2;
            }
            pace = Long.parseLong(args.get(index + 1));
        }
        // The demo's output is the story; library logs below WARN would drown it.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        return new Demo(out, pace).run();
    }

    private int teamsPackage(List<String> args) {
        if (args.contains("--help")) {
            out.println("""
                    Usage: happy3 teams-package [--bot-id ID] [--version 1.2.3] [--out FILE]

                    Writes the Microsoft Teams app package (manifest.json with the bot id filled in, and the
                    two icons) to FILE (default happy3-teams.zip). The bot id defaults to MICROSOFT_APP_ID.
                    --version sets the manifest version: raise it for every update you upload to Teams.""");
            return 0;
        }
        String botId = option(args, "--bot-id").orElse(env.getOrDefault(io.happy3.config.AppConfig.TEAMS_APP_ID, ""));
        if (botId.isBlank()) {
            err.println("happy3 teams-package: give the bot's app id with --bot-id or MICROSOFT_APP_ID");
            return 2;
        }
        Path target = Path.of(option(args, "--out").orElse("happy3-teams.zip"));
        io.happy3.adapter.teams.TeamsAppPackage.write(target, botId, option(args, "--version"));
        out.println("wrote " + target.toAbsolutePath() + " — upload it in Teams: Apps › Manage your apps › Upload an app");
        return 0;
    }

    private static Optional<String> option(List<String> args, String name) {
        int index = args.indexOf(name);
        return index >= 0 && index + 1 < args.size() ? Optional.of(args.get(index + 1)) : Optional.empty();
    }

    private int playbook(List<String> args) {
        if (args.isEmpty() || args.contains("--help") || !args.get(0).equals("check") || args.size() < 2) {
            out.println("""
                    Usage: happy3 playbook check FILE|FOLDER…

                    Validates playbooks strictly. Prints 'ok: FILE (N steps)' for good files; exits 1 with
                    one 'file:line:column: message' line per problem otherwise.""");
            return args.contains("--help") ? 0 : 2;
        }
        List<Path> files = args.subList(1, args.size()).stream().map(Path::of).toList();
        return new PlaybookCheck().run(files, out, err);
    }

    private static final String SIGNALS_USAGE = """
            Usage: happy3 signals [--playbook FILE] [--rules-only|--model] [FILE.jsonl]
                   happy3 signals --eval LABELS.jsonl THREADS.jsonl [--playbook FILE] [--rules-only|--model]
                                  [--confused N]
                   happy3 signals train [--labels FILE] [--threads FILE] [--out FILE]

            Reads conversations as JSON lines ({"id": "...", "turns": [{"role": "customer"|"agent",
            "text": "..."}]}) from FILE or stdin and prints one JSON line per turn: id, turn, role, the
            signals found (resolution_proposed, customer_confirmed, still_broken, promise_made, gratitude)
            and why (the rule, or the model's score and nearest labelled example); a summary goes to
            stderr. Each thread is read in order, so a turn is read in its context.
            --playbook FILE   adds the playbook's phrases (they win over the model for their signal)
            --rules-only      phrase rules alone, as serve runs by default (the default here too)
            --model           with the trained model, as serve runs with HAPPY3_SIGNAL_MODEL=true
            --eval            compares with the labels (one line per turn: {"id","turn","signals"}; threads
                              without labels are skipped, so a sample of a larger file can be measured) and
                              prints precision, recall and F1 per signal, macro-F1 and confused turns
            train             trains the model (defaults: eval/signals/train.labels.jsonl,
                              eval/signals/train.threads.jsonl, out src/main/resources/signals/model.bin)""";

    private int signals(List<String> args) {
        if (args.contains("--help")) {
            out.println(SIGNALS_USAGE);
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("train")) {
            return SignalsTraining.run(args.subList(1, args.size()), out, err);
        }
        Optional<Path> playbook = Optional.empty();
        Optional<Path> file = Optional.empty();
        List<Path> eval = new ArrayList<>();
        boolean rulesOnly = true; // as serve runs by default (HAPPY3_SIGNAL_MODEL=false)
        int confused = 40;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--playbook") && i + 1 < args.size()) {
                playbook = Optional.of(Path.of(args.get(++i)));
            } else if (arg.equals("--eval") && i + 2 < args.size()) {
                eval = List.of(Path.of(args.get(++i)), Path.of(args.get(++i)));
            } else if (arg.equals("--confused") && i + 1 < args.size() && args.get(i + 1).matches("\\d{1,5}")) {
                confused = Integer.parseInt(args.get(++i));
            } else if (arg.equals("--rules-only")) {
                rulesOnly = true;
            } else if (arg.equals("--model")) {
                rulesOnly = false;
            } else if (arg.startsWith("--")) {
                err.println("happy3 signals: unknown or incomplete option " + arg + " (see happy3 signals --help)");
                return 2;
            } else {
                file = Optional.of(Path.of(arg));
            }
        }
        var detector = SignalsCommand.detector(playbook, rulesOnly);
        if (!eval.isEmpty()) {
            var threads = io.happy3.adapter.signalmodel.LabelledCorpus.readSubset(eval.get(0), eval.get(1));
            SignalEvaluation.print(SignalEvaluation.run(detector, threads), threads.size(), confused, out);
            return 0;
        }
        return SignalsCommand.runFile(detector, file, out, err, Clock.systemUTC());
    }
}
