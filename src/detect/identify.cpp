// SPDX-License-Identifier: GPL-2.0-or-later
#include <cstring>

#include "detect/layer.h"
#include "elf/reader.h"

namespace iotguard::detect {

Kind identify(Bytes bytes) {
  if (elf::is_elf(bytes)) return Kind::elf;
  if (bytes.size() >= 2 && bytes[0] == '#' && bytes[1] == '!') return Kind::script;
  return Kind::other;
}

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::elf:
      return "elf";
    case Kind::script:
      return "script";
    case Kind::other:
      break;
  }
  return "other";
}

}  // namespace iotguard::detect
