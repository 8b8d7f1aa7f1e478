package movierec.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MlflowLinksTest {
  @Test
  void linksOpenTheTrainingView() {
    assertEquals("http://h:5000/#/experiments/7?workflowType=machine_learning", MlflowLinks.experiment("http://h:5000/", "7"));
    assertEquals("http://h:5000/#/experiments/7/runs/abc?workflowType=machine_learning", MlflowLinks.run("http://h:5000", "7", "abc"));
  }

  @Test
  void redactHidesUserInfoOnly() {
    assertEquals("https://***@mlflow.example:443/x", MlflowLinks.redact("https://bob:pw@mlflow.example:443/x"));
    assertEquals("http://127.0.0.1:5000", MlflowLinks.redact("http://127.0.0.1:5000"));
  }
}
