package dev.irm.runbook;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Set;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/** JEXL's restricted permissions, minus every way to a {@link Class}: no getClass(), nothing on Class, ClassLoader or Thread. */
final class NoReflection implements JexlPermissions {
    private static final Set<Class<?>> DENIED = Set.of(Class.class, ClassLoader.class, Thread.class, Runtime.class,
            System.class, ProcessBuilder.class, Object.class);

    private final JexlPermissions base;

    NoReflection(JexlPermissions base) {
        this.base = base;
    }

    @Override
    public boolean allow(Class<?> clazz) {
        return !DENIED.contains(clazz) && base.allow(clazz);
    }

    @Override
    public boolean allow(Constructor<?> ctor) {
        return false;
    }

    @Override
    public boolean allow(Field field) {
        return !DENIED.contains(field.getDeclaringClass()) && base.allow(field);
    }

    @Override
    public boolean allow(Method method) {
        return !DENIED.contains(method.getDeclaringClass()) && !method.getName().equals("getClass") && base.allow(method);
    }

    @Override
    public boolean allow(Package pack) {
        return base.allow(pack);
    }

    @Override
    public JexlPermissions compose(String... src) {
        return new NoReflection(base.compose(src));
    }
}
