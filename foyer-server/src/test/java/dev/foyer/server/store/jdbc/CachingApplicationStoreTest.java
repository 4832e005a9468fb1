package dev.foyer.server.store.jdbc;

import static dev.foyer.server.store.jdbc.StoreFixtures.application;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.server.app.Application;
import dev.foyer.server.store.ApplicationStore;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link CachingApplicationStore} answers from memory and what it reads again. A row changed
 * behind the store's back, as another process would, tells the two apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachingApplicationStoreTest {
    private final SecondConnection db = new SecondConnection();
    private final JdbcStores stores = db.stores();

    @AfterAll
    void close() {
        db.close();
    }

    private ApplicationStore apps() {
        return stores.applications();
    }

    private void renameBehindItsBack(Application app, String name) throws SQLException {
        assertThat(db.update("UPDATE applications SET name = ? WHERE id = ?", name, app.id().value()))
                .as("rows updated").isEqualTo(1);
    }

    @Test
    void anApplicationReadAMomentAgoIsNotReadAgainUntilAWriteThroughTheStore() throws Exception {
        Application app = application();
        apps().insert(app);
        assertThat(apps().find(app.id())).contains(app);

        renameBehindItsBack(app, "Renamed elsewhere");
        assertThat(apps().find(app.id())).as("remembered").contains(app);
        assertThat(apps().findByIdOrName(app.id().value()).orElseThrow().name()).as("always read")
                .isEqualTo("Renamed elsewhere");

        assertThat(apps().updateSettings(app.id(), List.of("https://new.example"), null)).isTrue();
        Application updated = apps().find(app.id()).orElseThrow();
        assertThat(updated.name()).isEqualTo("Renamed elsewhere");
        assertThat(updated.allowedOrigins()).containsExactly("https://new.example");

        assertThat(apps().delete(app.id())).isTrue();
        assertThat(apps().find(app.id())).isEmpty();
    }

    @Test
    void whatATransactionReadsIsNotRemembered() throws Exception {
        Application app = application();
        apps().insert(app);
        assertThatThrownBy(() -> stores.inTransaction(() -> {
            apps().updateClientSecretHash(app.id(), "about to roll back");
            assertThat(apps().find(app.id()).orElseThrow().clientSecretHash()).isEqualTo("about to roll back");
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(apps().find(app.id())).contains(app);
    }
}
