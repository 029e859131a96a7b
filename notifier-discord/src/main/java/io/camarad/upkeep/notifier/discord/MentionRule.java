package io.camarad.upkeep.notifier.discord;

import io.camarad.upkeep.api.RunStatus;
import io.camarad.upkeep.notifier.discord.WebhookMessage.AllowedMentions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who a webhook pings and when: configured user and role ids, pinged only for runs that meet one of
 * the conditions.
 *
 * @param users user ids (snowflakes)
 * @param roles role ids (snowflakes)
 * @param on the conditions under which they are pinged
 */
record MentionRule(List<String> users, List<String> roles, Set<RunCondition> on) {

  MentionRule {
    users = List.copyOf(users);
    roles = List.copyOf(roles);
    on = Set.copyOf(on);
  }

  /** Pings nobody, ever. */
  static MentionRule nobody() {
    return new MentionRule(List.of(), List.of(), Set.of());
  }

  /** Whether a run that ended in {@code status} pings someone. */
  boolean pingsFor(RunStatus status) {
    boolean anyone = !users.isEmpty() || !roles.isEmpty();
    return anyone && on.stream().anyMatch(condition -> condition.matches(status));
  }

  /** The mention tokens for the message's content: {@code <@user> <@&role>}. */
  String contentTokens() {
    Stream<String> userTokens = users.stream().map(id -> "<@" + id + ">");
    Stream<String> roleTokens = roles.stream().map(id -> "<@&" + id + ">");
    return Stream.concat(userTokens, roleTokens).collect(Collectors.joining(" "));
  }

  /** The {@code allowed_mentions} for a run that ended in {@code status}. */
  AllowedMentions allowedFor(RunStatus status) {
    return pingsFor(status) ? AllowedMentions.only(users, roles) : AllowedMentions.none();
  }
}
