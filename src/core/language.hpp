#pragma once

namespace sen {

// The languages people read Sen in. Labels, headers and documents are written in one of them.
enum class Language { kVietnamese, kEnglish };

}  // namespace sen
