package dev.hangar.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckoutTest {

  private static final String URL = "https://git.example.com/app.git";
  private static final String SHA = "c5112a9ec8edb97fdee27c8eca363907901713c3";

  @Test
  void aFullShaIsFetchedAloneAtDepthOne() {
    assertThat(Checkout.commands(URL, SHA, "main"))
        .containsExactly(
            List.of("git", "-c", "init.defaultBranch=hangar", "init", "-q"),
            List.of("git", "fetch", "--depth", "1", "--", URL, SHA),
            List.of(
                "git",
                "-c",
                "advice.detachedHead=false",
                "checkout",
                "-q",
                "--detach",
                "FETCH_HEAD",
                "--"),
            List.of("git", "submodule", "update", "--init", "--recursive", "--depth", "1"));
  }

  @Test
  void anAbbreviatedShaIsFoundInItsBranchsHistory() {
    List<List<String>> commands = Checkout.commands(URL, "c5112a9ec8ed", "main");

    assertThat(commands.get(1)).isEqualTo(List.of("git", "fetch", "--", URL, "main"));
    assertThat(commands.get(2)).contains("c5112a9ec8ed");
  }

  @Test
  void withoutAShaTheBranchTipIsFetched() {
    assertThat(Checkout.commands(URL, null, "release/1.2").get(1))
        .isEqualTo(List.of("git", "fetch", "--depth", "1", "--", URL, "release/1.2"));
  }

  @Test
  void aBranchThatLooksLikeAnOptionStaysAnArgument() {
    List<String> fetch = Checkout.commands(URL, null, "--upload-pack=touch /tmp/pwned").get(1);

    assertThat(fetch.indexOf("--")).isLessThan(fetch.indexOf("--upload-pack=touch /tmp/pwned"));
  }
}
