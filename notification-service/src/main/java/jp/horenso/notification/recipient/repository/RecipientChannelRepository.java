package jp.horenso.notification.recipient.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import jp.horenso.notification.recipient.RecipientChannel;

/** Stores the channels of each person. */
@ApplicationScoped
public class RecipientChannelRepository implements PanacheRepository<RecipientChannel> {

    /** A person's channels in route order. */
    public List<RecipientChannel> listFor(String username) {
        return list("username = ?1 order by position", username);
    }

    /** The first channel of a person after route position {@code position}. */
    public Optional<RecipientChannel> firstAfter(String username, int position) {
        return find("username = ?1 and position > ?2 order by position", username, position)
                .firstResultOptional();
    }

    /** Removes every channel of a person (before writing the new list). */
    public void deleteFor(String username) {
        delete("username", username);
    }
}
