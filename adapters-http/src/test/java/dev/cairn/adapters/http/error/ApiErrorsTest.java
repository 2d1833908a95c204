package dev.cairn.adapters.http.error;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.LogCapture;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.port.RandomBytes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsTest {
    enum Colour {
        RED,
        GREEN
    }

    record Paint(String schemaVersion, Colour colour, int litres) {
        Paint {
            if (!"v1".equals(schemaVersion)) {
                throw new IllegalArgumentException("unknown schema_version '" + schemaVersion + "', expected v1");
            }
        }
    }

    private CairnHttpServer server;
    private TestHttp http;

    @BeforeAll
    void start() {
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral().withMaxRequestBytes(2048),
                        new SimpleMeterRegistry(),
                        RandomBytes.secure(),
                        List.of(routes -> {
                            routes.post("/paint", ctx -> ctx.json(ctx.bodyAsClass(Paint.class)));
                            routes.get("/refused", ctx -> {
                                throw new ApiException(409, "already_done", "paint 7 is already mixed");
                            });
                            routes.get("/broken", ctx -> {
                                throw new IllegalStateException("secret database password hunter2");
                            });
                            routes.get(
                                    "/count/{n}",
                                    ctx -> ctx.result(String.valueOf(ctx.pathParamAsClass("n", Integer.class)
                                            .get())));
                        }))
                .start();
        http = new TestHttp(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void anApiExceptionBecomesItsStatusAndCode() {
        var response = http.get("/refused");

        assertError(response, 409, "already_done");
        assertThat(TestHttp.json(response).get("message").asText()).isEqualTo("paint 7 is already mixed");
    }

    @Test
    void aWellFormedBodyIsAccepted() {
        var response = http.post("/paint", "{\"schema_version\":\"v1\",\"colour\":\"RED\",\"litres\":3}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(response).get("litres").asInt()).isEqualTo(3);
    }

    @Test
    void malformedJsonIsA400WithTheReason() {
        var response = http.post("/paint", "{\"schema_version\":\"v1\",");

        assertError(response, 400, "malformed_json");
    }

    @Test
    void aDuplicateKeyIsMalformed() {
        var response = http.post("/paint", "{\"schema_version\":\"v1\",\"colour\":\"RED\",\"litres\":1,\"litres\":2}");

        assertError(response, 400, "malformed_json");
        assertThat(message(response)).contains("litres");
    }

    @Test
    void aWrongTypeIsA400NamingTheField() {
        var response = http.post("/paint", "{\"schema_version\":\"v1\",\"colour\":\"RED\",\"litres\":\"three\"}");

        assertError(response, 400, "invalid_type");
        assertThat(message(response)).contains("litres").contains("int");
    }

    @Test
    void anUnknownEnumValueIsA400ListingTheAllowedOnes() {
        var response = http.post("/paint", "{\"schema_version\":\"v1\",\"colour\":\"MAUVE\",\"litres\":1}");

        assertError(response, 400, "invalid_value");
        assertThat(message(response)).contains("MAUVE").contains("RED").contains("GREEN");
    }

    @Test
    void anUnknownVersionIsA400WithTheValidatorsMessage() {
        var response = http.post("/paint", "{\"schema_version\":\"v9\",\"colour\":\"RED\",\"litres\":1}");

        assertError(response, 400, "invalid_value");
        assertThat(message(response)).contains("unknown schema_version 'v9'");
    }

    @Test
    void anUnknownFieldIsA400NamingIt() {
        var response =
                http.post("/paint", "{\"schema_version\":\"v1\",\"colour\":\"RED\",\"litres\":1,\"gloss\":true}");

        assertError(response, 400, "unknown_field");
        assertThat(message(response)).contains("gloss");
    }

    @Test
    void anInvalidPathParameterIsA400() {
        var response = http.get("/count/many");

        assertError(response, 400, "invalid_parameter");
        assertThat(message(response)).contains("n");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        var response = http.post("/paint", "{\"schema_version\":\"" + "v".repeat(4096) + "\"}");

        assertError(response, 413, "body_too_large");
    }

    @Test
    void anUnknownRouteIsAJson404() {
        var response = http.get("/no/such/route");

        assertError(response, 404, "not_found");
        assertThat(message(response)).contains("GET /no/such/route");
    }

    @Test
    void aWrongMethodIsAJson405() {
        var response = http.get("/paint");

        assertError(response, 405, "method_not_allowed");
    }

    @Test
    void anUnexpectedFailureIsAGeneric500WithoutTheExceptionText() {
        var response = http.get("/broken");

        assertError(response, 500, "internal_error");
        assertThat(response.body())
                .doesNotContain("hunter2")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at dev.cairn");
    }

    @Test
    void theLogLineOfAnErrorCarriesItsErrorIdSessionIdAndStackTrace() {
        HttpResponse<String> response;
        List<ILoggingEvent> events;
        try (var log = new LogCapture(ApiErrors.class)) {
            response = http.get("/broken", Map.of(SessionIds.HEADER, "session-42"));
            events = log.events();
        }
        JsonNode body = TestHttp.json(response);
        assertThat(events).hasSize(1);
        ILoggingEvent event = events.getFirst();
        assertThat(LogCapture.keyValues(event))
                .containsEntry("error_id", body.get("error_id").asText())
                .containsEntry("session_id", "session-42")
                .containsEntry("status", "500")
                .containsEntry("code", "internal_error");
        assertThat(event.getThrowableProxy().getMessage()).contains("hunter2");
    }

    @Test
    void eachErrorGetsAFreshErrorId() {
        String first = TestHttp.json(http.get("/refused")).get("error_id").asText();
        String second = TestHttp.json(http.get("/refused")).get("error_id").asText();

        assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
    }

    @Test
    void aValidSessionIdIsKeptAndEchoed() {
        var response = http.get("/refused", Map.of(SessionIds.HEADER, "abc.DEF_1:2-3"));

        assertThat(TestHttp.json(response).get("session_id").asText()).isEqualTo("abc.DEF_1:2-3");
        assertThat(response.headers().firstValue(SessionIds.HEADER)).hasValue("abc.DEF_1:2-3");
    }

    @Test
    void anUnsafeSessionIdIsReplacedByAGeneratedOne() {
        var response = http.get("/refused", Map.of(SessionIds.HEADER, "x\"; drop table"));

        String sessionId = TestHttp.json(response).get("session_id").asText();
        assertThat(sessionId).matches("[0-9a-f]{32}");
        assertThat(response.headers().firstValue(SessionIds.HEADER)).hasValue(sessionId);
    }

    @Test
    void anOverlongSessionIdIsReplaced() {
        var response = http.get("/refused", Map.of(SessionIds.HEADER, "a".repeat(129)));

        assertThat(TestHttp.json(response).get("session_id").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void successfulResponsesEchoTheSessionIdToo() {
        var response = http.get("/count/3", Map.of(SessionIds.HEADER, "s-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(SessionIds.HEADER)).hasValue("s-1");
    }

    private static String message(HttpResponse<String> response) {
        return TestHttp.json(response).get("message").asText();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = TestHttp.json(response);
        assertThat(body.properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("code", "message", "error_id", "session_id");
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("error_id").asText()).matches("[0-9a-f]{32}");
        assertThat(body.get("session_id").asText())
                .isEqualTo(response.headers().firstValue(SessionIds.HEADER).orElseThrow());
    }
}
