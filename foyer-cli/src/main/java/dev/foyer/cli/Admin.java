package dev.foyer.cli;

import dev.foyer.server.store.Stores;
import dev.foyer.server.store.jdbc.JdbcStores;

/** Opens the same storage the server uses (an embedded database may be open in a running server). */
final class Admin {
    private Admin() {}

    static Stores open(StorageOptions storage) {
        return JdbcStores.open(storage.builder().build());
    }
}
