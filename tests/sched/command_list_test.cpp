#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

#include <cnnsched/sched/command/command_list.hpp>

namespace cnnsched::command_list_test {
namespace {

using Code = CommandListErrorCode;
using Bytes8 = std::vector<unsigned char>;

// Three tasks on two processors, committed out of id order.
Schedule sample() {
  Schedule s;
  s.slots = {{1, 0, 50}, {0, 10, 10}, {1, 60, 1000000000000}};
  s.order = {1, 0, 2};
  return s;
}

void put_le(Bytes8& b, std::size_t offset, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) b.at(offset + i) = static_cast<unsigned char>(v >> (8 * i));
}
std::size_t entry(std::size_t i) { return kCommandListHeaderBytes + i * kCommandListEntryBytes; }

// Decodes `b` and returns the error's code; fails the test when there is none
// or when its message does not name `field`.
Code refusal(const Bytes8& b, const std::string& field, const CommandListExpect& expect = {}) {
  try {
    decode_command_list(b, expect);
  } catch (const CommandListError& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find("command list: field '" + field + "'"), std::string::npos)
        << e.what();
    return e.code();
  }
  ADD_FAILURE() << "decoded without error";
  return Code::kNone;
}

TEST(CommandList, RoundTripKeepsSlotsAndOrder) {
  const Schedule s = sample();
  const Bytes8 b = encode_command_list(s, 2);
  EXPECT_EQ(b.size(), kCommandListHeaderBytes + 3 * kCommandListEntryBytes);
  const CommandList back = decode_command_list(b);
  EXPECT_EQ(back.processors, 2);
  ASSERT_EQ(back.schedule.slots.size(), 3u);
  for (std::size_t t = 0; t < 3; ++t) {
    EXPECT_EQ(back.schedule.slots[t].proc, s.slots[t].proc);
    EXPECT_EQ(back.schedule.slots[t].start, s.slots[t].start);
    EXPECT_EQ(back.schedule.slots[t].finish, s.slots[t].finish);
  }
  EXPECT_EQ(back.schedule.order, s.order);
}

TEST(CommandList, WithoutOrderEntriesFollowTaskIds) {
  Schedule s = sample();
  s.order.clear();
  EXPECT_EQ(decode_command_list(encode_command_list(s, 2)).schedule.order, (std::vector<TaskId>{0, 1, 2}));
}

TEST(CommandList, EmptyScheduleRoundTrips) {
  const Bytes8 b = encode_command_list(Schedule{}, 0);
  EXPECT_EQ(b.size(), kCommandListHeaderBytes);
  const CommandList back = decode_command_list(b);
  EXPECT_EQ(back.processors, 0);
  EXPECT_TRUE(back.schedule.slots.empty());
}

TEST(CommandList, FieldsSitAtTheirDocumentedOffsetsLittleEndian) {
  const Bytes8 b = encode_command_list(sample(), 2);
  EXPECT_EQ(std::string(b.begin(), b.begin() + 4), "CNCL");
  Bytes8 expect = b;
  put_le(expect, 4, 1, 2);   // version
  put_le(expect, 6, 2, 2);   // processors
  put_le(expect, 8, 3, 4);   // tasks
  put_le(expect, 12, 0, 4);  // reserved
  // The second entry is task 0 (order {1, 0, 2}): processor 1, [0, 50).
  put_le(expect, entry(1), 0, 4);
  put_le(expect, entry(1) + 4, 1, 2);
  put_le(expect, entry(1) + 6, 0, 2);
  put_le(expect, entry(1) + 8, 0, 8);
  put_le(expect, entry(1) + 16, 50, 8);
  put_le(expect, entry(2) + 16, 1000000000000, 8);  // needs all 8 bytes of finish
  EXPECT_EQ(b, expect);
  EXPECT_EQ(b[entry(1) + 16], 50);
  EXPECT_EQ(b[entry(2) + 16 + 4], (1000000000000 >> 32) & 0xFF);
}

TEST(CommandList, HeaderErrors) {
  const Bytes8 good = encode_command_list(sample(), 2);
  Bytes8 b = good;
  b[3] = 'X';
  EXPECT_EQ(refusal(b, "magic"), Code::kBadMagic);
  b = good;
  put_le(b, 4, 2, 2);
  EXPECT_EQ(refusal(b, "version"), Code::kBadVersion);
  b = good;
  put_le(b, 12, 1, 4);
  EXPECT_EQ(refusal(b, "header.reserved"), Code::kReservedNotZero);
  EXPECT_EQ(refusal(Bytes8(good.begin(), good.begin() + 15), "header"), Code::kTruncated);
}

TEST(CommandList, SizeMustMatchTheTaskCount) {
  const Bytes8 good = encode_command_list(sample(), 2);
  EXPECT_EQ(refusal(Bytes8(good.begin(), good.end() - 1), "task_count"), Code::kTruncated);
  Bytes8 b = good;
  b.push_back(0);
  EXPECT_EQ(refusal(b, "task_count"), Code::kTrailingBytes);
  b = good;
  put_le(b, 8, 2, 4);  // three entries follow, the header says two
  EXPECT_EQ(refusal(b, "task_count"), Code::kTrailingBytes);
}

