package movierec.runners.cli;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import movierec.core.model.ModelFamily;
import movierec.models.ModelRegistry;
import picocli.CommandLine.Command;

/** {@code movierec families}: every model family with its parameters and their defaults. */
@Command(name = "families", mixinStandardHelpOptions = true, description = "List the model families with their parameters and defaults.")
final class FamiliesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    for (ModelFamily<?> f : ModelRegistry.all()) {
      String params = f.defaultValues().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
      System.out.printf("%-11s %s%n            %s%n", f.name(), f.description(), params.isEmpty() ? "(no parameters)" : params);
    }
    return 0;
  }
}
