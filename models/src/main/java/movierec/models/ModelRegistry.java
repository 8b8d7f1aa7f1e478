package movierec.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.core.data.InputException;
import movierec.core.model.ModelFamily;
import movierec.models.admmslim.AdmmSlim;
import movierec.models.admmslim.AdmmSlimParams;
import movierec.models.autorec.AutoRec;
import movierec.models.autorec.AutoRecParams;
import movierec.models.bert4rec.Bert4Rec;
import movierec.models.bert4rec.Bert4RecParams;
import movierec.models.bpr.Bpr;
import movierec.models.bpr.BprParams;
import movierec.models.cdae.Cdae;
import movierec.models.cdae.CdaeParams;
import movierec.models.deepfm.DeepFm;
import movierec.models.deepfm.DeepFmParams;
import movierec.models.ease.Ease;
import movierec.models.ease.EaseParams;
import movierec.models.edlae.Edlae;
import movierec.models.edlae.EdlaeParams;
import movierec.models.ffm.Ffm;
import movierec.models.ffm.FfmParams;
import movierec.models.fism.Fism;
import movierec.models.fism.FismParams;
import movierec.models.fm.Fm;
import movierec.models.fm.FmParams;
import movierec.models.genrerule.GenreRule;
import movierec.models.genrerule.GenreRuleParams;
import movierec.models.gru4rec.Gru4Rec;
import movierec.models.gsasrec.GsasRec;
import movierec.models.gsasrec.GsasRecParams;
import movierec.models.gru4rec.Gru4RecParams;
import movierec.models.higherease.HigherEase;
import movierec.models.higherease.HigherEaseParams;
import movierec.models.ials.Ials;
import movierec.models.ials.IalsParams;
import movierec.models.itemknn.ItemKnn;
import movierec.models.itemknn.ItemKnnParams;
import movierec.models.lightgcn.LightGcn;
import movierec.models.lightgcn.LightGcnParams;
import movierec.models.mostpopular.MostPopular;
import movierec.models.mostpopular.MostPopularParams;
import movierec.models.multdae.MultDae;
import movierec.models.multdae.MultDaeParams;
import movierec.models.multvae.MultVae;
import movierec.models.multvae.MultVaeParams;
import movierec.models.puresvd.PureSvd;
import movierec.models.puresvd.PureSvdParams;
import movierec.models.recvae.RecVae;
import movierec.models.rp3beta.Rp3beta;
import movierec.models.rp3beta.Rp3betaParams;
import movierec.models.recvae.RecVaeParams;
import movierec.models.sasrec.SasRec;
import movierec.models.s3rec.S3Rec;
import movierec.models.s3rec.S3RecParams;
import movierec.models.sasrec.SasRecParams;
import movierec.models.userknn.UserKnn;
import movierec.models.userknn.UserKnnParams;
import movierec.models.yearrule.YearRule;
import movierec.models.yearrule.YearRuleParams;

/**
 * Every model family, found by name. Adding a family is a package under {@code movierec.models} and one
 * line here; the trial runner, tracking and ensembles need no change.
 */
public final class ModelRegistry {
  private static final Map<String, ModelFamily<?>> FAMILIES = new LinkedHashMap<>();

