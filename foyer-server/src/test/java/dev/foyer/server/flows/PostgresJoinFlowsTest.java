package dev.foyer.server.flows;

import dev.foyer.server.testing.TestServer;
import java.util.function.UnaryOperator;

class PostgresJoinFlowsTest extends JoinFlowsContract {
    @Override
    TestServer startServer() {
        return TestServer.postgres(UnaryOperator.identity());
    }
}
