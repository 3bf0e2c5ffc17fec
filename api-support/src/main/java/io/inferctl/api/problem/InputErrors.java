package io.inferctl.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Spring MVC's refusals of a request's shape, each turned into the {@link FieldError}s of our answer:
 * the header, parameter or body field at fault as the client wrote it, and why, in words a person can
 * act on. Every service's exception handler reads them the same way.
 */
public final class InputErrors {

    private static final String BODY = "body";

    private InputErrors() {
    }

    /** A required header or query parameter that was not sent, or empty when {@code e} is neither. */
    public static Optional<FieldError> missing(Exception e) {
        if (e instanceof MissingRequestHeaderException header) {
            return Optional.of(new FieldError(header.getHeaderName(), "is required"));
        }
        if (e instanceof MissingServletRequestParameterException parameter) {
            return Optional.of(new FieldError(parameter.getParameterName(), "is required"));
        }
        return Optional.empty();
    }

    /** A path variable or parameter that does not convert to its type. */
    public static FieldError typeMismatch(MethodArgumentTypeMismatchException e) {
        return new FieldError(e.getName(), "must be " + describe(e.getRequiredType()));
    }

    /** Why a body could not be read as the API's JSON, from the reader's cause. */
    public static FieldError unreadable(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(path(unknown), "is not a known field");
        }
        if (cause instanceof InvalidFormatException invalid) {
            return new FieldError(path(invalid), "must be " + describe(invalid.getTargetType()));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return new FieldError(path(mismatched), "must be " + describe(mismatched.getTargetType()));
        }
        if (cause instanceof JsonProcessingException json && !(cause instanceof JsonMappingException)) {
            return new FieldError(BODY, "is not valid JSON: " + json.getOriginalMessage());
        }
        return new FieldError(BODY, "is required and must be a JSON object");
    }

    /** A {@code @Valid} body's violations, in the order its record declares the fields. */
    public static List<FieldError> invalid(MethodArgumentNotValidException e) {
        return fieldErrors(e.getBindingResult().getTarget(), e.getBindingResult().getFieldErrors());
    }

    /** Violations of constraints on the handler's parameters and of the bodies they hold. */
    public static List<FieldError> invalid(HandlerMethodValidationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors nested) {
                errors.addAll(fieldErrors(nested.getArgument(), nested.getFieldErrors()));
            } else {
                String name = parameterName(result);
                result.getResolvableErrors().forEach(error -> errors.add(new FieldError(name, message(error))));
            }
        }
        return errors;
    }

    /** One line naming every field at fault, for a problem's {@code detail}. */
    public static String detail(List<FieldError> errors) {
        return errors.stream().map(error -> error.field() + ": " + error.reason()).collect(Collectors.joining("; "));
    }

    /** How a client should write a value of {@code type}, after "must be". */
    public static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a JSON " + (type.isRecord() || Map.class.isAssignableFrom(type) ? "object" : "value");
    }

    private static List<FieldError> fieldErrors(Object target,
                                                List<org.springframework.validation.FieldError> violations) {
        // Bean Validation reports violations in no particular order; a client reading errors[0]
        // should get the same first error every time, the first field of the request at fault.
        List<String> order = target != null && target.getClass().isRecord()
                ? Arrays.stream(target.getClass().getRecordComponents()).map(c -> c.getName()).toList()
                : List.of();
        return violations.stream()
                .sorted(Comparator.comparingInt(error -> position(order, error.getField())))
                .map(error -> new FieldError(error.getField(), message(error)))
                .toList();
    }

    private static int position(List<String> order, String field) {
        int dot = field.indexOf('.');
        int at = order.indexOf(dot < 0 ? field : field.substring(0, dot));
        return at < 0 ? order.size() : at;
    }

    private static String parameterName(ParameterValidationResult result) {
        RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        String name = result.getMethodParameter().getParameterName();
        return name == null ? "parameter " + result.getMethodParameter().getParameterIndex() : name;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
