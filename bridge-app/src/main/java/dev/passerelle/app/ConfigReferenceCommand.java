package dev.passerelle.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code passerelle config-reference}: prints every config key of this jar (core and connectors) as Markdown. */
@Command(name = "config-reference", mixinStandardHelpOptions = true,
        description = "Print every config key with its default and meaning (Markdown), for this version and its networks.")
final class ConfigReferenceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.print(ConfigReference.markdown());
        out.flush();
        return 0;
    }
}
