package dev.hearth.actions.builtin;

import java.util.List;
import java.util.Map;

/**
 * An action Hearth implements natively instead of downloading it. The engine looks one up by the
 * {@code owner/repo[/path]} of a {@code uses:} value (case-insensitive, any ref), evaluates the step's
 * {@code with:} values, applies {@link #inputDefaults()}, and calls {@link #main}; when {@link #hasPost()}
 * it calls {@link #post} after the job's steps, as GitHub runs a {@code post:} script (condition
 * {@code always()} unless {@link #postIf()} says otherwise), with the state {@code main} saved.
 */
public interface BuiltinAction {

    /** The {@code owner/repo[/path]} names it answers to, lower case, e.g. {@code actions/cache/restore}. */
    List<String> names();

    /** Input defaults as the real action's {@code action.yml} declares them (expressions allowed, e.g. {@code ${{ github.token }}}). */
    Map<String, String> inputDefaults();

    /** Runs the action's main part. Failures come back as {@link BuiltinResult#failure}; exceptions mean a bug or an I/O fault. */
    BuiltinResult main(BuiltinContext context) throws Exception;

    default boolean hasPost() {
        return false;
    }

    /** The condition of the post part, as the real action declares it. */
    default String postIf() {
        return "always()";
    }

    default BuiltinResult post(BuiltinContext context) throws Exception {
        return BuiltinResult.success(Map.of());
    }
}
