package jp.horenso.escalation.chain.validation;

import jp.horenso.platform.problem.Message;

/**
 * One thing wrong with a chain document, and where: {@code field} is a path into the document such as
 * {@code steps[2].onTimeout[0]}; {@code line} is the line of an imported directory's unit the problem is about
 * (null otherwise).
 */
public record ChainError(String field, Integer line, Message message) {

    public ChainError(String field, Message message) {
        this(field, null, message);
    }
}
