package dev.irm.connector;

/**
 * Actions an application package adds to a generic target, found with {@link java.util.ServiceLoader}
 * by the target's own sub-interface (e.g. {@code MySqlActionProvider}): the reference app's payment
 * fix runs on the mysql connector's sessions as {@code mysql.cancel-duplicate-payments}, while the
 * mysql package knows MySQL and nothing of that schema.
 */
public interface ActionProvider<R, W> {

    /** Declared with {@code Actions.of(target)} of the target the provider extends. */
    Actions<R, W> actions();

    /** The target's actions and those of every provider on the class path, in class-path order. */
    static <R, W, P extends ActionProvider<R, W>> Actions<R, W> extend(Actions<R, W> own, Class<P> providers) {
        Actions<R, W> all = own;
        for (P provider : java.util.ServiceLoader.load(providers, providers.getClassLoader())) {
            all = all.and(provider.actions());
        }
        return all;
    }
}
