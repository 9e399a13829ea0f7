#include "audit/audit_log.hpp"

#include <gtest/gtest.h>

#include "storage/testing/backend_test.hpp"

namespace sen::audit {
namespace {

class AuditLogTest : public storage::testing::BackendTest {
 protected:
  void add(int n) {
    for (int i = 0; i < n; ++i) {
      auto r = db().write_transaction([&](storage::Connection& c) {
        return append(c,
                      Entry{"acc1", "127.0.0.1", "thing.change", "thing", std::to_string(i), "01",
                            R"({"before":1,"after":2})"},
                      clock_);
      });
      ASSERT_TRUE(r) << r.error().internal;
    }
  }
};

TEST_P(AuditLogTest, AnIntactChainVerifies) {
  add(5);
  auto report = verify(db());
  ASSERT_TRUE(report);
  EXPECT_EQ(report->checked, 5);
  EXPECT_FALSE(report->first_bad_seq);
}

// Entries wait for the commit; those of a unit undone by its savepoint are never written.
TEST_P(AuditLogTest, EntriesOfAnUndoneUnitAreNotWritten) {
  add(2);
  auto entry = [](std::string id) {
    return Entry{"acc1", "127.0.0.1", "thing.change", "thing", std::move(id), "01", "{}"};
  };
  auto r = db().write_transaction([&](storage::Connection& c) -> Status {
    if (auto s = append(c, entry("kept-1"), clock_); !s) return s;
    if (auto s = c.savepoint(); !s) return s;
    if (auto s = append(c, entry("undone"), clock_); !s) return s;
    if (auto s = c.rollback_to_savepoint(); !s) return s;
    return append(c, entry("kept-2"), clock_);
  });
  ASSERT_TRUE(r) << r.error().internal;
  auto report = verify(db());
  ASSERT_TRUE(report);
  EXPECT_EQ(report->checked, 4);
  EXPECT_FALSE(report->first_bad_seq) << report->problem;
  auto conn = db().acquire();
  auto rows = (*conn)->execute("SELECT object_id FROM audit_log WHERE seq > 2 ORDER BY seq");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0].text(0), "kept-1");
  EXPECT_EQ(rows->rows[1].text(0), "kept-2");
}

TEST_P(AuditLogTest, AnEditedEntryIsFoundAndNamed) {
  add(5);
  auto conn = db().acquire();
  ASSERT_TRUE((*conn)->execute("UPDATE audit_log SET summary = '{\"after\":3}' WHERE seq = 3"));
  auto report = verify(db());
  ASSERT_TRUE(report);
  EXPECT_EQ(report->first_bad_seq, 3);
  EXPECT_NE(report->problem.find("entry 3"), std::string::npos);
}

TEST_P(AuditLogTest, ADeletedEntryIsFound) {
  add(5);
  auto conn = db().acquire();
  ASSERT_TRUE((*conn)->execute("DELETE FROM audit_log WHERE seq = 2"));
  auto report = verify(db());
  ASSERT_TRUE(report);
  EXPECT_EQ(report->first_bad_seq, 3);
  EXPECT_NE(report->problem.find("entry 2 is missing"), std::string::npos);
}

TEST_P(AuditLogTest, ARehashedEditStillBreaksTheLinkToItsSuccessor) {
  add(4);
  auto conn = db().acquire();
  auto rows = (*conn)->execute("SELECT seq, at, prev_hash FROM audit_log WHERE seq = 2");
  StoredEntry forged{2, rows->rows[0].text(1),
                     Entry{"acc1", "127.0.0.1", "thing.change", "thing", "1", "01", "{}"},
                     rows->rows[0].text(2), ""};
  forged.hash = entry_hash(forged);
  ASSERT_TRUE(
      (*conn)->execute("UPDATE audit_log SET summary = '{}', hash = $1 WHERE seq = 2", {forged.hash}));
  auto report = verify(db());
  ASSERT_TRUE(report);
  EXPECT_EQ(report->first_bad_seq, 3);
}

TEST_P(AuditLogTest, QueriesByObjectAndPagesInOrder) {
  add(7);
  auto page = query(db(), Query{"thing", "4", "", "", {}, {}}, {});
  ASSERT_TRUE(page) << page.error().internal;
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].entry.object_id, "4");
  std::vector<std::int64_t> seqs;
  storage::PageRequest req{3, ""};
  for (;;) {
    auto p = query(db(), Query{"", "", "acc1", "01", {}, {}}, req);
    ASSERT_TRUE(p) << p.error().internal;
    for (const auto& e : p->items) seqs.push_back(e.seq);
    if (!p->next_after) break;
    req.after = *p->next_after;
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7}));

  // A caller walking every page counts once: the same rows, no total.
  auto uncounted = query(db(), Query{"", "", "acc1", "01", {}, {}}, storage::PageRequest{3, "", false});
  ASSERT_TRUE(uncounted);
  EXPECT_EQ(uncounted->total, 0);
  ASSERT_EQ(uncounted->items.size(), 3u);
  EXPECT_EQ(uncounted->items[0].seq, 1);
}

TEST_P(AuditLogTest, FiltersByActionAndPagesNewestFirst) {
  add(5);
  auto other = db().write_transaction([&](storage::Connection& c) {
    return append(c, Entry{"acc2", "", "account.admin_lock", "account", "acc1", "", "{}"}, clock_);
  });
  ASSERT_TRUE(other) << other.error().internal;

  Query locks;
  locks.action = "account.admin_lock";
  auto found = query(db(), locks, {});
  ASSERT_TRUE(found) << found.error().internal;
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->items[0].entry.actor_id, "acc2");

  Query latest;
  latest.action = "thing.change";
  latest.newest_first = true;
  std::vector<std::int64_t> seqs;
  storage::PageRequest req{2, ""};
  for (;;) {
    auto p = query(db(), latest, req);
    ASSERT_TRUE(p) << p.error().internal;
    for (const auto& e : p->items) seqs.push_back(e.seq);
    if (!p->next_after) break;
    req.after = *p->next_after;
    req.count_total = false;
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{5, 4, 3, 2, 1}));
}

SEN_INSTANTIATE_FOR_BACKENDS(AuditLogTest);

}  // namespace
}  // namespace sen::audit
