package org.mqbook.remoting.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.mqbook.remoting.annotation.CFNotNull;
import org.mqbook.remoting.exception.RemotingCommandException;

/**
 * The reflection behind custom headers: which fields of a header class travel (non-static,
 * non-synthetic, declared by a superclass or the class, in that order), whether each is
 * {@code @CFNotNull}, and how a string from {@code extFields} becomes the field's value.
 *
 * <p>Thread-safe: the per-class field lists and constructors are computed once and cached in
 * {@link ClassValue}s.
 * Read next: {@link RemotingCommand#decodeCommandCustomHeader(Class)}, the only caller.
 */
final class HeaderFields {

    /** One header field, made accessible once. */
    record HeaderField(Field field, boolean required) {
        String name() {
            return field.getName();
        }
    }

    // TODO K2: reflection is looked up once per header class; decoding runs for every request.
    private static final ClassValue<List<HeaderField>> CACHE = new ClassValue<>() {
        @Override
        protected List<HeaderField> computeValue(Class<?> type) {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                chain.add(0, c);
            }
            // TODO K2: superclass fields first, in declaration order: extFields is a HashMap,
            // and keys sharing a bucket iterate in insertion order, so order shapes the bytes.
            List<HeaderField> fields = new ArrayList<>();
            for (Class<?> c : chain) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                        continue;
                    }
                    field.setAccessible(true);
                    fields.add(new HeaderField(field, field.isAnnotationPresent(CFNotNull.class)));
                }
            }
            return List.copyOf(fields);
        }
    };

    private HeaderFields() {
    }

    static List<HeaderField> of(Class<?> headerClass) {
        return CACHE.get(headerClass);
    }

    static Object get(HeaderField f, Object header) {
        try {
            return f.field().get(header);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read header field " + f.name(), e);
        }
    }

    /** Parses {@code text} by the field's type and stores it; a bad number names field and code. */
    static void set(HeaderField f, Object header, String text, int code)
        throws RemotingCommandException {
        Class<?> type = f.field().getType();
        Object value;
        try {
            if (type == String.class) {
                value = text;
            } else if (type == Integer.class || type == int.class) {
                value = Integer.parseInt(text);
            } else if (type == Long.class || type == long.class) {
                value = Long.parseLong(text);
            } else if (type == Boolean.class || type == boolean.class) {
                value = Boolean.parseBoolean(text);
            } else if (type == Double.class || type == double.class) {
                value = Double.parseDouble(text);
            } else {
                throw new RemotingCommandException("the custom field <" + f.name() + "> has type "
                    + type.getName() + ", which a header cannot carry (command code " + code + ")");
            }
        } catch (NumberFormatException e) {
            throw new RemotingCommandException("the custom field <" + f.name() + "> value \"" + text
                + "\" is not a " + type.getSimpleName() + " (command code " + code + ")", e);
        }
        try {
            f.field().set(header, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot write header field " + f.name(), e);
        }
    }

    // TODO K2: every request and every response builds a header object; looking the
    // constructor up each time copied it and checked access anew per command
    private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            try {
                Constructor<?> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                return constructor;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    static <T> T newInstance(Class<T> type) {
        Constructor<?> constructor = CONSTRUCTORS.get(type);
        try {
            if (constructor == null) {
                throw new NoSuchMethodException(type.getName() + ".<init>()");
            }
            return type.cast(constructor.newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("header class " + type.getName()
                + " needs a no-argument constructor", e);
        }
    }
}
