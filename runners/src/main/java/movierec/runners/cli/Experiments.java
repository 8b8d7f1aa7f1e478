package movierec.runners.cli;

import java.util.ArrayList;
import java.util.List;
import movierec.core.data.InputException;
import movierec.tracking.TrackingClient;

/** Experiment names from the command line to ids, without creating any: a typo is an error, not a new experiment. */
final class Experiments {
  private Experiments() {}

  /** The named experiments, or every active one when none is named. */
  static List<String> ids(TrackingClient client, List<String> names) {
    if (names == null || names.isEmpty()) return client.activeExperimentIds();
    List<String> ids = new ArrayList<>();
    for (String name : names) {
      ids.add(client.findExperiment(name).orElseThrow(() -> new InputException("unknown experiment '" + name + "'")));
    }
    return ids;
  }
}
