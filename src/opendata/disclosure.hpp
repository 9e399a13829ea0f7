#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sen::opendata {

// Why a published cell is left empty. The codes are stable: they appear in every dataset's
// dictionary and in its files next to the empty cell.
enum class Suppression : std::uint8_t {
  kNone,
  kSmallCount,     // a count of 1 to threshold-1
  kComplementary,  // hidden so that a small count cannot be recovered by subtraction from a total
  kSmallBase,      // a rate whose numerator or denominator is hidden or under the threshold
};
std::string_view reason_code(Suppression s);  // "", "S1", "S2", "S3"
std::string_view reason_text_vi(Suppression s);
std::string_view reason_text_en(Suppression s);

// Counts a table publishes, and the sums a reader could subtract from: each relation says the
// total cell equals the sum of its parts (a row or column total, a province against its communes,
// a year against its months). protect() hides small counts and then, for every relation left with
// exactly one hidden cell, hides one more (the smallest non-zero part, else the total), until no
// relation has exactly one: no hidden value is the difference of published ones.
struct CountGrid {
  struct Relation {
    std::size_t total;
    std::vector<std::size_t> parts;
  };
  std::vector<std::int64_t> counts;
  std::vector<Relation> relations;
  std::vector<Suppression> marks;  // filled by protect(), one per count
};

// Zero is published: it counts nobody. `threshold` >= 1; 1 hides nothing.
void protect(CountGrid& grid, std::int64_t threshold);

// A rate is hidden with its numerator or denominator, and when either is under the threshold.
Suppression rate_suppression(std::int64_t numerator, Suppression numerator_mark, std::int64_t denominator,
                             Suppression denominator_mark, std::int64_t threshold);

// The method, stated in each dataset's metadata (DCAT dct:provenance).
std::string method_vi(std::int64_t threshold);
std::string method_en(std::int64_t threshold);

}  // namespace sen::opendata
