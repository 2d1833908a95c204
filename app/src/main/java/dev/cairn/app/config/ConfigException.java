package dev.cairn.app.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration the node cannot start with: every bad variable at once, each with its value (secrets masked) and
 * what is allowed, so one start-up attempt shows everything to fix.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String variable, String value, String problem, String allowed) {
        this(List.of(new ConfigProblem(variable, value, problem, allowed)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.getFirst().message();
        }
        return problems.size() + " invalid variables:"
                + problems.stream().map(p -> "\n  " + p.message()).collect(Collectors.joining());
    }
}
