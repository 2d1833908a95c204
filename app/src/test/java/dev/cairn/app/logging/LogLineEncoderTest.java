package dev.cairn.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogLineEncoderTest {
    final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    final Logger logger = context.getLogger("dev.cairn.test.logging");

    @AfterEach
    void detach() {
        logger.detachAndStopAllAppenders();
        MDC.clear();
    }

    /** Sends {@link #logger}'s events, and only those, to {@link #sink} through an encoder of {@code format}. */
    void capture(String format) {
        var encoder = new LogLineEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        var appender = new OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(sink);
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        logger.setLevel(Level.DEBUG);
    }

    List<String> lines() {
        return sink.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void anEventIsOneParseableJsonLineWithEveryField() {
        capture("json");
        MDC.put("session_id", "s-1");
        MDC.put("error_id", "e-2");

        logger.atWarn()
                .addKeyValue("content_id", "ab12")
                .addKeyValue("bytes", 42L)
                .setCause(new IllegalStateException("disk \"full\"\nreally"))
                .log("upload {} failed", "x");

        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        var json = (JsonObject) JsonParser.parse(lines.getFirst());
        assertThat(json.require("timestamp", JsonString.class).value())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(json.require("level", JsonString.class).value()).isEqualTo("WARN");
        assertThat(json.require("logger", JsonString.class).value()).isEqualTo("dev.cairn.test.logging");
        assertThat(json.require("thread", JsonString.class).value())
                .isEqualTo(Thread.currentThread().getName());
        assertThat(json.require("message", JsonString.class).value()).isEqualTo("upload x failed");
        assertThat(json.require("session_id", JsonString.class).value()).isEqualTo("s-1");
        assertThat(json.require("error_id", JsonString.class).value()).isEqualTo("e-2");
        assertThat(json.require("content_id", JsonString.class).value()).isEqualTo("ab12");
        assertThat(json.require("bytes", JsonInteger.class).value()).isEqualTo(42);
        assertThat(json.require("exception", JsonString.class).value())
                .startsWith("java.lang.IllegalStateException: disk \"full\"\nreally")
                .contains("\tat dev.cairn.app.logging.LogLineEncoderTest");
    }

    @Test
    void keysThatRepeatAFieldArePrefixedSoTheLineStaysValid() {
        capture("json");
        MDC.put("level", "mdc-level");

        logger.atInfo()
                .addKeyValue("message", "kv")
                .addKeyValue("message", "kv2")
                .log("m");

        var json = (JsonObject) JsonParser.parse(lines().getFirst());
        assertThat(json.require("level", JsonString.class).value()).isEqualTo("INFO");
        assertThat(json.require("mdc.level", JsonString.class).value()).isEqualTo("mdc-level");
        assertThat(json.require("kv.message", JsonString.class).value()).isEqualTo("kv");
        assertThat(json.require("kv.kv.message", JsonString.class).value()).isEqualTo("kv2");
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreEscaped() {
        capture("json");

        logger.info("bell \u0007 and \ud800 and emoji \ud83d\ude00");

        var json = (JsonObject) JsonParser.parse(lines().getFirst());
        assertThat(json.require("message", JsonString.class).value()).isEqualTo("bell \u0007 and \ufffd and emoji 😀");
    }

    @Test
    void theTextFormatIsOneHumanLine() {
        capture("TEXT");
        MDC.put("session_id", "s-1");

        logger.info("hello {}", "world");

        assertThat(lines()).singleElement().asString().contains("INFO").endsWith("hello world session_id=s-1");
    }

    @Test
    void theTextFormatEndsAtTheMessageWhenThereIsNoContext() {
        capture("text");

        logger.info("plain");

        assertThat(lines()).singleElement().asString().endsWith(" - plain");
    }

    @Test
    void logbackXmlLoadsWithoutErrorsAndReadsLogFormatAndLogLevel() throws Exception {
        var fresh = new LoggerContext();
        fresh.putProperty("LOG_FORMAT", "text");
        fresh.putProperty("LOG_LEVEL", "warn");
        var configurator = new JoranConfigurator();
        configurator.setContext(fresh);
        configurator.doConfigure(getClass().getResource("/logback.xml"));

        assertThat(fresh.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getEffectiveLevel() >= Status.WARN);
        Logger root = fresh.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("console")).isInstanceOf(ConsoleAppender.class);
        fresh.stop();
    }
}