  static {
    add(new ModelFamily<>("mostpop", "items ranked by interaction count", MostPopularParams.class, new MostPopularParams(), MostPopular::new));
    add(new ModelFamily<>("ease", "EASE: closed-form item-item autoencoder (Steck 2019)", EaseParams.class, new EaseParams(), Ease::new));
    add(new ModelFamily<>("edlae", "EDLAE: EASE with emphasized-dropout regularization per item (Steck 2020)", EdlaeParams.class, new EdlaeParams(), Edlae::new));
    add(new ModelFamily<>("higher_ease", "higher-order EASE: EASE plus weights from frequent item pairs, fitted by ADMM (Steck and Liang 2021)", HigherEaseParams.class, new HigherEaseParams(), HigherEase::new));
    add(new ModelFamily<>("rp3beta", "RP3beta: item-user-item random walk, popularity-discounted (Paudel et al. 2017)", Rp3betaParams.class, new Rp3betaParams(), Rp3beta::new));
    add(new ModelFamily<>("puresvd", "PureSVD: truncated SVD of the user-item matrix (Cremonesi et al. 2010)", PureSvdParams.class, new PureSvdParams(), PureSvd::new));
    add(new ModelFamily<>("ials", "iALS: weighted matrix factorization for implicit feedback (Hu et al. 2008)", IalsParams.class, new IalsParams(), Ials::new));
    add(new ModelFamily<>("bpr", "BPR-MF: matrix factorization by pairwise ranking SGD (Rendle et al. 2009)", BprParams.class, new BprParams(), Bpr::new));
    add(new ModelFamily<>("itemknn", "item-based kNN: shrunk asymmetric cosine on TF-IDF-weighted users (Deshpande and Karypis 2004, Aiolli 2013)", ItemKnnParams.class, new ItemKnnParams(), ItemKnn::new));
    add(new ModelFamily<>("userknn", "user-based kNN with shrunk asymmetric cosine (Herlocker et al. 1999, Aiolli 2013)", UserKnnParams.class, new UserKnnParams(), UserKnn::new));
    add(new ModelFamily<>("admm_slim", "ADMM-SLIM: sparse item-item weights with L1/L2 fitted by ADMM (Steck et al. 2020)", AdmmSlimParams.class, new AdmmSlimParams(), AdmmSlim::new));
    add(new ModelFamily<>("fism", "FISMauc: factored item similarity with a pairwise loss (Kabbur et al. 2013)", FismParams.class, new FismParams(), Fism::new));
    add(new ModelFamily<>("lightgcn", "LightGCN: embeddings propagated over the user-item graph, BPR loss (He et al. 2020)", LightGcnParams.class, new LightGcnParams(), LightGcn::new));
    add(new ModelFamily<>("fm", "FM: factorization machine over user, item and item side features, pairwise SGD (Rendle 2010)", FmParams.class, new FmParams(), Fm::new));
    add(new ModelFamily<>("ffm", "FFM: field-aware factorization machine over user, item and item side features (Juan et al. 2016)", FfmParams.class, new FfmParams(), Ffm::new));
    add(new ModelFamily<>("deepfm", "DeepFM: factorization machine plus an MLP over the shared field embeddings (Guo et al. 2017)", DeepFmParams.class, new DeepFmParams(), DeepFm::new));
    add(new ModelFamily<>("genre_rule", "most popular unseen items of the user's favourite genres, by quota", GenreRuleParams.class, new GenreRuleParams(), GenreRule::new));
    add(new ModelFamily<>("year_rule", "items popular when the user was active, weighted by their release-year taste", YearRuleParams.class, new YearRuleParams(), YearRule::new));
    add(new ModelFamily<>("multvae", "variational autoencoder with multinomial likelihood (Liang et al. 2018)", MultVaeParams.class, MultVaeParams.DEFAULTS, MultVae::new));
    add(new ModelFamily<>("multdae", "denoising autoencoder with multinomial likelihood (Liang et al. 2018)", MultDaeParams.class, MultDaeParams.DEFAULTS, MultDae::new));
    add(new ModelFamily<>("recvae", "VAE with composite prior and alternating updates (Shenbin et al. 2020)", RecVaeParams.class, RecVaeParams.DEFAULTS, RecVae::new));
    add(new ModelFamily<>("autorec", "item-based autoencoder (Sedhain et al. 2015)", AutoRecParams.class, AutoRecParams.DEFAULTS, AutoRec::new));
    add(new ModelFamily<>("cdae", "collaborative denoising autoencoder with user nodes (Wu et al. 2016)", CdaeParams.class, CdaeParams.DEFAULTS, Cdae::new));
    add(new ModelFamily<>("sasrec", "SASRec: causal self-attention over the user's recent items (Kang and McAuley 2018)", SasRecParams.class, new SasRecParams(), SasRec::new));
    add(new ModelFamily<>("gsasrec", "gSASRec: SASRec trained with calibrated BCE over many sampled negatives (Petrov and Macdonald 2023)", GsasRecParams.class, new GsasRecParams(), GsasRec::new));
    add(new ModelFamily<>("gru4rec", "GRU4Rec: a GRU over the user's recent items (Hidasi et al. 2016)", Gru4RecParams.class, new Gru4RecParams(), Gru4Rec::new));
    add(new ModelFamily<>("bert4rec", "BERT4Rec: bidirectional self-attention trained to fill in masked items (Sun et al. 2019)", Bert4RecParams.class, new Bert4RecParams(), Bert4Rec::new));
    add(new ModelFamily<>("s3rec", "S3Rec: SASRec pre-trained to predict masked items and item genres (Zhou et al. 2020)", S3RecParams.class, new S3RecParams(), S3Rec::new));
  }

  private ModelRegistry() {}

  private static void add(ModelFamily<?> family) {
    FAMILIES.put(family.name(), family);
  }

  public static ModelFamily<?> get(String name) {
    ModelFamily<?> f = FAMILIES.get(name);
    if (f == null) throw new InputException("unknown model family '" + name + "'; valid: " + String.join(", ", FAMILIES.keySet()));
    return f;
  }

  public static List<ModelFamily<?>> all() {
    return List.copyOf(FAMILIES.values());
  }
}
