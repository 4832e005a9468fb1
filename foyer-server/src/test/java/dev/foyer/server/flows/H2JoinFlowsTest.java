package dev.foyer.server.flows;

import dev.foyer.server.testing.TestServer;

class H2JoinFlowsTest extends JoinFlowsContract {
    @Override
    TestServer startServer() {
        return TestServer.h2();
    }
}