TEST(CommandList, ExpectationsOfTheConsumer) {
  const Bytes8 good = encode_command_list(sample(), 2);
  EXPECT_EQ(refusal(good, "task_count", {4, -1}), Code::kTaskCountMismatch);
  EXPECT_EQ(refusal(good, "processor_count", {3, 1}), Code::kTooManyProcessors);
  EXPECT_NO_THROW(decode_command_list(good, {3, 2}));
  EXPECT_NO_THROW(decode_command_list(good, {3, 8}));  // a plan may leave processors idle
}

TEST(CommandList, EntryErrors) {
  const Bytes8 good = encode_command_list(sample(), 2);
  Bytes8 b = good;
  put_le(b, entry(1), 3, 4);
  EXPECT_EQ(refusal(b, "entry[1].task"), Code::kTaskOutOfRange);
  b = good;
  put_le(b, entry(2) + 4, 2, 2);
  EXPECT_EQ(refusal(b, "entry[2].processor"), Code::kProcessorOutOfRange);
  b = good;
  put_le(b, entry(0) + 6, 7, 2);
  EXPECT_EQ(refusal(b, "entry[0].reserved"), Code::kReservedNotZero);
  b = good;
  put_le(b, entry(2), 1, 4);  // task 1 is entry 0 already
  EXPECT_EQ(refusal(b, "entry[2].task"), Code::kDuplicateTask);
  b = good;
  put_le(b, entry(1) + 8, static_cast<std::uint64_t>(-5), 8);
  EXPECT_EQ(refusal(b, "entry[1].start"), Code::kNegativeStart);
  b = good;
  put_le(b, entry(1) + 16, 0, 8);
  put_le(b, entry(1) + 8, 1, 8);
  EXPECT_EQ(refusal(b, "entry[1].finish"), Code::kFinishBeforeStart);
}

TEST(CommandList, MessagesSayWhatIsAllowed) {
  Bytes8 b = encode_command_list(sample(), 2);
  put_le(b, entry(2) + 4, 9, 2);
  try {
    decode_command_list(b);
    FAIL() << "decoded without error";
  } catch (const CommandListError& e) {
    EXPECT_NE(std::string(e.what()).find("9 is out of range, allowed 0..1 (processor_count 2)"),
              std::string::npos)
        << e.what();
  }
}

TEST(CommandList, ErrorCodesAreStableRegisterValues) {
  // The ERROR_CODE register reports these numbers to host software.
  EXPECT_EQ(static_cast<std::uint32_t>(Code::kNone), 0u);
  EXPECT_EQ(static_cast<std::uint32_t>(Code::kBadMagic), 1u);
  EXPECT_EQ(static_cast<std::uint32_t>(Code::kFinishBeforeStart), 12u);
}

// Each prefix sits in a heap block of exactly its size, so a read past it is
// seen by AddressSanitizer; in any build it must be refused as truncated.
TEST(CommandList, EveryPrefixIsRefusedWithinItsBytes) {
  const Bytes8 good = encode_command_list(sample(), 2);
  for (std::size_t n = 0; n < good.size(); ++n) {
    std::unique_ptr<unsigned char[]> exact(new unsigned char[n == 0 ? 1 : n]);
    std::memcpy(exact.get(), good.data(), n);
    try {
      decode_command_list(exact.get(), n);
      ADD_FAILURE() << "prefix of " << n << " bytes decoded";
    } catch (const CommandListError& e) {
      EXPECT_EQ(e.code(), Code::kTruncated) << n << " bytes: " << e.what();
    }
  }
}

TEST(CommandList, BytesBeyondTheGivenSizeAreNeverUsed) {
  // A whole valid list in memory, but the caller hands over one entry fewer
  // than the header announces: reading on would find a valid third entry.
  const Bytes8 good = encode_command_list(sample(), 2);
  try {
    decode_command_list(good.data(), entry(2));
    FAIL() << "decoded bytes past the given size";
  } catch (const CommandListError& e) {
    EXPECT_EQ(e.code(), Code::kTruncated);
  }
  EXPECT_THROW(decode_command_list(nullptr, 64), CommandListError);
}

TEST(CommandList, HugeTaskCountIsRefusedBeforeAnyAllocation) {
  Bytes8 b = encode_command_list(Schedule{}, 1);
  put_le(b, 8, 0xFFFFFFFF, 4);
  EXPECT_EQ(refusal(b, "task_count"), Code::kTruncated);
}

TEST(CommandList, EncodeRefusesWhatTheFormatCannotCarry) {
  Schedule s = sample();
  EXPECT_THROW(encode_command_list(s, 1), CommandListError);  // processor 1 of 1
  EXPECT_THROW(encode_command_list(s, 70000), CommandListError);
  s.order = {0, 1};
  EXPECT_THROW(encode_command_list(s, 2), CommandListError);
  s.order = {0, 1, 5};
  EXPECT_THROW(encode_command_list(s, 2), CommandListError);
  s.order = {0, 1, 1};
  try {
    encode_command_list(s, 2);
    FAIL() << "encoded a duplicate";
  } catch (const CommandListError& e) {
    EXPECT_EQ(e.code(), Code::kDuplicateTask);
  }
  s = sample();
  s.slots[2].finish = 59;
  EXPECT_THROW(encode_command_list(s, 2), CommandListError);
}

}  // namespace
}  // namespace cnnsched::command_list_test
