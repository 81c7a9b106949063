// Per-subscriber settings of a SIP account (api §4.2.6, §5.8, §8.11, §8.12).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ngnpro/core/query.hpp"

namespace ngnpro::core {

// One diversion: condition UNC/NOL/UNV/NOA/BUS, redirect for the R... members.
struct CallDiversion {
  std::string condition;
  bool redirect = false;
  std::string target;  // sip:/sips: URI or "<voice-mailbox>"
  bool operator==(const CallDiversion& o) const {
    return condition == o.condition && redirect == o.redirect && target == o.target;
  }
};

// The wire's ten members in the order FUNC..FBUS, RUNC..RBUS (api §5.8).
inline const char* const kDiversionConditions[] = {"UNC", "NOL", "UNV", "NOA", "BUS"};
inline constexpr const char* kVoiceMailbox = "<voice-mailbox>";

// List maxima per account (README, "Limits"): every request's work and every call's decision
// stay bounded. More is 8003.
inline constexpr std::size_t kMaxAcceptRules = 32;
inline constexpr std::size_t kMaxAcceptRuleGroups = 16;
inline constexpr std::size_t kMaxRejectMembers = 100;
inline constexpr std::size_t kMaxBarringPrefixes = 100;
inline constexpr std::int64_t kMaxPhonebookEntries = 1000;
inline constexpr int kMaxTemporaryMinutes = 7 * 24 * 60;  // a week of do-not-disturb

struct AcceptRule {
  std::optional<int> days;       // bit mask Mon=1 .. Sun=64
  std::string start;             // HH:MM
  std::string stop;              // HH:MM
  std::vector<std::string> groups;
};

struct TemporaryAcceptRule {
  std::vector<std::string> groups;
  int duration = 0;              // minutes; 0 = none
};

struct AcceptRules {
  std::vector<AcceptRule> persistent;
  TemporaryAcceptRule temporary;
};

struct AcceptRulesResult {
  AcceptRules rules;
  std::vector<std::string> non_empty_groups;  // everybody, nobody and the phonebook's groups
};

struct PhonebookEntry {
  std::string uri;
  std::string name;
  std::string group;
};

// getPhonebookEntries' match (api §4.2.6): uri and name LIKE patterns, either may match;
// group absent = any group, "" = entries without one.
struct PhonebookQuery {
  std::string uri;
  std::string name;
  std::optional<std::string> group;
  Range range;
};

}  // namespace ngnpro::core
