package jp.horenso.escalation.chain.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.horenso.escalation.chain.Chain;
import jp.horenso.escalation.chain.ChainDefinition;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.chain.repository.ChainDefinitionRepository;

/** The organisations' chains, read from {@code chain_definition} and kept parsed (versions never change). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ChainCatalog {

    private final ChainDefinitionRepository definitions;
    private final ObjectMapper mapper;
    private final Map<String, Chain> parsed = new ConcurrentHashMap<>();

    public ChainCatalog(ChainDefinitionRepository definitions, ObjectMapper mapper) {
        this.definitions = definitions;
        this.mapper = mapper;
    }

    /** The chain new cases of {@code organisation} start on; empty for an organisation without a chain. */
    public Optional<Chain> current(String organisation) {
        return definitions.latest(organisation).map(this::parse);
    }

    /** The version a running case was started on. */
    public Chain version(String organisation, int version) {
        Chain chain = parsed.get(key(organisation, version));
        if (chain != null) {
            return chain;
        }
        return parse(definitions
                .findVersion(organisation, version)
                .orElseThrow(() -> new IllegalStateException("chain " + organisation + " v" + version + " is gone")));
    }

    /** The JSON stored for a chain document. */
    public String toJson(ChainDocument document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write chain document", e);
        }
    }

    private Chain parse(ChainDefinition definition) {
        return parsed.computeIfAbsent(key(definition.organisation(), definition.version()), k -> {
            try {
                ChainDocument document = mapper.readValue(definition.definition(), ChainDocument.class);
                return Chain.of(definition.organisation(), definition.version(), document);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("chain " + k + " is not readable", e);
            }
        });
    }

    private static String key(String organisation, int version) {
        return organisation + "#" + version;
    }
}
