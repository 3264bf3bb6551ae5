package dev.eventmart.support.web;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Query parameters and path variables read only in their plain form: an enum its exact constant name, a whole
 * number decimal ASCII digits, an instant ISO-8601, a UUID its 36 characters. Anything else is a type mismatch, which Spring MVC answers with
 * a {@code 400} problem detail naming the parameter; an empty value still means "not given".
 *
 * <p>Spring's binding is lenient in ways an API should not be: numbers go through {@code NumberUtils}, so
 * {@code page=0x10} is page 16; an instant may be a count of milliseconds; an enum name and a UUID are trimmed first,
 * so {@code status=%00} becomes no filter at all and lists everything. Converters registered with the conversion
 * service do not help: when one refuses a value, the data binder falls back to its default property editors, which
 * are exactly those lenient readings. Custom editors come before both, so these are editors.
 */
@ControllerAdvice
class StrictParameters {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @InitBinder
    void readPlainFormsOnly(WebDataBinder binder) {
        Editor integers = new Editor(text -> Integer.valueOf(matching(WHOLE_NUMBER, text)));
        Editor longs = new Editor(text -> Long.valueOf(matching(WHOLE_NUMBER, text)));
        binder.registerCustomEditor(int.class, integers);
        binder.registerCustomEditor(Integer.class, integers);
        binder.registerCustomEditor(long.class, longs);
        binder.registerCustomEditor(Long.class, longs);
        binder.registerCustomEditor(Instant.class, new Editor(Instant::parse));
        binder.registerCustomEditor(UUID.class, new Editor(text -> UUID.fromString(matching(UUID_TEXT, text))));
        // An editor does not learn which enum it reads for: it hands the name on only when there is nothing to
        // trim, and the binder then takes the constant of exactly that name or refuses it.
        binder.registerCustomEditor(Enum.class, new Editor(text -> matching(NAME, text)));
    }

    private static String matching(Pattern pattern, String text) {
        if (!pattern.matcher(text).matches()) {
            throw new IllegalArgumentException("not in its plain form");
        }
        return text;
    }

    /**
     * Reads a non-empty text with {@code read}; an empty one is no value. Whatever {@code read} throws becomes the
     * {@link IllegalArgumentException} the binder turns into a type mismatch ({@code Instant.parse} throws a
     * {@code DateTimeParseException}, which would otherwise reach the client as a {@code 500}).
     */
    private static final class Editor extends PropertyEditorSupport {

        private final Function<String, Object> read;

        Editor(Function<String, Object> read) {
            this.read = read;
        }

        @Override
        public void setAsText(String text) {
            try {
                setValue(text == null || text.isEmpty() ? null : read.apply(text));
            }
            catch (IllegalArgumentException ex) {
                throw ex;
            }
            catch (RuntimeException ex) {
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
        }
    }
}
