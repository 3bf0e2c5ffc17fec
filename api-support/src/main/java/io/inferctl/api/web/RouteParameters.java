package io.inferctl.api.web;

import org.springframework.beans.BeanUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters a handler method binds, as Spring MVC resolves them: {@code @RequestParam}
 * (named, or by the Java parameter's name), a simple type with no annotation (bound like
 * {@code @RequestParam}), and the properties of a {@code @ModelAttribute}. A route that binds query
 * parameters into an object says so with {@code @ModelAttribute}: an unannotated record may as well
 * be one of a service's own resolved arguments (command-service's {@code MutationRequest} is), whose
 * components are no parameters.
 */
final class RouteParameters {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();
    private static final String BINDING_PACKAGE = RequestParam.class.getPackageName();

    private RouteParameters() {
    }

    /** The names, sorted; empty when the handler takes every parameter (a {@code Map} of them). */
    static Optional<Set<String>> of(HandlerMethod handler) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter declared : handler.getMethodParameters()) {
            MethodParameter parameter = declared.clone();
            parameter.initParameterNameDiscovery(NAMES);
            Class<?> type = parameter.getParameterType();
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null) {
                if (Map.class.isAssignableFrom(type) && !StringUtils.hasText(requestParam.name())) {
                    return Optional.empty();
                }
                names.add(StringUtils.hasText(requestParam.name()) ? requestParam.name() : parameter.getParameterName());
            } else if (parameter.hasParameterAnnotation(ModelAttribute.class)) {
                names.addAll(properties(type));
            } else if (!hasBindingAnnotation(parameter) && BeanUtils.isSimpleProperty(type)) {
                names.add(parameter.getParameterName());
            }
        }
        return Optional.of(names);
    }

    /** The names bound to an array or a collection, which a client may give more than once. */
    static Set<String> repeatable(HandlerMethod handler) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter declared : handler.getMethodParameters()) {
            MethodParameter parameter = declared.clone();
            parameter.initParameterNameDiscovery(NAMES);
            Class<?> type = parameter.getParameterType();
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null && (type.isArray() || Collection.class.isAssignableFrom(type))) {
                names.add(StringUtils.hasText(requestParam.name()) ? requestParam.name() : parameter.getParameterName());
            }
        }
        return names;
    }

    /** OpenAPI's {@code @Parameter} and the like change nothing in how Spring binds an argument. */
    private static boolean hasBindingAnnotation(MethodParameter parameter) {
        return Arrays.stream(parameter.getParameterAnnotations())
                .anyMatch(annotation -> annotation.annotationType().getPackageName().equals(BINDING_PACKAGE));
    }

    private static Set<String> properties(Class<?> type) {
        Set<String> names = new TreeSet<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                names.add(component.getName());
            }
            return names;
        }
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getWriteMethod() != null) {
                names.add(property.getName());
            }
        }
        return names;
    }
}
