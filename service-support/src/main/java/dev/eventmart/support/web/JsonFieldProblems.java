package dev.eventmart.support.web;

import dev.eventmart.support.web.ValidationProblems.FieldProblem;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Names the field of a JSON body that has the wrong type ({@code "quantity": 1.5}, {@code "status": "LOST"}), in
 * the form Bean Validation uses ({@code items[0].quantity}), and what it must be. Nothing of the value is echoed.
 */
public final class JsonFieldProblems {

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Byte.class, byte.class, Short.class, short.class,
            Integer.class, int.class, Long.class, long.class, BigInteger.class);

    private JsonFieldProblems() {
    }

    /** The field, by its path in the JSON read (empty for the document itself), and what it must be. */
    public static FieldProblem of(MismatchedInputException mismatch) {
        return new FieldProblem(path(mismatch), expected(mismatch.getTargetType()));
    }

    private static String path(MismatchedInputException mismatch) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : mismatch.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "must be an object";
    }
}
