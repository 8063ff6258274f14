#include <cstring>
#include <limits>
#include <string>

#include <cnnsched/sched/command/command_list.hpp>

namespace cnnsched {
namespace {

using Code = CommandListErrorCode;

// Little-endian fixed-width fields; callers have checked the bounds.
std::uint64_t read_le(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
void write_le(std::vector<unsigned char>& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
std::int64_t read_i64(const unsigned char* p) {
  const std::uint64_t u = read_le(p, 8);
  std::int64_t v;
  std::memcpy(&v, &u, sizeof v);  // two's complement, without the implementation-defined cast
  return v;
}

std::string entry_field(std::size_t i, const char* name) {
  return "entry[" + std::to_string(i) + "]." + name;
}

// ", allowed 0..n-1 (name n)"; a count of 0 allows nothing.
std::string allowed_ids(std::uint64_t count, const char* name) {
  const std::string c = std::string(" (") + name + " " + std::to_string(count) + ")";
  return count == 0 ? ", none allowed" + c : ", allowed 0.." + std::to_string(count - 1) + c;
}

struct Header {
  int processors;
  std::uint32_t tasks;
};

Header decode_header(const unsigned char* data, std::size_t size, const CommandListExpect& expect) {
  if (size < kCommandListHeaderBytes)
    throw CommandListError(
        Code::kTruncated, "header",
        std::to_string(size) + " bytes, the header alone needs " + std::to_string(kCommandListHeaderBytes));
  if (std::memcmp(data, kCommandListMagic, sizeof kCommandListMagic) != 0)
    throw CommandListError(Code::kBadMagic, "magic", "the first 4 bytes must be \"CNCL\"");
  const auto version = read_le(data + 4, 2);
  if (version != kCommandListVersion)
    throw CommandListError(Code::kBadVersion, "version",
                           std::to_string(version) + " is not supported, allowed: 1");
  if (read_le(data + 12, 4) != 0)
    throw CommandListError(Code::kReservedNotZero, "header.reserved", "must be 0");
  const Header h{static_cast<int>(read_le(data + 6, 2)), static_cast<std::uint32_t>(read_le(data + 8, 4))};
  if (expect.max_processors >= 0 && h.processors > expect.max_processors)
    throw CommandListError(Code::kTooManyProcessors, "processor_count",
                           std::to_string(h.processors) + " exceeds the platform's " +
                               std::to_string(expect.max_processors) + " processors");
  if (expect.tasks >= 0 && h.tasks != expect.tasks)
    throw CommandListError(
        Code::kTaskCountMismatch, "task_count",
        std::to_string(h.tasks) + ", the graph has " + std::to_string(expect.tasks) + " tasks");
  return h;
}

// The exact size the header announces; 64-bit, so no task count overflows it.
void check_size(std::size_t size, const Header& h) {
  const std::uint64_t need = kCommandListHeaderBytes + std::uint64_t{h.tasks} * kCommandListEntryBytes;
  if (size < need)
    throw CommandListError(Code::kTruncated, "task_count",
                           std::to_string(h.tasks) + " entries need " + std::to_string(need) +
                               " bytes, the list has " + std::to_string(size));
  if (size > need)
    throw CommandListError(Code::kTrailingBytes, "task_count",
                           std::to_string(h.tasks) + " entries take " + std::to_string(need) +
                               " bytes, the list has " + std::to_string(size));
}

void decode_entry(const unsigned char* p, std::size_t i, const Header& h, std::vector<bool>& seen,
                  Schedule& s) {
  const auto task = read_le(p, 4);
  const auto proc = static_cast<int>(read_le(p + 4, 2));
  const Time start = read_i64(p + 8);
  const Time finish = read_i64(p + 16);
  if (task >= h.tasks)
    throw CommandListError(Code::kTaskOutOfRange, entry_field(i, "task"),
                           std::to_string(task) + " is out of range" + allowed_ids(h.tasks, "task_count"));
  if (proc >= h.processors)
    throw CommandListError(
        Code::kProcessorOutOfRange, entry_field(i, "processor"),
        std::to_string(proc) + " is out of range" + allowed_ids(h.processors, "processor_count"));
  if (read_le(p + 6, 2) != 0)
    throw CommandListError(Code::kReservedNotZero, entry_field(i, "reserved"), "must be 0");
  if (seen[task])
    throw CommandListError(Code::kDuplicateTask, entry_field(i, "task"),
                           "task " + std::to_string(task) + " appears twice, each task exactly once allowed");
  if (start < 0)
    throw CommandListError(Code::kNegativeStart, entry_field(i, "start"),
                           std::to_string(start) + " is negative, allowed >= 0");
  if (finish < start)
    throw CommandListError(
        Code::kFinishBeforeStart, entry_field(i, "finish"),
        std::to_string(finish) + " is before start " + std::to_string(start) + ", allowed >= start");
  seen[task] = true;
  s.slots[task] = Slot{proc, start, finish};
  s.order.push_back(static_cast<TaskId>(task));
}

// Checks what the 16-bit and 32-bit fields could not hold (decode checks the rest).
void check_encodable(const Schedule& schedule, int processors) {
  if (processors < 0 || processors > 0xFFFF)
    throw CommandListError(Code::kTooManyProcessors, "processor_count",
                           std::to_string(processors) + " is out of range, allowed 0..65535");
  if (schedule.slots.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw CommandListError(Code::kTaskOutOfRange, "task_count", "more than 2^31 - 1 tasks");
  if (!schedule.order.empty() && schedule.order.size() != schedule.slots.size())
    throw CommandListError(Code::kTaskCountMismatch, "order",
                           std::to_string(schedule.order.size()) +
                               " entries, allowed: none or one per task (" +
                               std::to_string(schedule.slots.size()) + ")");
  for (std::size_t i = 0; i < schedule.order.size(); ++i)
    if (schedule.order[i] < 0 || static_cast<std::size_t>(schedule.order[i]) >= schedule.slots.size())
      throw CommandListError(Code::kTaskOutOfRange, "order[" + std::to_string(i) + "]",
                             std::to_string(schedule.order[i]) + " is not a task id");
  for (std::size_t t = 0; t < schedule.slots.size(); ++t)
    if (schedule.slots[t].proc < 0 || schedule.slots[t].proc >= processors)
      throw CommandListError(Code::kProcessorOutOfRange, "slots[" + std::to_string(t) + "].proc",
                             std::to_string(schedule.slots[t].proc) + " is out of range" +
                                 allowed_ids(static_cast<std::uint64_t>(processors), "processors"));
}

}  // namespace

std::vector<unsigned char> encode_command_list(const Schedule& schedule, int processors) {
  check_encodable(schedule, processors);
  const std::size_t n = schedule.slots.size();
  std::vector<unsigned char> out(kCommandListMagic, kCommandListMagic + sizeof kCommandListMagic);
  out.reserve(kCommandListHeaderBytes + n * kCommandListEntryBytes);
  write_le(out, kCommandListVersion, 2);
  write_le(out, static_cast<std::uint64_t>(processors), 2);
  write_le(out, n, 4);
  write_le(out, 0, 4);
  for (std::size_t i = 0; i < n; ++i) {
    const auto task = schedule.order.empty() ? i : static_cast<std::size_t>(schedule.order[i]);
    const Slot& s = schedule.slots[task];
    write_le(out, task, 4);
    write_le(out, static_cast<std::uint64_t>(s.proc), 2);
    write_le(out, 0, 2);
    write_le(out, static_cast<std::uint64_t>(s.start), 8);
    write_le(out, static_cast<std::uint64_t>(s.finish), 8);
  }
  decode_command_list(out.data(), out.size());  // never hand out a list the accelerator would refuse
  return out;
}

CommandList decode_command_list(const unsigned char* data, std::size_t size,
                                const CommandListExpect& expect) {
  if (data == nullptr) size = 0;
  const Header h = decode_header(data, size, expect);
  check_size(size, h);  // before allocating: the count is now backed by real bytes
  CommandList list;
  list.processors = h.processors;
  list.schedule.slots.resize(h.tasks);
  list.schedule.order.reserve(h.tasks);
  std::vector<bool> seen(h.tasks, false);
  for (std::size_t i = 0; i < h.tasks; ++i)
    decode_entry(data + kCommandListHeaderBytes + i * kCommandListEntryBytes, i, h, seen, list.schedule);
  return list;
}

}  // namespace cnnsched
