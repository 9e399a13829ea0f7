#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>
#include <string>

#include "storage/database.hpp"

namespace sen::storage {
namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
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

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<QueryResult> execute(std::string_view sql, std::span<const Value> params) override {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              values[i] = nullptr;
            } else {
              if constexpr (std::is_same_v<T, std::string>) {
                texts[i] = v;
              } else if constexpr (std::is_same_v<T, double>) {
                texts[i] = fmt::format("{}", v);
              } else {
                texts[i] = std::to_string(v);
              }
              values[i] = texts[i].c_str();
            }
          },
          params[i]);
    }
    const std::string text(sql);
    ResultPtr res(PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                               nullptr, nullptr, 0),
                  &PQclear);
    const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      return tl::unexpected(postgres_error(conn_, res.get(), "execute"));
    }
    QueryResult result;
    const int columns = PQnfields(res.get());
    const int rows = PQntuples(res.get());
    for (int c = 0; c < columns; ++c) result.columns.emplace_back(PQfname(res.get(), c));
    result.rows.reserve(rows);
    for (int r = 0; r < rows; ++r) {
      Row row;
      row.values.reserve(columns);
      for (int c = 0; c < columns; ++c) row.values.push_back(convert(res.get(), r, c));
      result.rows.push_back(std::move(row));
    }
    const char* affected = PQcmdTuples(res.get());
    if (affected != nullptr && *affected != '\0') result.affected_rows = std::stoll(affected);
    return result;
  }

  Status execute_script(std::string_view sql) override {
    const std::string text(sql);
    ResultPtr res(PQexec(conn_, text.c_str()), &PQclear);
    const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return tl::unexpected(postgres_error(conn_, res.get(), "script"));
    }
    return {};
  }

  Status begin_write() override { return execute_script("BEGIN"); }
  Status commit() override { return execute_script("COMMIT"); }
  Status rollback() override { return execute_script("ROLLBACK"); }

  bool ensure_usable() override {
    if (PQstatus(conn_) != CONNECTION_OK) PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) return false;
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)rollback();
    return true;
  }

 private:
  PGconn* conn_;
};

}  // namespace

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
