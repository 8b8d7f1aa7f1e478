package movierec.models.mostpopular;

/** MostPopular has no parameters. */
public record MostPopularParams() {}
