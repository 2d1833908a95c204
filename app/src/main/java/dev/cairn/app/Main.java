package dev.cairn.app;

/** Entry point of the runnable jar: {@code java -jar cairn-app.jar <command>}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int status = new Cli(System.getenv(), System.out, System.err).run(args);
        System.out.flush();
        if (status != Cli.OK) {
            System.exit(status);
        }
    }
}
