// SPDX-License-Identifier: GPL-2.0-or-later
// The external variables rules read: which ones a rule text reads, and the
// values of filetype and owner.
#include <gtest/gtest.h>

#include <pwd.h>
#include <unistd.h>

#include <string>

#include "detect/yara/externals.h"

using namespace iotguard::detect::yara;

namespace {
using Set = std::set<std::string, std::less<>>;

iotguard::Bytes bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

TEST(Externals, ReadWhereAConditionUsesThem) {
  EXPECT_EQ(externals_read("rule A { condition: filename matches /x/ and owner == \"r\" }"),
            (Set{"filename", "owner"}));
  EXPECT_EQ(
      externals_read("rule A { strings: $a = \"x\" condition:\n $a and filetype == \"ELF\" }"),
      (Set{"filetype"}));
  // signature-base style: meta keys of the same name, then the condition.
  EXPECT_EQ(externals_read("rule A {\n meta:\n  filename = \"dropper.exe\"\n  extension = \".x\"\n"
                           " strings:\n  $filename = \"filepath\"\n condition:\n  #filename > 1 }\n"
                           "rule B { meta: owner = \"me\" condition: extension == \".php\" }"),
            (Set{"extension"}));
}

TEST(Externals, CommentsStringsModulesAndLookalikesReadNothing) {
  EXPECT_EQ(externals_read("// filename\n/* filepath\n owner */ rule filenames { condition: "
                           "pe.filename == \"a\\\"filetype\" and my_filename and !filepath }"),
            Set{});
  EXPECT_EQ(externals_read("rule A { condition: true } /* unterminated filename"), Set{});
  EXPECT_EQ(externals_read("rule A { strings: $a = \"unterminated filename"), Set{});
  EXPECT_EQ(externals_read(""), Set{});
}

TEST(Externals, OnlyNameAndOwnerLikeVariablesDependOnThePath) {
  for (const char* e : {"filename", "filepath", "extension", "owner"})
    EXPECT_TRUE(depends_on_path(e)) << e;
  for (const char* e : {"filetype", "elf_machine", "other"}) EXPECT_FALSE(depends_on_path(e)) << e;
}

TEST(Externals, FileTypeNamesAsLokiDoes) {
  EXPECT_EQ(file_type(bytes_of("\x7f"
                               "ELF\x01\x01\x01")),
            "ELF");
  EXPECT_EQ(file_type(bytes_of("MZ\x90")), "EXE");
  EXPECT_EQ(file_type(bytes_of("#!/bin/sh\nwget x")), "UNIX SCRIPT");
  EXPECT_EQ(file_type(bytes_of("#! perl")), "Script");
  EXPECT_EQ(file_type(bytes_of("<?php system($_GET['c']);")), "PHP");
  EXPECT_EQ(file_type(bytes_of("<%@ page %>")), "ASP");
  EXPECT_EQ(file_type(bytes_of("<% out.print() %>")), "JSP");
  EXPECT_EQ(file_type(bytes_of(std::string("PK\x03\x04", 4) + "rest")), "ZIP");
  std::string tar(512, '\0');
  tar.replace(257, 5, "ustar");
  EXPECT_EQ(file_type(bytes_of(tar)), "TAR");
  EXPECT_EQ(file_type(bytes_of(tar.substr(0, 260))), "UNKNOWN");  // cut before the magic ends
  EXPECT_EQ(file_type(bytes_of("\x7f")), "UNKNOWN");
  EXPECT_EQ(file_type(bytes_of("")), "UNKNOWN");
}

TEST(Externals, OwnerIsTheUserNameOrTheNumber) {
  EXPECT_EQ(owner_name(0), "root");
  passwd* me = ::getpwuid(::geteuid());
  ASSERT_NE(me, nullptr);
  EXPECT_EQ(owner_name(::geteuid()), me->pw_name);
  // A uid no system has a name for.
  constexpr uid_t kNobodyKnows = 3999999991u;
  ASSERT_EQ(::getpwuid(kNobodyKnows), nullptr);
  EXPECT_EQ(owner_name(kNobodyKnows), "3999999991");
}
