package dev.foyer.cli;

import dev.foyer.server.store.Stores;
import dev.foyer.server.user.NewUser;
import dev.foyer.server.user.User;
import dev.foyer.server.user.UserService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage users of the User API (staff who schedule meetings).",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.RevokeToken.class,
            UserCommand.RotateToken.class})
final class UserCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a user and print its personal access token (shown once; stored hashed).")
    static final class Create extends AdminCommand {
        @Parameters(paramLabel = "USERNAME", description = "Lower-case handle used in meeting URLs.") String userName;
        @Option(names = "--display-name", paramLabel = "NAME", description = "Name shown to others.") String displayName;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        int run(Stores stores) {
            NewUser created = new UserService(stores.users(), Clock.systemUTC()).create(userName, displayName);
            Output.print(out(), json, tokenFields(created));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers extends AdminCommand {
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        int run(Stores stores) {
            List<Map<String, Object>> rows = stores.users().list().stream().map(UserCommand::row).toList();
            Output.printRows(out(), json, rows);
            return 0;
        }
    }

    @Command(name = "revoke-token", mixinStandardHelpOptions = true,
            description = "Revoke the user's personal access token; the User API refuses it from now on.")
    static final class RevokeToken extends AdminCommand {
        @Parameters(paramLabel = "USERNAME") String userName;

        @Override
        int run(Stores stores) {
            User user = new UserService(stores.users(), Clock.systemUTC()).revokeToken(userName);
            out().println("revoked the token of " + user.userName());
            return 0;
        }
    }

    @Command(name = "rotate-token", mixinStandardHelpOptions = true,
            description = "Issue a new personal access token for the user, replacing the old one.")
    static final class RotateToken extends AdminCommand {
        @Parameters(paramLabel = "USERNAME") String userName;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        int run(Stores stores) {
            NewUser rotated = new UserService(stores.users(), Clock.systemUTC()).rotateToken(userName);
            Output.print(out(), json, tokenFields(rotated));
            return 0;
        }
    }

    private static Map<String, Object> tokenFields(NewUser u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", u.user().id().value());
        out.put("userName", u.user().userName());
        out.put("displayName", u.user().displayName());
        out.put("token", u.token());
        return out;
    }

    private static Map<String, Object> row(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", u.id().value());
        m.put("userName", u.userName());
        m.put("displayName", u.displayName());
        m.put("hasToken", u.tokenHash() != null);
        m.put("createdAt", u.createdAt().toString());
        return m;
    }
}
