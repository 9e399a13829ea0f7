#pragma once

#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>
#include <string_view>

namespace sen {

// JSON text to a value, as boost::json::parse but with every number that is not an integer read to
// the nearest double. Boost.JSON 1.81 reads some (about three in ten random doubles, e.g. "6E88") one
// unit in the last place off, so a stored document written back and read again would change; here
// writing and reading again always gives the same value. A number beyond the range of a double is
// an error (boost::json::error::exponent_overflow), never infinity, which JSON cannot write back.
boost::json::value parse_json(std::string_view text, boost::system::error_code& ec,
                              const boost::json::parse_options& options = {});

// As above, throwing boost::system::system_error: for text Sen wrote itself.
boost::json::value parse_json(std::string_view text, const boost::json::parse_options& options = {});

}  // namespace sen
