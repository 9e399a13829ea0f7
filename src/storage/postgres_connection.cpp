#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/change_feed.hpp"
#include "storage/database.hpp"

namespace sen::storage {
namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
// The advisory lock every write transaction holds (key 7366 is the migrations').
constexpr std::string_view kTakeWriteLock = "SELECT pg_advisory_xact_lock(7367)";
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

Error postgres_error(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  Error e;
  e.internal = fmt::format("postgres {}: {} [{}]", what,
                           res ? PQresultErrorMessage(res) : PQerrorMessage(conn), sqlstate);
  if (sqlstate == "23505") {
    e.code = ErrorCode::kConflict;
    e.message = "A record with the same key already exists";
  } else if (sqlstate.starts_with("23")) {
    e.code = ErrorCode::kConflict;
    e.message = "The change conflicts with existing data";
  } else if (sqlstate == "57014") {
    e.code = ErrorCode::kUnavailable;
    e.message = "The request took too long; try again shortly";
  } else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate.starts_with("08") ||
             sqlstate.starts_with("57P") || PQstatus(conn) != CONNECTION_OK) {
    e.code = ErrorCode::kUnavailable;
    e.message = "The database is busy or unreachable; try again shortly";
  } else {
    e.code = ErrorCode::kInternal;
    e.message = "Internal error";
  }
  return e;
}

Value convert(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return nullptr;
  const char* text = PQgetvalue(res, row, col);
  const int length = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kBoolOid:
      return std::int64_t{text[0] == 't' ? 1 : 0};
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      std::int64_t v = 0;
      std::from_chars(text, text + length, v);
      return v;
    }
    case kFloat4Oid:
    case kFloat8Oid:
      return std::stod(std::string(text, length));
    default:
      return std::string(text, length);
  }
}

constexpr std::size_t kCopyChunk = 1 << 20;

// One value in COPY's text format: \N for NULL; backslash, tab and line ends escaped.
void append_copy_text(std::string& out, const Value& v) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          out += "\\N";
        } else if constexpr (std::is_same_v<T, std::string>) {
          for (char c : x) {
            switch (c) {
              case '\\':
                out += "\\\\";
                break;
              case '\t':
                out += "\\t";
                break;
              case '\n':
                out += "\\n";
                break;
              case '\r':
                out += "\\r";
                break;
              default:
                out += c;
            }
          }
        } else {
          fmt::format_to(std::back_inserter(out), "{}", x);
        }
      },
      v);
}

