package jp.horenso.notification.recipient.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import jp.horenso.notification.recipient.RecipientChannel;
import jp.horenso.platform.security.Organisation;

/** Stores the channels of each person, by (organisation, username). */
@ApplicationScoped
public class RecipientChannelRepository implements PanacheRepository<RecipientChannel> {

    /** A person's channels in route order. */
    public List<RecipientChannel> listFor(Organisation organisation, String username) {
        return list("organisation = ?1 and username = ?2 order by position", organisation.code(), username);
    }

    /** The first channel of a person after route position {@code position}. */
    public Optional<RecipientChannel> firstAfter(Organisation organisation, String username, int position) {
        return find(
                        "organisation = ?1 and username = ?2 and position > ?3 order by position",
                        organisation.code(),
                        username,
                        position)
                .firstResultOptional();
    }

    /** Removes every channel of a person (before writing the new list). */
    public void deleteFor(Organisation organisation, String username) {
        delete("organisation = ?1 and username = ?2", organisation.code(), username);
    }
}
