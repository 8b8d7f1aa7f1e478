package movierec.tracking;

import java.util.List;
import java.util.Objects;

/**
 * What {@link TrackingClient#searchRuns} looks for: active runs of some experiments.
 *
 * @param filter MLflow search syntax ({@code params.model = 'ease' AND metrics.recall_at_10 > 0.1});
 *               empty matches every run
 * @param orderBy e.g. {@code metrics.recall_at_10 DESC}; runs lacking the metric sort last
 * @param pageSize runs per request; the search still returns every match
 */
public record RunQuery(List<String> experimentIds, String filter, List<String> orderBy, int pageSize) {

    /** The server's own default, and a response of a few MB at most. */
    public static final int DEFAULT_PAGE_SIZE = 1000;
    /** The server rejects larger pages. */
    public static final int MAX_PAGE_SIZE = 50_000;

    public RunQuery {
        experimentIds = List.copyOf(experimentIds);
        if (experimentIds.isEmpty()) {
            throw new IllegalArgumentException("a run query needs at least one experiment id");
        }
        Objects.requireNonNull(filter, "filter");
        orderBy = List.copyOf(orderBy);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ", got " + pageSize);
        }
    }

    /** Every active run of the given experiments. */
    public static RunQuery in(String... experimentIds) {
        return new RunQuery(List.of(experimentIds), "", List.of(), DEFAULT_PAGE_SIZE);
    }

    public RunQuery withFilter(String newFilter) {
        return new RunQuery(experimentIds, newFilter, orderBy, pageSize);
    }

    public RunQuery withOrderBy(String... clauses) {
        return new RunQuery(experimentIds, filter, List.of(clauses), pageSize);
    }

    public RunQuery withPageSize(int newPageSize) {
        return new RunQuery(experimentIds, filter, orderBy, newPageSize);
    }
}
