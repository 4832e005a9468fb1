package dev.foyer.server.store.jdbc;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds {@link Instant} as a UTC {@code OffsetDateTime}, the JDBC 4.2 type that H2 and PostgreSQL
 * both map to {@code TIMESTAMP WITH TIME ZONE} without consulting the JVM's time zone.
 */
final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    InstantArgumentFactory() {
        super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        return (position, statement, context) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
    }
}