// Every statement is a named prepared statement of this connection (parsed and planned once), sent
// in pipeline mode: deferred statements queue up and travel with the next statement that needs an
// answer, so a transaction of many INSERTs costs one round trip, not one per statement.
class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }
  bool defers_statements() const override { return true; }

  Result<QueryResult> execute(std::string_view sql, std::span<const Value> params) override {
    if (auto s = send_gathered(); !s) return tl::unexpected(s.error());
    if (auto s = send(sql, params); !s) return tl::unexpected(s.error());
    auto res = finish();
    if (!res) return tl::unexpected(res.error());
    QueryResult result;
    const PGresult* r = res->get();
    const int columns = PQnfields(r);
    const int rows = PQntuples(r);
    for (int c = 0; c < columns; ++c) result.columns.emplace_back(PQfname(r, c));
    result.rows.reserve(rows);
    for (int i = 0; i < rows; ++i) {
      Row row;
      row.values.reserve(columns);
      for (int c = 0; c < columns; ++c) row.values.push_back(convert(r, i, c));
      result.rows.push_back(std::move(row));
    }
    const char* affected = PQcmdTuples(const_cast<PGresult*>(r));
    if (affected != nullptr && *affected != '\0') result.affected_rows = std::stoll(affected);
    return result;
  }

  Status execute_deferred(std::string_view sql, std::span<const Value> params) override {
    if (auto at = values_tuple_at(sql)) {
      gather(sql, *at, params);
      return {};
    }
    if (auto s = send_gathered(); !s) return s;
    if (auto s = send(sql, params); !s) return s;
    // Bounded, so neither side's socket buffer fills with answers nobody reads yet.
    if (expected_.size() >= kMaxQueued) {
      auto res = finish();
      if (!res) return tl::unexpected(res.error());
    }
    return {};
  }

  using Connection::copy_rows;
  Status copy_rows(std::string_view table, std::span<const std::string_view> columns, std::size_t count,
                   const RowFill& fill) override {
    if (count == 0) return {};
    // COPY cannot run in pipeline mode: everything queued goes first.
    if (auto s = send_gathered(); !s) return s;
    if (!expected_.empty()) {
      if (auto res = finish(); !res) return tl::unexpected(res.error());
    }
    const std::string sql = fmt::format("COPY {} ({}) FROM STDIN", table, fmt::join(columns, ", "));
    ResultPtr start(PQexec(conn_, sql.c_str()), &PQclear);
    if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN)
      return tl::unexpected(postgres_error(conn_, start.get(), "copy"));
    std::string buffer;
    std::vector<Value> row(columns.size());
    bool sent = true;
    for (std::size_t index = 0; index < count; ++index) {
      fill(index, row);
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) buffer += '\t';
        append_copy_text(buffer, row[i]);
      }
      buffer += '\n';
      if (buffer.size() >= kCopyChunk) {
        sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
        buffer.clear();
        if (!sent) break;
      }
    }
    if (sent && !buffer.empty())
      sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
    if (PQputCopyEnd(conn_, sent ? nullptr : "client failed to send rows") != 1)
      return tl::unexpected(broken("copy end"));
    std::optional<Error> error;
    while (PGresult* raw = PQgetResult(conn_)) {
      ResultPtr res(raw, &PQclear);
      if (PQresultStatus(raw) != PGRES_COMMAND_OK && !error) error = postgres_error(conn_, raw, "copy");
    }
    if (error) return tl::unexpected(*error);
    if (!sent) return tl::unexpected(broken("copy data"));
    return {};
  }

  // Between units every child row's parent is gathered too, so what is gathered can go now: the
  // server inserts it while the caller prepares the next units.
  void end_of_unit() override {
    const bool enough =
        std::any_of(gathered_.begin(), gathered_.end(), [](const auto& g) { return g.rows >= kRowsPerSend; });
    if (!enough) return;
    if (!send_gathered() || PQflush(conn_) != 0) broken_ = true;
  }

  Status execute_script(std::string_view sql) override {
    if (auto s = send_gathered(); !s) return s;
    if (!expected_.empty()) {
      if (auto res = finish(); !res) return tl::unexpected(res.error());
    }
    const std::string text(sql);
    ResultPtr res(PQexec(conn_, text.c_str()), &PQclear);
    const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return tl::unexpected(postgres_error(conn_, res.get(), "script"));
    }
    return {};
  }

  Result<std::vector<std::string>> wait_for_notifications(std::chrono::milliseconds timeout) {
    std::vector<std::string> channels;
    const auto drain = [&]() -> Status {
      if (PQconsumeInput(conn_) == 0) return tl::unexpected(postgres_error(conn_, nullptr, "listen"));
      while (PGnotify* n = PQnotifies(conn_)) {
        channels.emplace_back(n->relname);
        PQfreemem(n);
      }
      return {};
    };
    if (auto ok = drain(); !ok) return tl::unexpected(ok.error());
    if (!channels.empty()) return channels;
    pollfd waiting{PQsocket(conn_), POLLIN, 0};
    if (waiting.fd < 0) return tl::unexpected(postgres_error(conn_, nullptr, "listen"));
    if (poll(&waiting, 1, static_cast<int>(timeout.count())) > 0) {
      if (auto ok = drain(); !ok) return tl::unexpected(ok.error());
    }
    return channels;
  }

  bool ensure_usable() override {
    if (broken_ || PQstatus(conn_) != CONNECTION_OK) {
      PQreset(conn_);
      prepared_.clear();  // the server forgot them with the old session
      expected_.clear();
      gathered_.clear();
      broken_ = false;
    }
    if (PQstatus(conn_) != CONNECTION_OK) return false;
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)rollback();
    return true;
  }

 protected:
  // One write transaction at a time across every instance sharing the database, held to the commit:
  // then the ids a transaction takes from identity columns all commit before any later one's, so a
  // reader of "the events after id N" (the data brain on each instance) never misses one committed
  // late, and the audit chain links each entry to the one committed before it. Sent with the next
  // statement, so it costs no round trip of its own; within one instance the writer is alone anyway.
  Status do_begin_write() override {
    if (auto s = execute_deferred("BEGIN", {}); !s) return s;
    return execute_deferred(kTakeWriteLock, {});
  }
  Status do_commit() override {
    auto r = execute("COMMIT", {});
    if (!r) return tl::unexpected(r.error());
    return {};
  }
  Status do_rollback() override {
    gathered_.clear();
    if (!expected_.empty()) (void)finish();  // answers to statements being undone anyway
    return execute_script("ROLLBACK");
  }

 private:
  static constexpr std::size_t kMaxQueued = 512;

  struct Expected {
    bool prepare = false;
    std::string sql;  // for a prepare: forgotten again if it fails
  };

  Error broken(std::string_view what) {
    broken_ = true;
    return postgres_error(conn_, nullptr, what);
  }

  // Deferred INSERTs of one row each (`INSERT INTO t (...) VALUES (...)`, nothing after the values)
  // are gathered per statement text and sent as multi-row INSERTs just before any other statement,
  // in the order each text first came: parents, written first by every unit, stay before children.
  struct Gathered {
    std::string sql;
    std::size_t tuple_at = 0;  // where "(...)" after VALUES starts
    std::size_t row_params = 0;
    std::size_t rows = 0;
    std::vector<Value> params;
  };
  static constexpr std::size_t kRowsPerInsert = 64;
  static constexpr std::size_t kRowsPerSend = 16;

  static std::optional<std::size_t> values_tuple_at(std::string_view sql) {
    if (!sql.starts_with("INSERT INTO ") || !sql.ends_with(")")) return std::nullopt;
    const auto values = sql.find(" VALUES (");
    if (values == std::string_view::npos) return std::nullopt;
    const std::string_view tail = sql.substr(values);
    if (tail.find("SELECT") != std::string_view::npos || tail.find("ON CONFLICT") != std::string_view::npos ||
        tail.find("RETURNING") != std::string_view::npos) {
      return std::nullopt;
    }
    return values + 8;
  }

  // The tuple's $N renumbered by `offset`; quoted literals are left alone.
  static void append_renumbered(std::string& out, std::string_view tuple, std::size_t offset) {
    bool quoted = false;
    for (std::size_t i = 0; i < tuple.size(); ++i) {
      const char c = tuple[i];
      if (c == '\'') quoted = !quoted;
      if (quoted || c != '$' || i + 1 >= tuple.size() || tuple[i + 1] < '0' || tuple[i + 1] > '9') {
        out += c;
        continue;
      }
      std::size_t n = 0;
      while (i + 1 < tuple.size() && tuple[i + 1] >= '0' && tuple[i + 1] <= '9')
        n = n * 10 + (tuple[++i] - '0');
      out += fmt::format("${}", n + offset);
    }
  }

  void gather(std::string_view sql, std::size_t tuple_at, std::span<const Value> params) {
    auto it = std::find_if(gathered_.begin(), gathered_.end(), [&](const auto& g) { return g.sql == sql; });
    if (it == gathered_.end()) {
      gathered_.push_back(Gathered{std::string(sql), tuple_at, params.size(), 0, {}});
      it = std::prev(gathered_.end());
    }
    it->params.insert(it->params.end(), params.begin(), params.end());
    ++it->rows;
  }

  Status send_gathered() {
    for (const auto& g : gathered_) {
      const std::string_view tuple = std::string_view(g.sql).substr(g.tuple_at);
      for (std::size_t first = 0; first < g.rows; first += kRowsPerInsert) {
        const std::size_t n = std::min(kRowsPerInsert, g.rows - first);
        std::string& sql = multi_row_sql_[fmt::format("{}\x1f{}", g.sql, n)];
        if (sql.empty()) {
          sql = g.sql.substr(0, g.tuple_at);
          for (std::size_t r = 0; r < n; ++r) {
            if (r > 0) sql += ", ";
            append_renumbered(sql, tuple, r * g.row_params);
          }
        }
        const auto params = std::span<const Value>(g.params).subspan(first * g.row_params, n * g.row_params);
        if (auto s = send(sql, params); !s) {
          gathered_.clear();
          return s;
        }
      }
    }
    gathered_.clear();
    return {};
  }

  // Queues `sql` (preparing it first if this connection has not yet) without waiting for answers.
  Status send(std::string_view sql, std::span<const Value> params) {
    if (PQpipelineStatus(conn_) == PQ_PIPELINE_OFF && PQenterPipelineMode(conn_) != 1) {
      return tl::unexpected(broken("pipeline"));
    }
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      it = prepared_.emplace(std::string(sql), fmt::format("sen{}", next_statement_++)).first;
      if (PQsendPrepare(conn_, it->second.c_str(), it->first.c_str(), static_cast<int>(params.size()),
                        nullptr) != 1) {
        prepared_.erase(it);
        return tl::unexpected(broken("prepare"));
      }
      expected_.push_back({true, std::string(sql)});
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (!std::is_same_v<T, std::nullptr_t>) {
              if constexpr (std::is_same_v<T, std::string>) {
                values[i] = v.c_str();
              } else {
                if constexpr (std::is_same_v<T, double>) {
                  texts[i] = fmt::format("{}", v);
                } else {
                  texts[i] = std::to_string(v);
                }
                values[i] = texts[i].c_str();
              }
            }
          },
          params[i]);
    }
    // libpq copies the values into its output buffer here.
    if (PQsendQueryPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(),
                            nullptr, nullptr, 0) != 1) {
      return tl::unexpected(broken("send"));
    }
    expected_.push_back({false, {}});
    return {};
  }

  // Sends everything queued, waits for all the answers and leaves pipeline mode. Returns the last
  // statement's result, or the first error (statements after it were skipped by the server).
  Result<ResultPtr> finish() {
    ResultPtr last(nullptr, &PQclear);
    std::optional<Error> first_error;
    if (PQpipelineSync(conn_) != 1) {
      expected_.clear();
      return tl::unexpected(broken("sync"));
    }
    for (const auto& e : expected_) {
      while (PGresult* raw = PQgetResult(conn_)) {
        ResultPtr res(raw, &PQclear);
        const auto status = PQresultStatus(raw);
        const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
        if (!ok) {
          if (e.prepare) prepared_.erase(e.sql);
          if (!first_error && status != PGRES_PIPELINE_ABORTED) {
            first_error = postgres_error(conn_, raw, e.prepare ? "prepare" : "execute");
          }
        } else if (!e.prepare) {
          last = std::move(res);
        }
      }
    }
    expected_.clear();
    ResultPtr sync(PQgetResult(conn_), &PQclear);
    if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC || PQexitPipelineMode(conn_) != 1) {
      return tl::unexpected(first_error ? *first_error : broken("pipeline end"));
    }
    if (first_error) return tl::unexpected(*first_error);
    if (!last) return tl::unexpected(broken("no result"));
    return last;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string, SqlHash, std::equal_to<>> prepared_;  // SQL -> name
  std::uint64_t next_statement_ = 0;
  std::vector<Expected> expected_;
  std::vector<Gathered> gathered_;
  std::unordered_map<std::string, std::string> multi_row_sql_;  // "<one-row SQL>\x1f<rows>" -> its text
  bool broken_ = false;
};

}  // namespace

