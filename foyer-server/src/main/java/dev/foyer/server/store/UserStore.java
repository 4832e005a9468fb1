package dev.foyer.server.store;

import dev.foyer.server.user.User;
import dev.foyer.server.user.UserId;
import java.util.List;
import java.util.Optional;

/** Users of the User API. User names are unique; a taken one throws {@link DuplicateException}. */
public interface UserStore {
    void insert(User user);

    Optional<User> find(UserId id);

    Optional<User> findByUserName(String userName);

    /** The user whose personal access token hashes to {@code tokenHash}. */
    Optional<User> findByTokenHash(String tokenHash);

    /** All users, oldest first. */
    List<User> list();

    /** Replaces (or with null, revokes) the token hash; false when the user does not exist. */
    boolean updateTokenHash(UserId id, String tokenHash);
}
