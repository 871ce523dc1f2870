package io.happy3;

import io.happy3.cli.Cli;

/** Composition root and entry point: {@code java -jar happy3.jar <command>}. All wiring lives in {@code io.happy3.cli}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = new Cli(System.out, System.err, System.getenv()).run(args);
        if (status != Cli.KEEP_RUNNING) {
            System.exit(status);
        }
    }
}