Result<std::vector<std::string>> wait_for_notifications(Connection& conn, std::chrono::milliseconds timeout) {
  auto* pg = dynamic_cast<PostgresConnection*>(&conn);
  if (!pg)
    return tl::unexpected(Error{ErrorCode::kInternal, "Internal error", "notifications need PostgreSQL", {}});
  return pg->wait_for_notifications(timeout);
}

Result<std::unique_ptr<Connection>> open_postgres(const std::string& url, int statement_timeout_ms) {
  // Defaults first; the URL is expanded after them, so what it sets wins. Timeouts bound every wait:
  // connecting, a silent network (keepalives, tcp_user_timeout) and a runaway statement.
  const std::string options = fmt::format("-c TimeZone=UTC -c statement_timeout={}", statement_timeout_ms);
  const char* keys[] = {"connect_timeout",
                        "keepalives_idle",
                        "tcp_user_timeout",
                        "client_encoding",
                        "options",
                        "dbname",
                        nullptr};
  const char* values[] = {"5", "30", "30000", "UTF8", options.c_str(), url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (PQstatus(conn) != CONNECTION_OK) {
    Error e;
    e.code = ErrorCode::kUnavailable;
    e.message = "Cannot connect to the PostgreSQL database";
    e.internal = PQerrorMessage(conn);
    PQfinish(conn);
    return tl::unexpected(e);
  }
  // Keep server notices (e.g. "relation already exists, skipping") out of standard error, and row
  // values (DETAIL lines of constraint errors) out of error messages that end up in logs.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  PQsetErrorVerbosity(conn, PQERRORS_TERSE);
  return std::unique_ptr<Connection>(std::make_unique<PostgresConnection>(conn));
}

}  // namespace sen::storage
