package dev.foyer.cli;

import dev.foyer.server.store.Stores;
import dev.foyer.server.token.SigningKeys;
import dev.foyer.server.token.StoredSigningKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

// "30 seconds" is FoyerServer.SIGNING_KEYS_RELOAD_INTERVAL; an annotation takes only constants.
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Manage the keys that sign Foyer's tokens.",
            "Running servers pick up a change within 30 seconds."},
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.Rotate.class, KeysCommand.Retire.class})
final class KeysCommand {
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List signing keys, retired ones included, oldest first.")
    static final class ListKeys extends AdminCommand {
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        int run(Stores stores) {
            Output.printRows(out(), json, rows(stores.signingKeys().listAll()));
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a key that signs new tokens from now on; older keys keep verifying theirs.")
    static final class Rotate extends AdminCommand {
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        int run(Stores stores) {
            String kid = new SigningKeys(stores.signingKeys(), Clock.systemUTC()).rotate();
            StoredSigningKey key = stores.signingKeys().listAll().stream()
                    .filter(k -> k.kid().equals(kid)).findFirst().orElseThrow();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("kid", key.kid());
            out.put("createdAt", key.createdAt().toString());
            Output.print(out(), json, out);
            return 0;
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Withdraw a key: it neither signs nor verifies, so the tokens it signed stop working.")
    static final class Retire extends AdminCommand {
        @Parameters(paramLabel = "KID", description = "The key id, as shown by 'foyer keys list' (write '--' before"
                + " a KID that starts with '-', as keys made by earlier builds could).") String kid;

        @Override
        int run(Stores stores) {
            SigningKeys keys = new SigningKeys(stores.signingKeys(), Clock.systemUTC());
            boolean retired;
            try {
                retired = keys.retire(kid);
            } catch (IllegalStateException onlyKey) {
                err().println("foyer: " + onlyKey.getMessage());
                return 1;
            }
            if (!retired) {
                err().println("foyer: no unretired signing key " + kid);
                return 1;
            }
            out().println("retired " + kid + "; " + keys.signingKeyId() + " signs");
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
