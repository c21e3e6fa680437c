// SPDX-License-Identifier: GPL-2.0-or-later
// Local accounts: passwd(5) joined with shadow(5), parsed without NSS so a
// firmware tree is read exactly as written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iotguard::audit {

class Root;

struct Account {
  std::string name;
  std::string uid;       // as written (a firmware passwd may hold junk)
  std::string hash;      // shadow's field when the account is there, else passwd's
  std::string source;    // "/etc/shadow" or "/etc/passwd"
  std::size_t line = 0;  // in source
  std::string shell;
};

// Accounts from /etc/passwd (and /etc/shadow); the error lists what could not be read.
std::vector<Account> read_accounts(const Root& root, std::size_t max_bytes,
                                   std::vector<std::string>& problems);

// No password needed: an empty hash field.
bool hash_is_empty(std::string_view h);
// Locked or disabled: "*", "!", "!!", "x", "!"-prefixed, "*LK*", ...
bool hash_is_locked(std::string_view h);
// DES (13 chars), BSDi extended DES ("_"), MD5-crypt ("$1$"), NT-hash ("$3$").
std::string_view legacy_hash_scheme(std::string_view h);
// Schemes designed to be slow (yescrypt, bcrypt, scrypt, gost-yescrypt, sunmd5).
bool hash_is_slow(std::string_view h);

}  // namespace iotguard::audit
