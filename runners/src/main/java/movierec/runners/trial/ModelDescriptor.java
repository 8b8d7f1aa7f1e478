package movierec.runners.trial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import java.util.TreeMap;
import movierec.core.data.Dataset;
import movierec.core.data.Hashing;
import movierec.core.data.InputException;
import movierec.core.eval.CandidateFilters;
import movierec.core.model.Model;

/**
 * What a stored model needs beside its file to serve again without refitting: the family and every
 * param it was built with, the file's format, the users and items it indexes (a model scores by the
 * internal indices of the data it was fitted on) and the candidate filters of its trial. Written as
 * {@value #FILE} beside {@value #MODEL_FILE} in the {@value #DIR} folder, which is also the MLflow
 * logged model's artifact folder.
 *
 * @param idsHash hash of the user and item ids, in index order: data with the same hash indexes alike
 */
public record ModelDescriptor(String family, Map<String, Object> params, String format, String datasetHash, String idsHash, int users,
    int items, CandidateFilters filters) {
  public static final String DIR = "model";
  public static final String FILE = "model.json";
  public static final String MODEL_FILE = "model.bin";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ModelDescriptor {
    params = new TreeMap<>(params);
  }

  /** The descriptor of {@code model}, built with {@code resolved} params and fitted on all of {@code data}. */
  static ModelDescriptor of(String family, Map<String, Object> resolved, Model model, Dataset data, CandidateFilters filters) {
    return new ModelDescriptor(family, resolved, model.fileFormat(), data.hash(), idsHash(data), data.numUsers(), data.numItems(), filters);
  }

  static String idsHash(Dataset data) {
    Hashing h = new Hashing();
    for (int id : data.users().externalIds()) h.add(id);
    for (int id : data.items().externalIds()) h.add(id);
    return h.hex();
  }

  /** Refuses data whose users or items are not the ones the model indexes: its scores would go to the wrong ids. */
  public void requireSameIds(Dataset data, String where) {
    if (data.numUsers() != users || data.numItems() != items || !idsHash(data).equals(idsHash)) {
      throw new InputException(where + ": users and items (" + data.numUsers() + " x " + data.numItems() + ") are not the ones the " + family
          + " model was fitted on (" + users + " x " + items + ", id hash " + idsHash + ")");
    }
  }

  /** Refuses a file of another format than the one {@code fresh} (the family's code now) reads. */
  public void requireFormat(Model fresh, String where) {
    if (!fresh.fileFormat().equals(format)) {
      throw new InputException(where + ": format: model file is " + format + ", this version of " + family + " reads " + fresh.fileFormat());
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @throws InputException naming {@code where} when the text is not a descriptor */
  public static ModelDescriptor fromJson(String json, String where) {
    try {
      return JSON.readValue(json, ModelDescriptor.class);
    } catch (JsonProcessingException e) {
      throw new InputException(where + ": not a model descriptor: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
  }
}
