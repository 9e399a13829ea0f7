#include "core/key_seal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace sen {
namespace {

static_assert(kSealKeyBytes == crypto_secretbox_KEYBYTES);

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

tl::unexpected<Error> key_file_error(std::string message, const std::filesystem::path& file, int err) {
  auto e = fail(ErrorCode::kInternal, std::move(message));
  e.value().internal = file.string() + (err != 0 ? std::string(": ") + std::strerror(err) : "");
  return e;
}

Result<std::string> read_key(const std::filesystem::path& file, std::string_view name) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return key_file_error(fmt::format("{} file cannot be read", name), file, errno);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (key.size() != kSealKeyBytes) {
    return key_file_error(fmt::format("{} file is damaged: it must hold exactly 32 bytes", name), file, 0);
  }
  return key;
}

}  // namespace

Result<std::string> load_or_create_key(const std::filesystem::path& file, std::string_view name) {
  if (sodium_init() < 0) return fail_internal("libsodium could not be initialised");
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  if (ec)
    return key_file_error(fmt::format("{}'s directory cannot be created", name), file.parent_path(),
                          ec.value());
  // O_EXCL: of two processes starting at once, one creates the key and the other reads it.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    if (errno == EEXIST) return read_key(file, name);
    return key_file_error(fmt::format("{} file cannot be created", name), file, errno);
  }
  std::string key(kSealKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  const bool written =
      ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!written) {
    std::filesystem::remove(file, ec);
    return key_file_error(fmt::format("{} file cannot be written", name), file, err);
  }
  return key;
}

std::string seal(std::string_view plaintext, std::string_view master_key) {
  assert(master_key.size() == kSealKeyBytes);
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, bytes(plaintext), plaintext.size(), out,
                        bytes(master_key));
  std::string text(sodium_base64_encoded_len(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), out, box.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

Result<std::string> unseal(std::string_view sealed, std::string_view master_key) {
  if (master_key.size() != kSealKeyBytes) return fail_internal("a sealing key has the wrong size");
  std::string box(sealed.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(),
                        sealed.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return fail_internal("a sealed key is not valid base64 or too short");
  }
  const auto* in = reinterpret_cast<const unsigned char*>(box.data());
  std::string plain(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 in + crypto_secretbox_NONCEBYTES, length - crypto_secretbox_NONCEBYTES, in,
                                 bytes(master_key)) != 0) {
    return fail_internal("a sealed value does not open with this key (another key, or altered)");
  }
  return plain;
}

}  // namespace sen
