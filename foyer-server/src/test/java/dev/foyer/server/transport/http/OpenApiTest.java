package dev.foyer.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI description and the server's route table name exactly the same endpoints. */
class OpenApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        Api.Response served = server.api().get("/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(served.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.1");

        Set<String> documented = new TreeSet<>();
        Iterator<String> paths = doc.get("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            Iterator<String> methods = doc.get("paths").get(path).fieldNames();
            while (methods.hasNext()) {
                String method = methods.next();
                if (Set.of("get", "put", "post", "delete", "options", "patch", "head").contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        Set<String> registered = new TreeSet<>();
        for (ApiRoute route : HttpApi.routes(server.server().services(),
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT))) {
            registered.add(route.method().name() + " " + route.path());
        }
        assertThat(documented).as("documented routes").containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void everyDocumentedRouteAnswersSomethingOtherThanNoRoute() {
        for (ApiRoute route : HttpApi.routes(server.server().services(),
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT))) {
            String path = route.path().replace("{appId}", "app_0000000000000000")
                    .replace("{onlineMeetingId}", "0123456789ABC").replace("{organizer}", "nobody")
                    .replace("{participantId}", "p_nobody").replace("{eventId}", "evt_nobody")
                    .replace("{asset}", "foyer.js");
            Api.Response r = server.api().send(route.method().name(), path, null);
            assertThat(r.status()).as(route.method() + " " + path).isLessThan(500);
            if (r.status() == 404) {
                assertThat(r.errorCode()).as(route.method() + " " + path).isNotEqualTo("not_found");
            }
        }
    }
}
