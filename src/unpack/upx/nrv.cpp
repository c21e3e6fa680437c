// SPDX-License-Identifier: GPL-2.0-or-later
// NRV2B/2D/2E blocks through libucl, the library UPX's NRV methods come from.
// UPX's method ids 2..10 are the three algorithms in three bit-buffer widths
// (le32, 8, le16: UPX src/conf.h), which map one-to-one onto libucl's
// ucl_nrv2?_decompress_safe_{le32,8,le16}.
#include <ucl/ucl.h>

#include <fmt/format.h>

#include "unpack/upx/decompress.h"
#include "unpack/upx/headers.h"

namespace iotguard::unpack::upx {
namespace {

using UclFn = int (*)(const ucl_bytep, ucl_uint, ucl_bytep, ucl_uintp, ucl_voidp);

UclFn pick(std::uint8_t method) {
  switch (method) {
    case kNrv2bLe32:
      return ucl_nrv2b_decompress_safe_le32;
    case kNrv2b8:
      return ucl_nrv2b_decompress_safe_8;
    case kNrv2bLe16:
      return ucl_nrv2b_decompress_safe_le16;
    case kNrv2dLe32:
      return ucl_nrv2d_decompress_safe_le32;
    case kNrv2d8:
      return ucl_nrv2d_decompress_safe_8;
    case kNrv2dLe16:
      return ucl_nrv2d_decompress_safe_le16;
    case kNrv2eLe32:
      return ucl_nrv2e_decompress_safe_le32;
    case kNrv2e8:
      return ucl_nrv2e_decompress_safe_8;
    case kNrv2eLe16:
      return ucl_nrv2e_decompress_safe_le16;
    default:
      return nullptr;
  }
}

bool ucl_ready() {
  static const bool ok = ucl_init() == UCL_E_OK;
  return ok;
}

}  // namespace

std::optional<std::string> decompress_nrv(std::uint8_t method, Bytes in,
                                          std::span<std::uint8_t> out) {
  UclFn fn = pick(method);
  if (!fn) return fmt::format("not an NRV method: {}", method);
  if (!ucl_ready()) return "libucl failed to initialise";
  if (in.size() > UINT32_MAX || out.size() > UINT32_MAX) return "block too large";
  ucl_uint produced = static_cast<ucl_uint>(out.size());
  // The safe decompressors check every input read and output write against
  // the lengths given, so a lying stream stops at out.size().
  const int rc = fn(const_cast<ucl_bytep>(in.data()), static_cast<ucl_uint>(in.size()), out.data(),
                    &produced, nullptr);
  if (rc != UCL_E_OK && rc != UCL_E_INPUT_NOT_CONSUMED)
    return fmt::format("{} stream is corrupt (libucl error {})", method_name(method), rc);
  if (produced != out.size())
    return fmt::format("{} stream gave {} bytes, b_info declares {}", method_name(method), produced,
                       out.size());
  return std::nullopt;
}

std::optional<std::string> decompress(std::uint8_t method, Bytes in, std::span<std::uint8_t> out) {
  if (method == kLzma) return decompress_lzma(in, out);
  if (method >= kNrv2bLe32 && method <= kNrv2eLe16) return decompress_nrv(method, in, out);
  return fmt::format("unsupported compression method {}", method_name(method));
}

}  // namespace iotguard::unpack::upx
