#pragma once
// The binary command list a host writes into DRAM for the accelerator: where
// and when every task runs. Little-endian, fixed-width, no padding:
//
//   header (16 bytes)                   entry i (24 bytes, at 16 + 24 i)
//    0  char[4] magic "CNCL"              0  u32 task id, < task_count
//    4  u16     version (1)               4  u16 processor id, < processor_count
//    6  u16     processor_count           6  u16 reserved, 0
//    8  u32     task_count                8  i64 start (time units of the plan)
//   12  u32     reserved, 0              16  i64 finish, >= start >= 0
//
// Every task appears exactly once (task_count entries, no duplicates). The
// entries are in dispatch order (Schedule::order), the tie-break the simulator
// follows for equal start times. Only slots and order travel: the policy name
// and the capacities stay with the C++ Schedule.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <cnnsched/sched/command/command_list_error.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

constexpr char kCommandListMagic[4] = {'C', 'N', 'C', 'L'};
constexpr std::uint16_t kCommandListVersion = 1;
constexpr std::size_t kCommandListHeaderBytes = 16;
constexpr std::size_t kCommandListEntryBytes = 24;

// What the consumer knows, checked by decode when set (-1: not checked).
struct CommandListExpect {
  std::int64_t tasks = -1;  // the header's task count must equal it
  int max_processors = -1;  // the header's processor count must not exceed it
};

struct CommandList {
  int processors = 0;  // the header's processor count
  Schedule schedule;   // slots by task id, order = entry order; no policy, no capacities
};

// The command list of `schedule` for `processors` processors. Entries follow
// schedule.order, or task ids when order is empty. Throws CommandListError
// when the schedule cannot be expressed (the checks decode makes).
std::vector<unsigned char> encode_command_list(const Schedule& schedule, int processors);

// Parses and checks `size` bytes at `data`; never reads outside them. Throws
// CommandListError on the first problem.
CommandList decode_command_list(const unsigned char* data, std::size_t size,
                                const CommandListExpect& expect = {});
inline CommandList decode_command_list(const std::vector<unsigned char>& bytes,
                                       const CommandListExpect& expect = {}) {
  return decode_command_list(bytes.data(), bytes.size(), expect);
}

}  // namespace cnnsched
