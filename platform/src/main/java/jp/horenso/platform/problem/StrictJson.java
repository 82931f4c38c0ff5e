package jp.horenso.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
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
 * stored). Events are read leniently about unknown fields (see {@code CloudEvents}), so producers can add fields.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.registerModule(new SimpleModule("horenso-strict-text").addDeserializer(String.class, new Text()));
    }

    /** The standard string reader, refusing C0 control characters except tab, line feed and carriage return. */
    static final class Text extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
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
