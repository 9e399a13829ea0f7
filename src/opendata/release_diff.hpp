#pragma once

#include <boost/json.hpp>
#include <cstddef>

#include "opendata/dataset.hpp"

namespace sen::opendata {

// What changed from one release to another: rows added, removed, and (when the columns have keys)
// rows whose values changed, each list cut at `max_rows` with its full count beside it.
boost::json::object release_diff(const Release& from, const Release& to, std::size_t max_rows);

}  // namespace sen::opendata
