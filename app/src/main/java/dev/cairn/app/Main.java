package dev.cairn.app;

/** Entry point of the runnable jar: {@code java -jar cairn-app.jar <command>}. */
public final class Main {
    private Main() {}

    /** The console stream logback.xml writes to: {@code System.out} or {@code System.err}. */
    static final String LOG_TARGET = "cairn.log.target";

    public static void main(String[] args) {
        // Every command so far prints its result on stdout (NodeId=$(cairn node-id)), so logs must not mix into it.
        // The node itself (run) logs to stdout, as containers expect.
        if (System.getProperty(LOG_TARGET) == null) {
            boolean node = args.length > 0 && args[0].equals("run");
            System.setProperty(LOG_TARGET, node ? "System.out" : "System.err");
        }
        int status = new Cli(System.getenv(), System.out, System.err).run(args);
        System.out.flush();
        if (status != Cli.OK) {
            System.exit(status);
        }
    }
}
