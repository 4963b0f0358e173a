package io.streamtune.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.schemas.Role;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclPlanTest {

  private final List<AclBinding> all = new AclPlan(AclPlan.defaultPrincipals()).bindings();

  private Set<String> topics(String principal, AclOperation op) {
    return all.stream()
        .filter(b -> b.entry().principal().equals(principal) && b.entry().operation() == op)
        .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
        .map(b -> b.pattern().name())
        .collect(Collectors.toSet());
  }

  @Test
  void shouldLetOnlyTheSuggesterWriteRequestsWhenPlanningEveryRole() {
    // Given the plan for every role, when we look for writers of trial-requests, then only one
    assertThat(
            all.stream()
                .filter(b -> b.pattern().name().equals(Topics.TRIAL_REQUESTS.name()))
                .filter(b -> b.entry().operation() == AclOperation.WRITE)
                .map(b -> b.entry().principal()))
        .containsExactly("User:suggester");
  }

  @Test
  void shouldLetOnlyTheMonitorWriteStopDecisionsWhenPlanningEveryRole() {
    assertThat(
            all.stream()
                .filter(b -> b.pattern().name().equals(Topics.TRIAL_CONTROL.name()))
                .filter(b -> b.entry().operation() == AclOperation.WRITE)
                .map(b -> b.entry().principal()))
        .containsExactly("User:monitor");
  }

  @Test
  void shouldGiveEveryTopicAWriterAndAReaderWhenPlanningEveryRole() {
    // A topic nobody may write or read would be a topic the plan forgot.
    for (Topic<?, ?> t : Topics.ALL) {
      assertThat(all.stream().filter(b -> b.pattern().name().equals(t.name())))
          .as(t.name())
          .anyMatch(b -> b.entry().operation() == AclOperation.WRITE);
      if (t != Topics.DEAD_LETTER) {
        assertThat(all.stream().filter(b -> b.pattern().name().equals(t.name())))
            .as(t.name())
            .anyMatch(b -> b.entry().operation() == AclOperation.READ);
      }
    }
  }

  @Test
  void shouldLetTheSuggesterWriteEveryTopicItReRoutesWhenPlanningEveryRole() {
    // A spec, claim or result on the wrong partition is written on to its study's partition
    assertThat(topics("User:suggester", AclOperation.WRITE))
        .contains("studies", "trial-claims", "trial-results");
  }

  @Test
  void shouldKeepTheSubmitterToStudiesWhenItPublishesSpecs() {
    assertThat(topics("User:submitter", AclOperation.WRITE)).containsExactly("studies");
    assertThat(topics("User:reader", AclOperation.WRITE)).isEmpty();
  }

  @Test
  void shouldPlanOnlyTheRolesGivenWhenSomeAreLeftOut() {
    List<AclBinding> trainerOnly = new AclPlan(Map.of(Role.TRAINER, "User:t1")).bindings();
    assertThat(trainerOnly).extracting(b -> b.entry().principal()).containsOnly("User:t1");
  }

  @Test
  void shouldNameTheRoleWhenAPrincipalIsMalformed() {
    assertThatThrownBy(() -> new AclPlan(Map.of(Role.MONITOR, "monitor")))
        .hasMessageContaining("principal of monitor must look like User:name");
  }
}
