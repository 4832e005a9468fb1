package dev.foyer.server.live.runtime;

import dev.foyer.server.store.Stores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/** Stores that count the transactions begun through them, for tests of what shares a commit. */
final class TransactionCounting {
    private TransactionCounting() {}

    static Stores wrap(Stores stores, AtomicInteger transactions) {
        return (Stores) Proxy.newProxyInstance(TransactionCounting.class.getClassLoader(),
                new Class<?>[] {Stores.class}, (proxy, method, args) -> {
                    if (method.getName().equals("inTransaction")) {
                        transactions.incrementAndGet();
                    }
                    try {
                        return method.invoke(stores, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
