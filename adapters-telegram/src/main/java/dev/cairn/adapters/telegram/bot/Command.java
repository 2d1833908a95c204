package dev.cairn.adapters.telegram.bot;

import java.util.Locale;
import java.util.Optional;

/**
 * A message's command: {@code /start abc} is {@code start} with argument {@code abc}; {@code /start@SomeBot} (how
 * commands look in groups) is {@code start}; text that is no command has the empty name.
 */
record Command(String name, Optional<String> argument) {
    static Command parse(String text) {
        String t = text.strip();
        if (!t.startsWith("/")) {
            return new Command("", Optional.empty());
        }
        int space = t.indexOf(' ');
        String head = space < 0 ? t.substring(1) : t.substring(1, space);
        int at = head.indexOf('@');
        String name = (at < 0 ? head : head.substring(0, at)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : t.substring(space + 1).strip();
        return new Command(name, rest.isEmpty() ? Optional.empty() : Optional.of(rest));
    }
}
