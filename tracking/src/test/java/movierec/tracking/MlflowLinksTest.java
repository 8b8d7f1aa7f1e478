package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MlflowLinksTest {
  @Test
  void linksOpenTheTrainingView() {
    assertEquals("http://h:5000/#/experiments/7?workflowType=machine_learning", MlflowLinks.experiment("http://h:5000/", "7"));
    assertEquals("http://h:5000/#/experiments/7/runs/abc?workflowType=machine_learning", MlflowLinks.run("http://h:5000", "7", "abc"));
  }
}
