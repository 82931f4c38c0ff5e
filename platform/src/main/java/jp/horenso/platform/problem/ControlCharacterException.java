package jp.horenso.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A JSON string holding a control character (other than tab, line feed and carriage return). */
public class ControlCharacterException extends JsonMappingException {

    public ControlCharacterException(JsonParser parser) {
        super(parser, "control character in a text value");
    }
}
