package dev.foyer.cli;

import dev.foyer.server.store.Stores;
import dev.foyer.server.token.SigningKeys;
import dev.foyer.server.token.StoredSigningKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

// "30 seconds" is FoyerServer.SIGNING_KEYS_RELOAD_INTERVAL; an annotation takes only constants.
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Manage the keys that sign Foyer's tokens.",
            "Running servers pick up a change within 30 seconds."},
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.Rotate.class, KeysCommand.Retire.class})
final class KeysCommand {
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List signing keys, retired ones included, oldest first.")
    static final class ListKeys implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StorageOptions storage;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            try (Stores stores = Admin.open(storage)) {
                Output.printRows(spec.commandLine().getOut(), json, rows(stores.signingKeys().listAll()));
            }
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a key that signs new tokens from now on; older keys keep verifying theirs.")
    static final class Rotate implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StorageOptions storage;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            try (Stores stores = Admin.open(storage)) {
                String kid = new SigningKeys(stores.signingKeys(), Clock.systemUTC()).rotate();
                StoredSigningKey key = stores.signingKeys().listAll().stream()
                        .filter(k -> k.kid().equals(kid)).findFirst().orElseThrow();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("kid", key.kid());
                out.put("createdAt", key.createdAt().toString());
                Output.print(spec.commandLine().getOut(), json, out);
            }
            return 0;
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Withdraw a key: it neither signs nor verifies, so the tokens it signed stop working.")
    static final class Retire implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StorageOptions storage;
        @Parameters(paramLabel = "KID", description = "The key id, as shown by 'foyer keys list'.") String kid;

        @Override
        public Integer call() {
            try (Stores stores = Admin.open(storage)) {
                SigningKeys keys = new SigningKeys(stores.signingKeys(), Clock.systemUTC());
                boolean retired;
                try {
                    retired = keys.retire(kid);
                } catch (IllegalStateException onlyKey) {
                    spec.commandLine().getErr().println("foyer: " + onlyKey.getMessage());
                    return 1;
                }
                if (!retired) {
                    spec.commandLine().getErr().println("foyer: no unretired signing key " + kid);
                    return 1;
                }
                spec.commandLine().getOut().println("retired " + kid + "; " + keys.signingKeyId() + " signs");
            }
            return 0;
        }
    }

    /**
     * One row per key. The signer is the newest unretired key, the last in the store's order, as in
     * {@link SigningKeys}; found here without loading the ring, which would create a key in an empty store.
     */
    private static List<Map<String, Object>> rows(List<StoredSigningKey> keys) {
        String signer = keys.stream().filter(k -> k.retiredAt() == null).reduce((a, b) -> b)
                .map(StoredSigningKey::kid).orElse(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoredSigningKey k : keys) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kid", k.kid());
            m.put("createdAt", k.createdAt().toString());
            m.put("retiredAt", k.retiredAt() == null ? null : k.retiredAt().toString());
            m.put("signing", k.kid().equals(signer));
            rows.add(m);
        }
        return rows;
    }
}
