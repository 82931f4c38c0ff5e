package jp.horenso.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every service reads request bodies strictly: an unknown field is refused (a typo such as {@code "onTimout"} must
 * not be saved as a chain that never escalates), and so is a text holding a control character (NUL cannot even be
 * stored). A field named twice is refused too, and so is anything after the body's one JSON value (which of the two would count?), and so is a number or a boolean where
 * a text belongs ({@code "comment": true} is a client's mistake, not the text "true"). Events are read leniently
 * about unknown fields (see {@code CloudEvents}), so producers can add fields.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // A body is one JSON value: "{...}}" or "{...} trailing" is refused, not read up to its first value.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // Without it a record (read through its constructor) given a field twice fails as a definition error: 500.
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("horenso-strict-text").addDeserializer(String.class, new Text()));
    }

    /** The standard string reader, refusing C0 control characters except tab, line feed and carriage return. */
    static final class Text extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_TRUE
                    || token == JsonToken.VALUE_FALSE
                    || token == JsonToken.VALUE_NUMBER_INT
                    || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = super.deserialize(parser, context);
            if (value != null && hasControlCharacter(value)) {
                throw new ControlCharacterException(parser);
            }
            return value;
        }
    }

    /** Whether {@code value} holds a C0 control character other than tab, LF and CR, or DEL. */
    public static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
